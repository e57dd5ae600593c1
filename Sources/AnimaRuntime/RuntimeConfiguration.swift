import AnimaBoards
import AnimaDrawing
import AnimaFiles
import AnimaGovernanceClient
import Foundation

/// Everything `anima run` needs to know, resolved from four layers (later wins): built-in defaults, the configuration
/// file (`/etc/anima/anima.toml`, written by `anima flash`, or `--config`), `ANIMA_*` environment variables, and flags.
/// Every value remembers where it came from, for `anima config show` and for error messages.
public struct RuntimeConfiguration: Sendable, Equatable {
    public static let defaultPath = "/etc/anima/anima.toml"

    /// Where a value came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case builtIn
        case file(path: String, line: Int)
        case environment(String)
        case flag(String)

        public var description: String {
            switch self {
            case .builtIn: return "default"
            case let .file(path, line): return "\(path):\(line)"
            case let .environment(name): return "env \(name)"
            case let .flag(name): return "flag \(name)"
            }
        }
    }

    /// One setting: its key in the file, its environment variable, its flag, its default.
    public struct Setting: Sendable {
        public let key: String
        public let environment: String
        public let flag: String
        public let defaultValue: String?
        public let help: String
        /// Whether the configuration file must spell it as a string: a path or a name written `data_dir = 42` or
        /// `= true` is a mistake, not a directory called "42".
        public var isText = true
    }

    public static let settings: [Setting] = [
        Setting(key: "board", environment: "ANIMA_BOARD", flag: "--board", defaultValue: "simulator", help: "board or HAT name"),
        Setting(key: "rotation", environment: "ANIMA_ROTATION", flag: "--rotation", defaultValue: nil, help: "0, 90, 180 or 270 (default: the board's)", isText: false),
        Setting(key: "boards_dir", environment: "ANIMA_BOARDS_DIR", flag: "--boards-dir", defaultValue: nil, help: "extra directory of board files"),
        Setting(key: "data_dir", environment: "ANIMA_DATA_DIR", flag: "--data-dir", defaultValue: "/var/lib/anima", help: "anima.db, canvas, drawings, status"),
        Setting(key: "transport", environment: "ANIMA_TRANSPORT", flag: "--transport", defaultValue: "hardware", help: "hardware | trace:FILE | virtual | simulator[:DIR]"),
        Setting(key: "display_path", environment: "ANIMA_DISPLAY_PATH", flag: "--display-path", defaultValue: "userspace", help: "userspace (spidev + libgpiod) or kernel (the panel-mipi-dbi /dev/fb*); anima flash --path records it"),
        Setting(key: "framebuffer", environment: "ANIMA_FRAMEBUFFER", flag: "--framebuffer", defaultValue: nil, help: "kernel path: the /dev/fb* to draw into (default: the one /sys/class/graphics names panel-mipi-dbi)"),
        Setting(key: "fps", environment: "ANIMA_FPS", flag: "--fps", defaultValue: "20", help: "frames per second of the loop", isText: false),
        Setting(key: "era", environment: "ANIMA_ERA", flag: "--era", defaultValue: "rotate", help: "rotate (a new era after each finished drawing) or one era to pin: gestural, pointillist, field, geometric"),
        Setting(key: "anima_source", environment: "ANIMA_SOURCE", flag: "--anima", defaultValue: "system", help: "system | w,c,s,p (fixed)"),
        Setting(key: "governance.url", environment: "ANIMA_GOVERNANCE_URL", flag: "--governance-url", defaultValue: nil, help: "governance host base URL"),
        Setting(key: "governance.token_file", environment: "ANIMA_TOKEN_FILE", flag: "--token-file", defaultValue: nil, help: "device token file (mode 0600)"),
        Setting(key: "governance.ca_file", environment: "ANIMA_GOVERNANCE_CA_FILE", flag: "--governance-ca-file", defaultValue: nil, help: "PEM CA file to verify the host with instead of the system store"),
        Setting(key: "governance.interval", environment: "ANIMA_GOVERNANCE_INTERVAL", flag: "--governance-interval", defaultValue: "180", help: "seconds between summaries (≥ 30)", isText: false),
    ]

    public struct Entry: Sendable, Equatable {
        public let value: String
        public let source: Source
    }

    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public let key: String
        public let source: Source
        public let message: String
        public var description: String { "configuration '\(key)' (from \(source)): \(message)" }
    }

    /// Resolved values by key; keys without any value are absent.
    public let entries: [String: Entry]

    /// Layers the sources. `file` is nil when there is no configuration file; unknown keys in it are an error.
    public init(file: ConfigFile?, environment: [String: String], flags: [String: String]) throws(Invalid) {
        var entries: [String: Entry] = [:]
        let known = Set(Self.settings.map(\.key))
        if let file {
            for (key, item) in file.values where !known.contains(key) {
                throw Invalid(key: key, source: .file(path: file.path, line: item.line),
                              message: "unknown setting; known: \(Self.settings.map(\.key).joined(separator: ", "))")
            }
        }
        for setting in Self.settings {
            if let value = setting.defaultValue { entries[setting.key] = Entry(value: value, source: .builtIn) }
            if let item = file?.values[setting.key], let path = file?.path {
                if setting.isText, !item.value.isString {
                    throw Invalid(key: setting.key, source: .file(path: path, line: item.line),
                                  message: "\(item.value) is not a string; write it in quotes, e.g. \(setting.key) = \"\(setting.defaultValue ?? "…")\"")
                }
                entries[setting.key] = Entry(value: item.value.description, source: .file(path: path, line: item.line))
            }
            if let value = environment[setting.environment] {
                entries[setting.key] = Entry(value: value, source: .environment(setting.environment))
            }
            if let value = flags[setting.key] {
                entries[setting.key] = Entry(value: value, source: .flag(setting.flag))
            }
        }
        self.entries = entries
        _ = try fps
        _ = try rotation
        _ = try governanceInterval
        _ = try animaSource
        try Self.checkTransport(transport, invalid: invalid)
        _ = try displayPath
        _ = try era
    }

    public func string(_ key: String) -> String? { entries[key]?.value }

    public var board: String { string("board") ?? "simulator" }
    public var dataDirectory: String { string("data_dir") ?? "/var/lib/anima" }
    public var boardsDirectory: String? { string("boards_dir") }

    /// `boards_dir`, which must name an existing directory when set (a typo would otherwise drop the extra boards
    /// silently and leave "unknown board" as the only clue). Checked by `anima run`, not by the read-only commands.
    public var existingBoardsDirectory: String? {
        get throws(Invalid) {
            guard let directory = boardsDirectory else { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw invalid("boards_dir", "'\(directory)' is not a directory; create it, fix the path or remove the setting")
            }
            return directory
        }
    }
    public var transport: String { string("transport") ?? "hardware" }

    /// The transports `anima run` knows (AnimaDisplay's `OfflineTransport` plus the board's own hardware): checked when
    /// the configuration is read, so a typo exits at once (78, or 64 from a flag) instead of retrying the display.
    static func checkTransport(_ text: String, invalid: (String, String) -> Invalid) throws(Invalid) {
        switch text {
        case "hardware", "virtual", "simulator": return
        default:
            for prefix in ["trace:", "simulator:"] where text.hasPrefix(prefix) && text.count > prefix.count { return }
            throw invalid("transport", "'\(text)' is not a transport: use hardware, virtual, simulator, simulator:DIR or trace:FILE")
        }
    }
    /// How `transport = hardware` reaches the panel: the board's bus from user space, or the kernel's framebuffer.
    public var displayPath: DisplayPath {
        get throws(Invalid) {
            let text = string("display_path") ?? DisplayPath.userspace.rawValue
            guard let path = DisplayPath(rawValue: text) else {
                throw invalid("display_path", "'\(text)' must be userspace or kernel")
            }
            return path
        }
    }

    /// The kernel path's framebuffer device, when configured rather than found by name.
    public var framebufferDevice: String? { string("framebuffer") }

    public var governanceURL: String? { string("governance.url") }
    public var tokenFile: String? { string("governance.token_file") }
    public var governanceCAFile: String? { string("governance.ca_file") }

    /// The frame rate's bounds: below one frame a second the panel falls behind the creature's one mark a second (and
    /// `fps = 1e-9` meant a frame every 31 years); above 240 no panel anima drives can follow.
    public static let fpsBounds: ClosedRange<Double> = 1...240

    public var fps: Double {
        get throws(Invalid) {
            let value = try number("fps")
            guard Self.fpsBounds.contains(value) else {
                throw invalid("fps", "\(value) is outside [\(Int(Self.fpsBounds.lowerBound)), \(Int(Self.fpsBounds.upperBound))] frames per second")
            }
            return value
        }
    }

    public var rotation: Int? {
        get throws(Invalid) {
            guard let text = string("rotation") else { return nil }
            guard let degrees = Int(text), [0, 90, 180, 270].contains(degrees) else {
                throw invalid("rotation", "'\(text)' must be 0, 90, 180 or 270")
            }
            return degrees
        }
    }

    public var governanceInterval: Double {
        get throws(Invalid) {
            let value = try number("governance.interval")
            guard value >= 30 else { throw invalid("governance.interval", "must be at least 30 seconds, got \(value)") }
            guard value <= GovernanceClientConfiguration.maximumInterval else {
                throw invalid("governance.interval", "must be at most 86400 seconds (one day), got \(value)")
            }
            return value
        }
    }

    /// `rotate` (the default) or one pinned era.
    public var era: EraSelection {
        get throws(Invalid) {
            let text = string("era") ?? EraSelection.rotateName
            guard let selection = EraSelection(text) else {
                throw invalid("era", "'\(text)' must be one of: \(EraSelection.accepted.joined(separator: ", "))")
            }
            return selection
        }
    }

    /// nil means "read the system"; a value means a fixed anima (simulation).
    public var animaSource: AnimaState? {
        get throws(Invalid) {
            let text = string("anima_source") ?? "system"
            if text == "system" { return nil }
            let parts = text.split(separator: ",").map { Double(String($0).trimmingWhitespace()) }
            guard parts.count == 4, parts.allSatisfy({ $0 != nil && (0...1).contains($0!) }) else {
                throw invalid("anima_source", "'\(text)' must be 'system' or four numbers in [0,1]: warmth,clarity,stability,presence")
            }
            return AnimaState(warmth: parts[0]!, clarity: parts[1]!, stability: parts[2]!, presence: parts[3]!)
        }
    }

    private func number(_ key: String) throws(Invalid) -> Double {
        guard let text = string(key), let value = Double(text), value.isFinite else {
            throw invalid(key, "'\(string(key) ?? "")' is not a number")
        }
        return value
    }

    private func invalid(_ key: String, _ message: String) -> Invalid {
        Invalid(key: key, source: entries[key]?.source ?? .builtIn, message: message)
    }

    /// `anima config show`: every setting with its value ("" when unset) and where it came from.
    public func shownRows() -> [[String]] {
        Self.settings.map { setting in
            let entry = entries[setting.key]
            // A URL with user:password in it must not print the password.
            let value = setting.key == "governance.url" ? entry.map { RedactedURL.text($0.value) } : entry?.value
            return [setting.key, value ?? "", entry?.source.description ?? "unset"]
        }
    }
}
