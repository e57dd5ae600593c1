import Foundation
import Testing

@testable import AnimaFiles
@testable import AnimaRuntime

/// Issue 19 item 11: anima.toml as it arrives on a card — saved by a Windows editor (CRLF, a byte order mark), or
/// damaged (a NUL, bytes that are not UTF-8) — read from a real file through `ConfigurationLoader`.
@Suite struct ConfigFileInputTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-config-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func load(_ bytes: [UInt8], flags: [String: String] = [:]) throws(ConfigurationLoader.LoadError) -> RuntimeConfiguration {
        let path = directory + "/anima.toml"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try ConfigurationLoader.load(explicitPath: path, environment: [:], flags: flags)
    }

    static let windowsText = "# saved by Notepad\r\nboard = \"simulator\"\r\nfps = 12\r\n\r\n[governance]\r\ninterval = 300\r\n"

    /// Before: CRLF made the whole file one line ("expected `key = value`"); a BOM made the first key unknown.
    @Test func aFileSavedOnWindowsIsRead() throws {
        for bytes in [Array(Self.windowsText.utf8), ConfigFile.byteOrderMark + Array(Self.windowsText.utf8)] {
            let configuration = try load(bytes)
            #expect(configuration.board == "simulator")
            #expect(try configuration.fps == 12)
            #expect(try configuration.governanceInterval == 300)
            #expect(configuration.entries["fps"]?.source == .file(path: directory + "/anima.toml", line: 3))
        }
        // Also when the text is handed over already decoded (`anima flash` keeps an existing file's other keys).
        let decoded = try ConfigFile(path: "anima.toml", text: "\u{FEFF}board = 'simulator'\r\nrotation = 90\r\n")
        #expect(decoded.values["board"]?.value == .string("simulator") && decoded.values["rotation"]?.line == 2)
    }

    @Test func aNulByteIsRefusedNamingTheFileAndLine() {
        let bytes = Array("board = \"simulator\"\nfps = 1\0\n".utf8)
        #expect {
            try load(bytes)
        } throws: { error in
            let text = (error as? ConfigurationLoader.LoadError)?.description ?? ""
            return text.hasPrefix(directory + "/anima.toml:2: a NUL byte at column 8")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefusedNamingTheFileAndLine() {
        // "café" saved as Latin-1 on line 3.
        let bytes = Array("board = \"simulator\"\n# ok\nera = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        #expect {
            try load(bytes)
        } throws: { error in
            let text = (error as? ConfigurationLoader.LoadError)?.description ?? ""
            return text.hasPrefix(directory + "/anima.toml:3: not UTF-8 text")
        }
    }

    /// Before: `fps = 1e-9` passed `> 0` and the panel was refreshed once every 31 years.
    @Test(arguments: ["1e-9", "0.5", "241", "1e308"])
    func anAbsurdFrameRateIsRefusedNamingFieldBoundsAndFile(_ value: String) {
        #expect {
            try load(Array("fps = \(value)\n".utf8))
        } throws: { error in
            let text = (error as? ConfigurationLoader.LoadError)?.description ?? ""
            return text.hasPrefix("configuration 'fps' (from \(directory)/anima.toml:1): ")
                && text.contains("is outside [1, 240] frames per second")
        }
    }

    @Test func frameRatesInsideTheBoundsAreKept() throws {
        #expect(try load(Array("fps = 1\n".utf8)).fps == 1)
        #expect(try load(Array("fps = 240\n".utf8)).fps == 240)
    }
}
