import Foundation
@testable import AnimaBoards

/// Paths and helpers shared by the board tests.
enum BoardTestSupport {
    /// The repository's boards/ directory, found from this source file's location.
    static let boardsDirectory: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("boards").path
    }()

    static let shippedBoardNames = [
        "adafruit-braincraft-hat", "adafruit-mini-pitft-1.14", "adafruit-mini-pitft-1.3", "adafruit-pitft-2.8",
        "generic-ssd1306-i2c", "pimoroni-display-hat-mini", "simulator", "waveshare-1.28-round", "waveshare-1.3-lcd-hat",
    ]

    static let loader = BoardLoader(controllers: ControllerFacts.builtIn)

    static func text(of name: String) throws -> String {
        try String(contentsOfFile: boardsDirectory + "/" + name + ".yaml", encoding: .utf8)
    }

    /// Parses text and returns the error it must produce.
    static func error(parsing text: String, file: String = "test.yaml") -> BoardError? {
        do {
            _ = try loader.parse(text: text, file: file)
            return nil
        } catch {
            return error
        }
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "anima-boards-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A small deterministic generator (SplitMix64) so fuzz and image tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
