/// Every way a board file or a board lookup can fail. Each case names the file, the line (1-based) and the
/// dotted field path (`bus.spi.max_speed_hz`), and its description says what is allowed, so a person can fix
/// the file from the message alone.
public enum BoardError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    /// The bytes are not UTF-8 text (binary garbage, a truncated multi-byte sequence) or contain NUL.
    case notText(file: String, line: Int, detail: String)
    case empty(file: String)
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The YAML itself does not parse (bad indentation, unclosed bracket, tab, duplicate key, …).
    case syntax(file: String, line: Int, problem: String)
    case unknownField(file: String, line: Int, field: String, allowed: [String])
    case missingField(file: String, line: Int, field: String)
    case wrongType(file: String, line: Int, field: String, expected: String, found: String)
    case outOfRange(file: String, line: Int, field: String, value: String, min: Int?, max: Int?)
    case notAllowed(file: String, line: Int, field: String, value: String, allowed: [String])
    case patternMismatch(file: String, line: Int, field: String, value: String, pattern: String)
    case unknownController(file: String, line: Int, field: String, value: String, known: [String])
    /// Two roles name the same BCM pin.
    case duplicatePin(file: String, line: Int, pin: Int, role: String, otherRole: String, otherLine: Int)
    /// Fields that are each valid but do not fit together (exactly-one-of, CS vs spidev path, speeds, bus vs controller).
    case conflict(file: String, line: Int, field: String, detail: String)
    case notFound(name: String, searched: [String], available: [String])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the board file: \(reason)."
        case let .notText(file, line, detail):
            return "\(file):\(line): not a text board file (\(detail)). Board files are UTF-8 YAML; see docs/boards.md."
        case let .empty(file):
            return "\(file): the board file is empty; it needs at least name, description, display and bus (see boards/schema.yaml)."
        case let .tooLarge(file, bytes, limit):
            return "\(file): \(bytes) bytes is too large for a board file (limit \(limit)); is this the right file?"
        case let .syntax(file, line, problem):
            return "\(file):\(line): YAML syntax error: \(problem)."
        case let .unknownField(file, line, field, allowed):
            return "\(file):\(line): \(field): unknown field. Allowed here: \(allowed.joined(separator: ", "))."
        case let .missingField(file, line, field):
            return "\(file):\(line): \(field): required field is missing."
        case let .wrongType(file, line, field, expected, found):
            return "\(file):\(line): \(field): expected \(expected), found \(found)."
        case let .outOfRange(file, line, field, value, min, max):
            let range: String
            switch (min, max) {
            case let (low?, high?): range = "\(low)–\(high)"
            case let (low?, nil): range = "at least \(low)"
            case let (nil, high?): range = "at most \(high)"
            case (nil, nil): range = "a valid value"
            }
            return "\(file):\(line): \(field): \(value) is out of range; allowed: \(range)."
        case let .notAllowed(file, line, field, value, allowed):
            return "\(file):\(line): \(field): '\(value)' is not allowed; use one of: \(allowed.joined(separator: ", "))."
        case let .patternMismatch(file, line, field, value, pattern):
            return "\(file):\(line): \(field): '\(value)' does not have the required form (\(pattern))."
        case let .unknownController(file, line, field, value, known):
            return "\(file):\(line): \(field): unknown controller '\(value)'; known controllers: \(known.joined(separator: ", "))."
        case let .duplicatePin(file, line, pin, role, otherRole, otherLine):
            return "\(file):\(line): \(role): GPIO \(pin) is already used by \(otherRole) (line \(otherLine)); each pin may have one role."
        case let .conflict(file, line, field, detail):
            return "\(file):\(line): \(field): \(detail)"
        case let .notFound(name, searched, available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "no board named '\(name)' (searched \(searched.joined(separator: ", ")), and the built-in boards). Known boards: \(list)."
        }
    }
}
