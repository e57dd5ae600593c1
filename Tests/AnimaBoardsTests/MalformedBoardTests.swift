import Testing
@testable import AnimaBoards

/// Each malformed file gives one error whose text names the file, the line and the field, and says what is
/// allowed. The expected messages are written out in full so a vaguer message fails the test.
@Suite("Malformed board files")
struct MalformedBoardTests {
    static let base = """
        name: test-board
        description: A test board
        display:
          controller: st7789
          width: 240
          height: 240
        bus:
          spi:
            device: /dev/spidev0.0
            max_speed_hz: 40000000
        pins:
          cs: ce0
          dc: 25
          backlight:
            gpio: 26
        buttons:
          a: 17

        """

    /// The base text with line `number` (1-based) replaced by `replacement` (nil deletes it).
    static func edit(_ number: Int, _ replacement: String?) -> String {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n")
    }

    static func message(_ text: String) -> String? { BoardTestSupport.error(parsing: text).map(\.description) }

    @Test("the base text is a valid board")
    func baseIsValid() throws {
        let board = try BoardTestSupport.loader.parse(text: Self.base, file: "test.yaml")
        #expect(board.pins.dc == 25)
    }

    @Test("missing field")
    func missingField() {
        #expect(Self.message(Self.edit(6, nil)) == "test.yaml:3: display.height: required field is missing.")
        #expect(Self.message(Self.edit(1, nil)) == "test.yaml:1: name: required field is missing.")
    }

    @Test("wrong type")
    func wrongType() {
        #expect(Self.message(Self.edit(5, "  width: wide")) == "test.yaml:5: display.width: expected an integer (1–480), found 'wide'.")
        #expect(Self.message(Self.edit(5, "  width: \"240\"")) == "test.yaml:5: display.width: expected an integer (unquoted), found the quoted text '240'.")
        #expect(Self.message(Self.edit(13, "  dc: [25]")) == "test.yaml:13: pins.dc: expected an integer, found a list.")
        let scalarBacklight = Self.edit(14, "  backlight: 26").replacingOccurrences(of: "    gpio: 26\n", with: "")
        #expect(Self.message(scalarBacklight) == "test.yaml:14: pins.backlight: expected a mapping with fields gpio, active, pwm, found '26'.")
    }

    @Test("unknown field lists the allowed ones")
    func unknownField() {
        #expect(Self.message(Self.edit(6, "  colour: red")) ==
            "test.yaml:6: display.colour: unknown field. Allowed here: controller, panel, width, height, x_offset, y_offset, rotation, color_order, inverted, pixel_format, paths.")
    }

    @Test("unknown controller lists the known ones")
    func unknownController() {
        #expect(Self.message(Self.edit(4, "  controller: st9999")) ==
            "test.yaml:4: display.controller: unknown controller 'st9999'; known controllers: st7789, st7735r, ili9341, gc9a01, ssd1306.")
    }

    @Test("pin out of range")
    func pinOutOfRange() {
        #expect(Self.message(Self.edit(13, "  dc: 40")) == "test.yaml:13: pins.dc: 40 is out of range; allowed: 0–27.")
        #expect(Self.message(Self.edit(17, "  a: -1")) == "test.yaml:17: buttons.a: -1 is out of range; allowed: 0–27.")
    }

    @Test("duplicate pin names both roles and both lines")
    func duplicatePin() {
        #expect(Self.message(Self.edit(15, "    gpio: 25")) ==
            "test.yaml:15: pins.backlight.gpio: GPIO 25 is already used by pins.dc (line 13); each pin may have one role.")
        #expect(Self.message(Self.edit(17, "  a: 10")) ==
            "test.yaml:17: buttons.a: GPIO 10 is already used by bus.spi (MOSI) (line 9); each pin may have one role.")
    }

    @Test("the anima-mcp BrainCraft pin map (backlight 22, reset 24) collides with the joystick")
    func animaMCPBrainCraftMap() throws {
        var text = try BoardTestSupport.text(of: "adafruit-braincraft-hat")
        text = text.replacingOccurrences(of: "    gpio: 26 ", with: "    gpio: 22 ")
        let error = BoardTestSupport.error(parsing: text, file: "braincraft.yaml")
        #expect(error?.description.hasPrefix("braincraft.yaml:42: joystick.left: GPIO 22 is already used by pins.backlight.gpio (line 31)") == true,
                "\(String(describing: error))")
    }

    @Test("bad speed")
    func badSpeed() {
        #expect(Self.message(Self.edit(10, "    max_speed_hz: 500000000")) ==
            "test.yaml:10: bus.spi.max_speed_hz: 500000000 is out of range; allowed: 100000–125000000.")
        #expect(Self.message(Self.edit(10, "    max_speed_hz: fast")) ==
            "test.yaml:10: bus.spi.max_speed_hz: expected a frequency in Hz (100000–125000000), found 'fast'.")
        #expect(Self.message(Self.edit(10, "    max_speed_hz: 40000000\n    command_speed_hz: 50000000")) ==
            "test.yaml:11: bus.spi.command_speed_hz: 50000000 Hz is faster than max_speed_hz (40000000 Hz); the command clock may only be slower.")
    }

    @Test("fields that disagree")
    func conflicts() {
        #expect(Self.message(Self.edit(12, "  cs: ce1")) ==
            "test.yaml:12: pins.cs: ce1 does not match /dev/spidev0.0 (chip select 0 is ce0); change one of them.")
        #expect(Self.message(Self.edit(8, "  i2c: {bus: 1, address: 0x3C}\n  spi:")) ==
            "test.yaml:7: bus: needs exactly one of spi, i2c, simulator; found spi and i2c.")
        #expect(Self.message(Self.edit(13, nil)) == "test.yaml:11: pins.dc: required field is missing.")
        #expect(Self.message(Self.edit(6, "  height: 240\n  y_offset: 100")) ==
            "test.yaml:7: display.height: y_offset 100 + height 240 exceeds the st7789 RAM height 320.")
        #expect(Self.message(Self.edit(4, "  controller: ssd1306")) ==
            "test.yaml:3: display.pixel_format: ssd1306 is monochrome; use pixel_format: mono1.")
    }

    @Test("display.paths: a list of userspace and kernel, each once; kernel only for a MIPI-DBI controller on SPI")
    func displayPaths() throws {
        let both = try BoardTestSupport.loader.parse(text: Self.edit(6, "  height: 240\n  paths: [userspace, kernel]"), file: "test.yaml")
        #expect(both.display.paths == [.userspace, .kernel])
        let unlisted = try BoardTestSupport.loader.parse(text: Self.base, file: "test.yaml")
        #expect(unlisted.display.paths == [.userspace])
        #expect(Self.message(Self.edit(6, "  height: 240\n  paths: [userspace, fbdev]")) ==
            "test.yaml:7: display.paths: 'fbdev' is not allowed; use one of: userspace, kernel.")
        #expect(Self.message(Self.edit(6, "  height: 240\n  paths: kernel")) ==
            "test.yaml:7: display.paths: expected a list of userspace, kernel, e.g. [userspace, kernel], found 'kernel'.")
        #expect(Self.message(Self.edit(6, "  height: 240\n  paths: []")) ==
            "test.yaml:7: display.paths: expected a list of userspace, kernel, e.g. [userspace, kernel], found an empty list.")
        #expect(Self.message(Self.edit(6, "  height: 240\n  paths: [kernel, kernel]")) ==
            "test.yaml:7: display.paths: 'kernel' is listed twice; list each value once.")
        let oled = """
            name: oled
            description: An OLED
            display:
              controller: ssd1306
              width: 128
              height: 64
              pixel_format: mono1
              paths: [userspace, kernel]
            bus:
              i2c: {bus: 1, address: 0x3C}

            """
        #expect(Self.message(oled) == "test.yaml:8: display.paths: kernel needs a MIPI-DBI controller on bus.spi "
            + "(panel-mipi-dbi drives nothing else), so this board supports userspace only; remove kernel from the list.")
    }

    @Test("truncated file")
    func truncated() {
        let cut = String(Self.base[..<(Self.base.range(of: "max_speed_hz: ")?.upperBound ?? Self.base.endIndex)])
        #expect(Self.message(cut) == "test.yaml:10: bus.spi.max_speed_hz: expected a frequency in Hz (100000–125000000), found nothing.")
        let flow = "name: x\ndescription: y\ndisplay: {controller: st7789, width: 240, height: 240}\nbus: {spi: {device: /dev/spi"
        #expect(Self.message(flow) == "test.yaml:5: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 4).")
    }

    @Test("binary garbage and empty files")
    func binaryGarbage() {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]
        #expect(throws: BoardError.notText(file: "garbage.yaml", line: 1, detail: "control byte 0x2 at offset 4")) {
            try BoardTestSupport.loader.parse(bytes: elf, file: "garbage.yaml")
        }
        #expect(throws: BoardError.notText(file: "garbage.yaml", line: 2, detail: "invalid UTF-8 at offset 8")) {
            try BoardTestSupport.loader.parse(bytes: Array("name: x\n".utf8) + [0xFF, 0xFE, 0x41], file: "garbage.yaml")
        }
        #expect(throws: BoardError.empty(file: "empty.yaml")) { try BoardTestSupport.loader.parse(bytes: [], file: "empty.yaml") }
        #expect(throws: BoardError.empty(file: "empty.yaml")) { try BoardTestSupport.loader.parse(text: "# only a comment\n", file: "empty.yaml") }
    }

    @Test("YAML errors: duplicate key, bad indentation, a second document")
    func yamlErrors() {
        #expect(Self.message(Self.edit(6, "  width: 240")) == "test.yaml:5: YAML syntax error: duplicate key width; each field may appear once.")
        #expect(Self.message(Self.edit(5, "   width: 240"))?.hasPrefix("test.yaml:5: YAML syntax error:") == true)
        let second = Self.message(Self.base + "---\nname: again\n")
        #expect(second == "test.yaml:18: YAML syntax error: but found another document (expected a single document in the stream at line 1).")
    }
}
