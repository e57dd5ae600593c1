/// A MIPI-DBI panel described by a text file instead of Swift (format in docs/display.md):
///
///     # comment
///     name st7789-240x280
///     size 240x280          glass, native orientation
///     ram 240x320           controller RAM
///     offset 0 20           optional, default 0 0
///     formats rgb565        optional, default rgb565
///     reset 10 120          optional: pulse and ready ms
///     init                  section: one step per line
///     01                    a command byte, then its parameters, in hex
///     wait 150
///     colmod | madctl | inversion   filled from the configuration
///     sleep / wake          optional sections
public struct PanelDefinition: DisplayController {
    public let name: String
    public var family: ControllerFamily { .mipiDBI }
    public let ramWidth: Int
    public let ramHeight: Int
    public let defaultGeometry: PanelGeometry
    public let pixelFormats: [PixelFormat]
    public let resetTiming: ResetTiming
    public let initSteps: [InitStep]
    public let sleepSequence: [InitStep]
    public let wakeSequence: [InitStep]
    /// The file it came from, for messages.
    public let source: String

    public func initSequence(for configuration: PanelConfiguration) -> [InitStep] { initSteps }
}

/// A panel file problem: the file, the 1-based line, and what is wrong.
public struct PanelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let problem: String

    public init(path: String, line: Int, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(path):\(line): \(problem)" }
}

public enum PanelFile {
    public static let fileExtension = "panel"

    public static func load(path: String) throws(PanelFileError) -> PanelDefinition {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw PanelFileError(path: path, line: 0, problem: "cannot read: \(error)")
        }
        return try parse(bytes, path: path)
    }

    /// Parses a panel file's bytes; `path` only names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(PanelFileError) -> PanelDefinition {
        let text = try decodeText(bytes, path: path)
        var parser = PanelFileParser(path: path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            try parser.consume(rawLine, number: index + 1)
        }
        return try parser.finish(lastLine: max(lines.count, 1))
    }

    /// Rejects anything that is not UTF-8 text without control characters (binary files, truncated encodings).
    static func decodeText(_ bytes: [UInt8], path: String) throws(PanelFileError) -> String {
        var line = 1
        for byte in bytes {
            if byte == 0x0A { line += 1; continue }
            if byte < 0x20 && byte != 0x09 && byte != 0x0D || byte == 0x7F {
                throw PanelFileError(path: path, line: line, problem: "binary data (byte 0x\(PanelMIPIDBIFirmware.hex(byte))): a panel file is UTF-8 text")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PanelFileError(path: path, line: line, problem: "not valid UTF-8 text")
        }
        return text
    }
}

/// Line-by-line state of one panel file.
struct PanelFileParser {
    enum Section { case header, initialise, sleep, wake }

    let path: String
    var section = Section.header
    var sectionLine: [Section: Int] = [:]
    var fields: [String: (values: [Substring], line: Int)] = [:]
    var steps: [Section: [InitStep]] = [:]

    static let headerFields = ["name", "size", "ram", "offset", "formats", "reset"]

    init(path: String) { self.path = path }

    func fail(_ line: Int, _ problem: String) -> PanelFileError { PanelFileError(path: path, line: line, problem: problem) }

    mutating func consume(_ raw: Substring, number: Int) throws(PanelFileError) {
        let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "," })
        guard let first = words.first else { return }
        let keyword = first.lowercased()
        if words.count == 1, let next = ["init": Section.initialise, "sleep": .sleep, "wake": .wake][keyword] {
            guard sectionLine[next] == nil else { throw fail(number, "section '\(keyword)' appears twice") }
            section = next
            sectionLine[next] = number
            steps[next] = []
            return
        }
        if section == .header {
            guard Self.headerFields.contains(keyword) else {
                if parseByte(first) != nil {
                    throw fail(number, "command bytes before the 'init' section; put an 'init' line above the steps")
                }
                throw fail(number, "unknown directive '\(first)'; expected one of \(Self.headerFields.joined(separator: ", ")) or a section line init, sleep, wake")
            }
            if let first = fields[keyword] { throw fail(number, "'\(keyword)' is given twice (first on line \(first.line))") }
            guard words.count > 1 else { throw fail(number, "'\(keyword)' needs a value") }
            fields[keyword] = (Array(words.dropFirst()), number)
            return
        }
        let parsed = try step(words, keyword: keyword, line: number)
        steps[section, default: []].append(parsed)
    }

    func step(_ words: [Substring], keyword: String, line: Int) throws(PanelFileError) -> InitStep {
        switch keyword {
        case "wait":
            guard words.count == 2, let milliseconds = UInt32(words[1]), milliseconds <= 10_000 else {
                throw fail(line, "'wait' takes one whole number of milliseconds, 0–10000")
            }
            return .wait(milliseconds)
        case "madctl", "colmod", "inversion":
            guard words.count == 1 else { throw fail(line, "'\(keyword)' takes no value: the configuration supplies it") }
            return keyword == "madctl" ? .addressMode : keyword == "colmod" ? .pixelFormat : .inversion
        default:
            var bytes: [UInt8] = []
            for word in words {
                guard let byte = parseByte(word) else {
                    if bytes.isEmpty && word.allSatisfy(\.isLetter) {
                        throw fail(line, "unknown directive '\(word)'; a step is hex bytes (command first), wait N, madctl, colmod or inversion")
                    }
                    throw fail(line, "bad hex byte '\(word)'; write each byte as two hex digits, e.g. 3A or 0x3A")
                }
                bytes.append(byte)
            }
            guard bytes.count <= 256 else { throw fail(line, "a command takes at most 255 parameters") }
            return .command(bytes[0], Array(bytes.dropFirst()))
        }
    }

    func parseByte(_ word: Substring) -> UInt8? {
        let digits = word.lowercased().hasPrefix("0x") ? word.dropFirst(2) : word
        guard (1...2).contains(digits.count) else { return nil }
        return UInt8(digits, radix: 16)
    }

    func required(_ key: String, lastLine: Int) throws(PanelFileError) -> (values: [Substring], line: Int) {
        guard let field = fields[key] else {
            throw fail(lastLine, "missing header field '\(key)' (required: name, size, ram)")
        }
        return field
    }

    func size(_ key: String, lastLine: Int) throws(PanelFileError) -> (Int, Int) {
        let field = try required(key, lastLine: lastLine)
        let parts = field.values.count == 1 ? field.values[0].split(separator: "x") : field.values
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              (1...4096).contains(width), (1...4096).contains(height) else {
            throw fail(field.line, "'\(key)' must be WIDTHxHEIGHT with each 1–4096, e.g. 240x320")
        }
        return (width, height)
    }

    func numbers(_ key: String, count: Int) throws(PanelFileError) -> [Int]? {
        guard let field = fields[key] else { return nil }
        let values = field.values.compactMap { Int($0) }
        guard values.count == count, field.values.count == count, values.allSatisfy({ (0...10_000).contains($0) }) else {
            throw fail(field.line, "'\(key)' takes \(count) whole numbers, 0–10000")
        }
        return values
    }

    func finish(lastLine: Int) throws(PanelFileError) -> PanelDefinition {
        let nameField = try required("name", lastLine: lastLine)
        guard nameField.values.count == 1 else { throw fail(nameField.line, "'name' is one word, e.g. st7789-240x280") }
        let (width, height) = try size("size", lastLine: lastLine)
        let (ramWidth, ramHeight) = try size("ram", lastLine: lastLine)
        let offset = try numbers("offset", count: 2) ?? [0, 0]
        guard offset[0] + width <= ramWidth, offset[1] + height <= ramHeight else {
            throw fail(fields["offset"]?.line ?? fields["size"]?.line ?? lastLine,
                       "a \(width)x\(height) glass at offset \(offset[0]) \(offset[1]) does not fit the \(ramWidth)x\(ramHeight) RAM")
        }
        var formats: [PixelFormat] = [.rgb565]
        if let field = fields["formats"] {
            formats = []
            for word in field.values {
                guard let format = PixelFormat(rawValue: String(word)), format != .mono1 else {
                    throw fail(field.line, "unknown pixel format '\(word)'; use rgb565 and/or rgb666")
                }
                formats.append(format)
            }
        }
        let reset = try numbers("reset", count: 2) ?? [10, 120]
        guard let initLine = sectionLine[.initialise] else {
            throw fail(lastLine, "no 'init' section (is the file truncated?)")
        }
        let initSteps = steps[.initialise] ?? []
        for (placeholder, word) in [(InitStep.addressMode, "madctl"), (.pixelFormat, "colmod"), (.inversion, "inversion")]
        where !initSteps.contains(placeholder) {
            throw fail(initLine, "the 'init' section has no '\(word)' step; add it where the controller expects it")
        }
        return PanelDefinition(
            name: String(nameField.values[0]).lowercased(), ramWidth: ramWidth, ramHeight: ramHeight,
            defaultGeometry: PanelGeometry(width: width, height: height, offsetX: offset[0], offsetY: offset[1]),
            pixelFormats: formats,
            resetTiming: ResetTiming(pulseMilliseconds: UInt32(reset[0]), readyMilliseconds: UInt32(reset[1])),
            initSteps: initSteps, sleepSequence: steps[.sleep] ?? DBISequences.sleep, wakeSequence: steps[.wake] ?? DBISequences.wake,
            source: path)
    }
}
