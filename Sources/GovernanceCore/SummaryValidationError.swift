/// Why a summary batch was refused: one error, naming the exact field (`summaries[3].anima.warmth`).
/// The host answers it as `400 {"error": message, "field": field}` (413 for `.tooLarge`); nothing of the batch is stored.
public struct SummaryValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case malformedJSON, tooLarge, missingField, wrongType, outOfRange, notFinite, badUUID, badTime, batchSize
        case unsupportedSchema, duplicateID, invalidText
    }

    public var kind: Kind
    /// Path of the offending field; empty when the body as a whole is wrong (malformed JSON, too large).
    public var field: String
    public var message: String

    public init(kind: Kind, field: String, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }

    /// The JSON error body the bridge sends for this error.
    public var body: BridgeErrorBody { BridgeErrorBody(error: message, field: field.isEmpty ? nil : field) }
}
