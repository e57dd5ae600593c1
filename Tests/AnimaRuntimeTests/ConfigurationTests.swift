import Testing
import Foundation

import AnimaDrawing
@testable import AnimaFiles
@testable import AnimaRuntime

@Suite struct ConfigurationTests {
    let text = """
        # written by anima flash
        board = "adafruit-braincraft-hat"
        rotation = 90   # clockwise
        fps = 20.5

        [governance]
        url = "http://127.0.0.1:8767"   # a # inside a "string" stays: "#"
        interval = 300
        """

    @Test func parsesTheSubset() throws {
        let file = try ConfigFile(path: "/etc/anima/anima.toml", text: text)
        #expect(file.values["board"]?.value == .string("adafruit-braincraft-hat"))
        #expect(file.values["rotation"]?.value == .integer(90))
        #expect(file.values["rotation"]?.line == 3)
        #expect(file.values["fps"]?.value == .float(20.5))
        #expect(file.values["governance.url"]?.value == .string("http://127.0.0.1:8767"))
        #expect(file.values["governance.interval"]?.value == .integer(300))
    }

    @Test(arguments: [
        ("board = adafruit", 1, "is not a string (in quotes), number or true/false"),
        ("board = \"x\"\nboard = \"y\"", 2, "is set twice (first on line 1)"),
        ("[governance\nurl = \"x\"", 1, "a section header looks like [name]"),
        ("just words", 1, "expected `key = value`"),
        ("name = \"open", 1, "unterminated string"),
        ("na me = 1", 1, "may use letters, digits, _ and - only"),
        ("[governance]\nurl = \"a\"\n[other]\n[governance]\ninterval = 5", 4, "[governance] appears twice (first on line 1)"),
        ("board = 'open", 1, "unterminated string"),
        ("board = 'it's'", 1, "cannot hold a single quote"),
    ])
    func badLinesNameFileAndLine(_ input: String, _ line: Int, _ message: String) {
        do {
            _ = try ConfigFile(path: "anima.toml", text: input)
            Issue.record("'\(input)' should not parse")
        } catch {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("anima.toml:\(line): "))
            #expect(error.message.contains(message), "\(error)")
        }
    }

    /// TOML's literal strings: `board = 'simulator'` is valid TOML and was refused; no escapes inside, `#` stays.
    @Test func singleQuotedLiteralStrings() throws {
        let file = try ConfigFile(path: "anima.toml", text: "board = 'simulator'  # pinned\nboards_dir = 'C:\\boards #2'\n")
        #expect(file.values["board"]?.value == .string("simulator"))
        #expect(file.values["boards_dir"]?.value == .string("C:\\boards #2"))
    }

    @Test func renderedFileParsesBackToTheSameValues() throws {
        let values: [(key: String, value: ConfigFile.Value)] = [
            ("board", .string("waveshare \"1.3\"\\lcd")), ("rotation", .integer(180)), ("governance.interval", .integer(200)),
        ]
        let text = ConfigFile.render(values, header: "written by a test")
        let parsed = try ConfigFile(path: "x", text: text)
        #expect(parsed.values["board"]?.value == .string("waveshare \"1.3\"\\lcd"))
        #expect(parsed.values["governance.interval"]?.value == .integer(200))
    }

    /// Defaults < file < environment < flags, each value with its source.
    @Test func layersAndProvenance() throws {
        let file = try ConfigFile(path: "/etc/anima/anima.toml", text: text)
        let configuration = try RuntimeConfiguration(
            file: file, environment: ["ANIMA_GOVERNANCE_INTERVAL": "60", "UNRELATED": "x"], flags: ["fps": "10"])
        #expect(configuration.board == "adafruit-braincraft-hat")
        #expect(configuration.entries["board"]?.source == .file(path: "/etc/anima/anima.toml", line: 2))
        #expect(try configuration.governanceInterval == 60)
        #expect(configuration.entries["governance.interval"]?.source == .environment("ANIMA_GOVERNANCE_INTERVAL"))
        #expect(try configuration.fps == 10)
        #expect(configuration.entries["fps"]?.source == .flag("--fps"))
        #expect(configuration.dataDirectory == "/var/lib/anima")
        #expect(configuration.entries["data_dir"]?.source == .builtIn)
        #expect(try configuration.rotation == 90)
        let shown = configuration.shownRows()
        #expect(shown.contains(["fps", "10", "flag --fps"]))
        #expect(shown.contains(["board", "adafruit-braincraft-hat", "/etc/anima/anima.toml:2"]))
    }

    @Test func invalidValuesNameKeyAndSource() throws {
        #expect(throws: RuntimeConfiguration.Invalid.self) {
            try RuntimeConfiguration(file: nil, environment: ["ANIMA_GOVERNANCE_INTERVAL": "10"], flags: [:])
        }
        do {
            _ = try RuntimeConfiguration(file: nil, environment: [:], flags: ["rotation": "45"])
            Issue.record("rotation 45 must be refused")
        } catch {
            #expect(error.description == "configuration 'rotation' (from flag --rotation): '45' must be 0, 90, 180 or 270")
        }
        let unknown = try ConfigFile(path: "a.toml", text: "colour = \"red\"")
        do {
            _ = try RuntimeConfiguration(file: unknown, environment: [:], flags: [:])
            Issue.record("unknown keys must be refused")
        } catch {
            #expect(error.description.hasPrefix("configuration 'colour' (from a.toml:1): unknown setting"))
        }
        let fixed = try RuntimeConfiguration(file: nil, environment: [:], flags: ["anima_source": "0.41,0.82,0.89,0.83"])
        #expect(try fixed.animaSource == AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83))
        #expect(throws: RuntimeConfiguration.Invalid.self) {
            try RuntimeConfiguration(file: nil, environment: [:], flags: ["anima_source": "0.4,2,0,0"])
        }
    }

    /// `anima flash --path` records the path; `anima run` follows it unless told otherwise; default userspace.
    @Test func displayPathFollowsFlashAndIsChecked() throws {
        #expect(try RuntimeConfiguration(file: nil, environment: [:], flags: [:]).displayPath == .userspace)
        let flashed = try ConfigFile(path: "/etc/anima/anima.toml", text: "display_path = \"kernel\"\nframebuffer = \"/dev/fb1\"")
        let configuration = try RuntimeConfiguration(file: flashed, environment: [:], flags: [:])
        #expect(try configuration.displayPath == .kernel)
        #expect(configuration.framebufferDevice == "/dev/fb1")
        #expect(try RuntimeConfiguration(file: flashed, environment: [:], flags: ["display_path": "userspace"]).displayPath == .userspace)
        do {
            _ = try RuntimeConfiguration(file: nil, environment: ["ANIMA_DISPLAY_PATH": "fbdev"], flags: [:])
            Issue.record("display_path fbdev must be refused")
        } catch {
            #expect(error.description == "configuration 'display_path' (from env ANIMA_DISPLAY_PATH): 'fbdev' must be userspace or kernel")
        }
    }

    /// Issue 12 item 8: `data_dir = 42` and `data_dir = true` were taken as directories named "42" and "true".
    @Test(arguments: ["42", "true", "4.5"])
    func aPathThatIsNotAStringIsRefusedNamingTheKey(_ value: String) throws {
        let file = try ConfigFile(path: "/etc/anima/anima.toml", text: "board = \"simulator\"\ndata_dir = \(value)\n")
        do {
            _ = try RuntimeConfiguration(file: file, environment: [:], flags: [:])
            Issue.record("data_dir = \(value) must be refused")
        } catch {
            #expect(error.key == "data_dir")
            #expect(error.description.hasPrefix("configuration 'data_dir' (from /etc/anima/anima.toml:2): \(value) is not a string; write it in quotes"))
        }
        let numbers = try ConfigFile(path: "a.toml", text: "fps = 10\nrotation = 90\n[governance]\ninterval = 60\n")
        #expect(try RuntimeConfiguration(file: numbers, environment: [:], flags: [:]).fps == 10)
    }

    /// Issue 12 item 8: a `boards_dir` that does not exist was ignored silently.
    @Test func aMissingBoardsDirectoryIsRefusedNamingIt() throws {
        let missing = "/nonexistent/anima-boards-\(UUID().uuidString)"
        let configuration = try RuntimeConfiguration(file: nil, environment: [:], flags: ["boards_dir": missing])
        do {
            _ = try configuration.existingBoardsDirectory
            Issue.record("a missing boards_dir must be refused")
        } catch {
            #expect(error.description == "configuration 'boards_dir' (from flag --boards-dir): '\(missing)' is not a directory; create it, fix the path or remove the setting")
        }
        let present = try RuntimeConfiguration(file: nil, environment: [:], flags: ["boards_dir": NSTemporaryDirectory()])
        #expect(try present.existingBoardsDirectory == NSTemporaryDirectory())
    }
}
