import Foundation
import Testing
@testable import AnimaBoards

@Suite("Shipped board files")
struct ShippedBoardsTests {
    @Test("every board file in boards/ loads, and its name matches its file name", arguments: BoardTestSupport.shippedBoardNames)
    func loads(name: String) throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/\(name).yaml")
        #expect(board.name == name)
    }

    @Test("boards/ holds exactly the shipped boards plus the schema")
    func directoryContents() throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: BoardTestSupport.boardsDirectory)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(entries == (BoardTestSupport.shippedBoardNames.map { "\($0).yaml" } + ["schema.yaml"]).sorted())
    }

    @Test("the compiled-in schema and simulator are the files themselves (SwiftPM resources through symlinks)")
    func builtInFilesAreTheBoardFiles() throws {
        #expect(BuiltInBoardFiles.schema == (try String(contentsOfFile: BoardTestSupport.boardsDirectory + "/schema.yaml", encoding: .utf8)))
        #expect(BuiltInBoardFiles.simulator == (try BoardTestSupport.text(of: "simulator")))
    }

    @Test("every pin fact in a shipped board carries a source comment on its line")
    func pinFactsHaveSources() throws {
        for name in BoardTestSupport.shippedBoardNames {
            let text = try BoardTestSupport.text(of: name)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let root = try YAMLDocument.compose(text, file: name)
            let decoded = try BoardDecoder(schema: BoardSchema.builtIn.get(), file: name).decode(root, text: text)
            for use in decoded.pinUses {
                #expect(lines[use.line - 1].contains("# source:"), "\(name).yaml:\(use.line) \(use.role) has no source comment")
            }
        }
    }

    @Test("the BrainCraft HAT decodes to the documented pin map")
    func brainCraft() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/adafruit-braincraft-hat.yaml")
        #expect(board.display == DisplaySpec(controller: "st7789", width: 240, height: 240, inverted: true, paths: [.userspace, .kernel]))
        #expect(board.bus == .spi(SPIBus(device: "/dev/spidev0.0", maxSpeedHz: 40_000_000)))
        #expect(board.pins == Pins(chipSelect: "ce0", dc: 25, reset: nil, backlight: BoardBacklight(gpio: 26, activeHigh: true)))
        #expect(board.inputs.map(\.role) == ["buttons.button", "joystick.up", "joystick.down", "joystick.left", "joystick.right", "joystick.press"])
        #expect(board.inputs.map(\.pin) == [17, 23, 27, 22, 24, 16])
        #expect(board.leds.apa102 == BoardAPA102Chain(data: 5, clock: 6, count: 3))
        // Pi 3 / Zero 2 W label: drivers/pinctrl/bcm/pinctrl-bcm2835.c, MODULE_NAME "pinctrl-bcm2835".
        #expect(board.gpioChips == GPIOChipLabels(pi3: "pinctrl-bcm2835", pi4: "pinctrl-bcm2711", pi5: "pinctrl-rp1"))
        #expect(board.gpioChips.all == ["pinctrl-bcm2711", "pinctrl-rp1", "pinctrl-bcm2835"])
    }

    @Test("the SSD1306 board is I2C bus 1 at 0x3C, 128×64 mono")
    func ssd1306() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/generic-ssd1306-i2c.yaml")
        #expect(board.bus == .i2c(I2CBus(bus: 1, address: 0x3C, speedHz: 400_000)))
        #expect(board.display.pixelFormat == .mono1)
        #expect(board.display.width == 128 && board.display.height == 64)
    }

    @Test("the Display HAT Mini backlight is PWM chip 0 channel 1 at 500 Hz and its RGB LED is active low")
    func displayHATMini() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/pimoroni-display-hat-mini.yaml")
        #expect(board.pins.backlight == BoardBacklight(gpio: 13, activeHigh: true, pwm: PWMReference(chip: 0, channel: 1, frequencyHz: 500)))
        #expect(board.leds.rgb == BoardRGBLED(red: 17, green: 27, blue: 22, activeHigh: false))
        #expect(board.pins.chipSelect == "ce1")
    }
}
