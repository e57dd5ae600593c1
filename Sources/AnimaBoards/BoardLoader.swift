import Foundation

/// Parses and validates one board file: UTF-8 text → YAML nodes (with line marks) → schema check → typed
/// `BoardDefinition` → cross-field rules. Every failure is one `BoardError` naming file, line and field;
/// no input makes it crash (a fuzz test feeds it thousands of mutated files).
public struct BoardLoader: Sendable {
    /// The controllers boards may name, with the facts the rules check against.
    public var controllers: [ControllerFacts]

    public init(controllers: [ControllerFacts]) {
        self.controllers = controllers
    }

    public func parse(bytes: [UInt8], file: String) throws(BoardError) -> BoardDefinition {
        try parse(text: try YAMLDocument.text(from: bytes, file: file), file: file)
    }

    public func parse(text: String, file: String) throws(BoardError) -> BoardDefinition {
        let schema = try BoardSchema.builtIn.get()
        let root = try YAMLDocument.compose(text, file: file)
        let validator = SchemaValidator(file: file, controllers: controllers.map(\.name))
        try validator.validate(root, against: schema.root, path: "")
        let decoded = try BoardDecoder(schema: schema, file: file).decode(root, text: text)
        try BoardRules(file: file, controllers: controllers).check(decoded.board, pinUses: decoded.pinUses, lines: decoded.lines)
        return decoded.board
    }

    /// Reads and parses the file at `path`.
    public func load(path: String) throws(BoardError) -> BoardDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied or unreadable"
            throw .unreadable(file: path, reason: reason)
        }
        return try parse(bytes: [UInt8](data), file: path)
    }
}

extension BoardLoader {
    /// A loader that accepts the controllers this binary has drivers for.
    public static let standard = BoardLoader(controllers: ControllerFacts.builtIn)
}
