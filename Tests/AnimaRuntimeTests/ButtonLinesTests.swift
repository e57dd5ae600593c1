import AnimaBoards
import AnimaHAL
import Foundation
import Testing

@testable import AnimaRuntime

/// The buttons find their GPIO chip the way the display does: by every label the board names. A Pi 3 or Zero 2 W
/// labels its header chip `pinctrl-bcm2835` (issue 22: the buttons asked for the Pi 4/5 labels only and did nothing).
@Suite struct ButtonLinesTests {
    static let boardsDirectory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/boards"
    }()

    /// A /dev of empty gpiochip files and chips with these labels (the Pi's firmware expander beside the header chip).
    static func chips(header label: String) throws -> (dev: String, chips: FakeGPIOChips) {
        let dev = FileManager.default.temporaryDirectory.appendingPathComponent("buttons-dev-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dev, withIntermediateDirectories: true)
        for name in ["gpiochip0", "gpiochip1"] { FileManager.default.createFile(atPath: dev + "/" + name, contents: nil) }
        return (dev, FakeGPIOChips([dev + "/gpiochip0": (label, 54), dev + "/gpiochip1": ("raspberrypi-exp-gpio", 8)]))
    }

    @Test(arguments: ["pinctrl-bcm2835", "pinctrl-bcm2711", "pinctrl-rp1"])
    func everyPiHeaderChipGivesTheBoardsButtons(label: String) throws {
        let board = try BoardLoader.standard.load(path: Self.boardsDirectory + "/adafruit-braincraft-hat.yaml")
        let (dev, chips) = try Self.chips(header: label)
        defer { try? FileManager.default.removeItem(atPath: dev) }
        var reports: [String] = []
        let input = ButtonLines.open(board: board, locator: chips.locator(devDirectory: dev)) { reports.append($0) }
        #expect(reports.isEmpty, "\(reports)")
        // Every line that gives an intent (the button, joystick press and right) is held on the header chip,
        // consumer "anima", with its pull-up.
        let acting = board.inputs.filter {
            InputRoles.intent(role: $0.role, long: false) != nil || InputRoles.intent(role: $0.role, long: true) != nil
        }
        #expect(!acting.isEmpty)
        #expect(input?.roles.sorted() == acting.map(\.role).sorted())
        #expect(chips.requests.sorted() == acting.map { "\(label):\($0.pin) anima edge-events pullUp" }.sorted())
    }

    @Test func aMachineWithoutAPiHeaderChipSaysWhichLabelsItTried() throws {
        let board = try BoardLoader.standard.load(path: Self.boardsDirectory + "/adafruit-braincraft-hat.yaml")
        let (dev, chips) = try Self.chips(header: "gpio-sim.0-node0")
        defer { try? FileManager.default.removeItem(atPath: dev) }
        var reports: [String] = []
        let input = ButtonLines.open(board: board, locator: chips.locator(devDirectory: dev)) { reports.append($0) }
        #expect(input == nil)
        #expect(reports.count == 1 && reports[0].contains("pinctrl-bcm2835") && reports[0].contains("gpio-sim.0-node0"), "\(reports)")
        #expect(chips.requests.isEmpty)
    }
}
