/// Turns the raw bytes of a `POST /v1/summaries` body into a typed batch, or into exactly one error naming the field.
import JSONDocument
///
/// Shared by the host (which must refuse a bad batch whole) and the client (which checks what it is about to send).
/// Unknown keys are ignored so newer clients can add fields. Ranges (documented in docs/bridge.md):
/// anima.* and eisv.E/I/S in [0, 1]; eisv.V in [−1, 1] (the verdict engine's V range; the mapping yields [0, 0.3]);
/// drawing.E/I/C/curiosity/engagement/fatigue in [0, 1], drawing.S in [0, 2], drawing.V in [−2, 2] (the drawing
/// engine's clamps); marks, pixels, drawings_completed, awakenings non-negative integers; alive_seconds ≥ 0.
public enum SummaryValidator {
    public static func decodeBatch(_ bytes: [UInt8]) throws(SummaryValidationError) -> SummaryBatch {
        guard bytes.count <= SummaryBatch.maxBodyBytes else {
            throw SummaryValidationError(
                kind: .tooLarge, field: "",
                message: "body is \(bytes.count) bytes; the limit is \(SummaryBatch.maxBodyBytes) (send smaller batches)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw SummaryValidationError(kind: .malformedJSON, field: "", message: error.description)
        }
        let object = try JSONFields(root, path: "")
        let schema = try object.integer("schema", range: 0...Int.max)
        guard schema == SummaryBatch.schemaVersion else {
            throw SummaryValidationError(
                kind: .unsupportedSchema, field: "schema",
                message: "schema \(schema) is not supported; this host speaks schema \(SummaryBatch.schemaVersion)")
        }
        let items = try object.array("summaries")
        guard !items.isEmpty, items.count <= SummaryBatch.maxSummaries else {
            throw SummaryValidationError(
                kind: .batchSize, field: "summaries",
                message: "a batch holds 1 to \(SummaryBatch.maxSummaries) summaries, got \(items.count)")
        }
        var summaries: [Summary] = []
        summaries.reserveCapacity(items.count)
        var firstIndexOfID: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let summary = try decodeSummary(item, path: "summaries[\(index)]")
            if let earlier = firstIndexOfID[summary.id] {
                throw SummaryValidationError(
                    kind: .duplicateID, field: "summaries[\(index)].id",
                    message: "id \(summary.id) repeats summaries[\(earlier)].id within one batch")
            }
            firstIndexOfID[summary.id] = index
            summaries.append(summary)
        }
        return SummaryBatch(summaries: summaries)
    }

    /// How far in the future a summary's `recorded_at` may be: device clocks drift and NTP may not have run yet, but
    /// a time beyond this is a wrong clock, and one summary dated 2099 must not sit at the head of an agent's history.
    public static let allowedClockSkew: Double = 300

    /// The first summary whose time is more than `skew` seconds after `now`, as the error to answer with.
    public static func firstFromTheFuture(_ batch: SummaryBatch, now: Double, skew: Double) -> SummaryValidationError? {
        guard let index = batch.summaries.firstIndex(where: { $0.recordedAt > now + skew }) else { return nil }
        let ahead = Int((batch.summaries[index].recordedAt - now).rounded())
        return SummaryValidationError(
            kind: .badTime, field: "summaries[\(index)].recorded_at",
            message: "is \(ahead) s in the future; the host allows \(Int(skew)) s of clock skew: set the device's clock (NTP) and resend")
    }

    /// Decodes one summary object found at `path` (e.g. `summaries[3]`).
    public static func decodeSummary(_ value: JSONValue, path: String) throws(SummaryValidationError) -> Summary {
        let item = try JSONFields(value, path: path)
        let idText = try item.string("id")
        guard let id = canonicalUUID(idText) else {
            throw SummaryValidationError(
                kind: .badUUID, field: item.path("id"), message: "\"\(idText)\" is not a UUID (8-4-4-4-12 hex digits)")
        }
        let timeText = try item.string("recorded_at")
        guard let recordedAt = RFC3339.parse(timeText) else {
            throw SummaryValidationError(
                kind: .badTime, field: item.path("recorded_at"),
                message: "\"\(timeText)\" is not an RFC 3339 UTC time like 2026-01-31T12:00:00Z")
        }
        let unit = 0.0...1.0
        let anima = try item.object("anima")
        let eisv = try item.object("eisv")
        let drawing = try item.object("drawing")
        let identity = try item.object("identity")
        return Summary(
            id: id, recordedAt: recordedAt,
            anima: AnimaReading(
                warmth: try anima.number("warmth", range: unit), clarity: try anima.number("clarity", range: unit),
                stability: try anima.number("stability", range: unit), presence: try anima.number("presence", range: unit)),
            eisv: EISV(
                E: try eisv.number("E", range: unit), I: try eisv.number("I", range: unit),
                S: try eisv.number("S", range: unit), V: try eisv.number("V", range: -1...1)),
            drawing: DrawingReport(
                era: try drawing.string("era"), arcPhase: try drawing.string("arc_phase"),
                marks: try drawing.integer("marks", range: 0...Int.max),
                pixels: try drawing.integer("pixels", range: 0...Int.max),
                E: try drawing.number("E", range: unit), I: try drawing.number("I", range: unit),
                S: try drawing.number("S", range: 0...2), V: try drawing.number("V", range: -2...2),
                C: try drawing.number("C", range: unit), curiosity: try drawing.number("curiosity", range: unit),
                engagement: try drawing.number("engagement", range: unit), fatigue: try drawing.number("fatigue", range: unit),
                drawingsCompleted: try drawing.integer("drawings_completed", range: 0...Int.max)),
            identity: IdentityReport(
                awakenings: try identity.integer("awakenings", range: 0...Int.max),
                aliveSeconds: try identity.number("alive_seconds", range: 0...Double.greatestFiniteMagnitude)))
    }

    /// The lowercase canonical form of an 8-4-4-4-12 hex UUID, nil if `text` is not one.
    public static func canonicalUUID(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                out.append(byte)
            } else {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): out.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): out.append(byte + 32)
                default: return nil
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Typed access to one JSON object's members, producing errors that carry the member's full path.
struct JSONFields {
    let members: [JSONMember]
    let prefix: String

    init(_ value: JSONValue, path: String) throws(SummaryValidationError) {
        guard case let .object(members) = value else {
            throw SummaryValidationError(
                kind: .wrongType, field: path, message: "expected an object, got \(value.typeName)")
        }
        self.members = members
        self.prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func value(_ key: String) throws(SummaryValidationError) -> JSONValue {
        guard let member = members.first(where: { $0.key == key }) else {
            throw SummaryValidationError(kind: .missingField, field: path(key), message: "missing field")
        }
        return member.value
    }

    func object(_ key: String) throws(SummaryValidationError) -> JSONFields {
        try JSONFields(try value(key), path: path(key))
    }

    func array(_ key: String) throws(SummaryValidationError) -> [JSONValue] {
        let found = try value(key)
        guard case let .array(elements) = found else { throw wrongType(key, expected: "an array", got: found) }
        return elements
    }

    /// A string field. NUL (U+0000) is refused: PostgreSQL's text and jsonb cannot hold it, and a record the
    /// database refuses must be refused here, with its field named, not as a server error later.
    func string(_ key: String) throws(SummaryValidationError) -> String {
        let found = try value(key)
        guard case let .string(text) = found else { throw wrongType(key, expected: "a string", got: found) }
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw SummaryValidationError(kind: .invalidText, field: path(key), message: "contains a NUL character (U+0000), which text fields cannot hold")
        }
        return text
    }

    func number(_ key: String, range: ClosedRange<Double>) throws(SummaryValidationError) -> Double {
        let (number, text) = try finiteNumber(key, expected: "a number")
        guard range.contains(number) else {
            throw SummaryValidationError(
                kind: .outOfRange, field: path(key),
                message: "\(text) is outside [\(Self.show(range.lowerBound)), \(Self.show(range.upperBound))]")
        }
        return number
    }

    func integer(_ key: String, range: ClosedRange<Int>) throws(SummaryValidationError) -> Int {
        let (number, text) = try finiteNumber(key, expected: "an integer")
        // 2^53 keeps the integer exact in a double; no counter of a device comes near it.
        guard number == number.rounded(), abs(number) <= 9_007_199_254_740_992 else {
            throw wrongType(key, expected: "an integer", got: .number(value: number, text: text))
        }
        let integer = Int(number)
        guard range.contains(integer) else {
            throw SummaryValidationError(
                kind: .outOfRange, field: path(key),
                message: "\(text) is outside [\(range.lowerBound), \(range.upperBound == Int.max ? "∞" : String(range.upperBound))]")
        }
        return integer
    }

    /// The number under `key` and its text; a non-number is `wrongType`, ±inf (e.g. `1e400`) is `notFinite`.
    private func finiteNumber(_ key: String, expected: String) throws(SummaryValidationError) -> (Double, String) {
        let found = try value(key)
        guard case let .number(number, text) = found else { throw wrongType(key, expected: expected, got: found) }
        guard number.isFinite else {
            throw SummaryValidationError(
                kind: .notFinite, field: path(key), message: "\(text) is not a finite number (overflows a double)")
        }
        return (number, text)
    }

    private func wrongType(_ key: String, expected: String, got: JSONValue) -> SummaryValidationError {
        let shown: String
        if case let .number(_, text) = got { shown = "the number \(text)" } else { shown = got.typeName }
        return SummaryValidationError(kind: .wrongType, field: path(key), message: "expected \(expected), got \(shown)")
    }

    private static func show(_ bound: Double) -> String {
        bound == Double.greatestFiniteMagnitude ? "∞" : (bound == bound.rounded() ? String(Int(bound)) : String(bound))
    }
}
