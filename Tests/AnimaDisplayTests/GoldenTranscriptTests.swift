import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

/// Expected bytes written by hand from the spec (§2) and the datasheets, not copied from the implementation.
@Suite("Golden transcripts per controller × rotation")
struct GoldenTranscriptTests {
    static let madctlByRotation: [UInt8] = [0x00, 0x60, 0xC0, 0xA0]

    @Test("ST7789 240×240 init, every rotation: the spec's minimal sequence with that rotation's MADCTL", arguments: Rotation.allCases)
    func st7789Init(rotation: Rotation) throws {
        let configuration = PanelConfiguration(controller: controller("st7789"), rotation: rotation, inverted: true)
        let recorder = RecordingTransport()
        try Display(configuration: configuration, transport: recorder).initialize()
        let madctl = Self.madctlByRotation[Rotation.allCases.firstIndex(of: rotation)!]
        let expected: [TraceRecord] = [
            .command([0x01]), .wait(150), .command([0x11]), .wait(10),
            .command([0x3A]), .data([0x55]), .wait(10),
            .command([0x36]), .data([madctl]),
            .command([0x21]), .wait(10), .command([0x13]), .wait(10), .command([0x29]), .wait(500),
            .line(role: "backlight", value: 1),
        ]
        #expect(recorder.records == expected)
        // And the same as trace bytes: MADCTL's record sits after 8 header + 6+9+6+9+6+6+9 bytes.
        let bytes = TraceFormat.encode(recorder.records)
        #expect(Array(bytes[59..<65]) == [0x43, 1, 0, 0, 0, 0x36])
        #expect(Array(bytes[65..<71]) == [0x44, 1, 0, 0, 0, madctl])
    }

    @Test("hardware reset pulse precedes the sequence when the board wires reset")
    func resetPulse() throws {
        let recorder = RecordingTransport()
        try Display(configuration: PanelConfiguration(controller: controller("st7789")), transport: recorder, hardwareReset: true).initialize()
        #expect(Array(recorder.records.prefix(5)) == [.line(role: "reset", value: 0), .wait(10), .line(role: "reset", value: 1), .wait(120), .command([0x01])])
    }

    /// (MADCTL, COLMOD parameter, inversion command) each DBI controller sends, per rotation.
    @Test("ST7735R, ILI9341, GC9A01 init carry the configured MADCTL, COLMOD and inversion", arguments: Rotation.allCases)
    func otherControllersInit(rotation: Rotation) throws {
        let index = Rotation.allCases.firstIndex(of: rotation)!
        let cases: [(String, ColorOrder, Bool, UInt8, UInt8, UInt8, Int)] = [
            // name, order, inverted, MADCTL, COLMOD, INVON/INVOFF, command count
            ("st7735r", .bgr, false, Self.madctlByRotation[index] | 0x08, 0x05, 0x20, 19),
            ("ili9341", .bgr, false, (Self.madctlByRotation[index] ^ 0x40) | 0x08, 0x55, 0x20, 24),  // glass wired with MX
            ("gc9a01", .rgb, true, Self.madctlByRotation[index], 0x55, 0x21, 51),
        ]
        for (name, order, inverted, madctl, colmod, inversion, count) in cases {
            let recorder = RecordingTransport()
            let configuration = PanelConfiguration(controller: controller(name), rotation: rotation, colorOrder: order, inverted: inverted)
            try Display(configuration: configuration, transport: recorder).initialize()
            let records = recorder.records
            let madctlAt = try #require(records.firstIndex(of: .command([0x36])), "\(name)")
            #expect(records[madctlAt + 1] == .data([madctl]), "\(name)")
            let colmodAt = try #require(records.firstIndex(of: .command([0x3A])), "\(name)")
            #expect(records[colmodAt + 1] == .data([colmod]), "\(name)")
            #expect(records.contains(.command([inversion])), "\(name)")
            #expect(records.first == .command([0x01]), "\(name) starts with SWRESET")
            #expect(records.filter { if case .command = $0 { true } else { false } }.count == count, "\(name)")
            #expect(records.suffix(3).first == .command([0x29]), "\(name) ends with DISPON")
        }
    }

    @Test("ST7735R 128×160 BGR init at 90°: every command and parameter (datasheet-recommended values)")
    func st7735rInitGolden() throws {
        let recorder = RecordingTransport()
        let configuration = PanelConfiguration(controller: controller("st7735r"), rotation: .deg90, colorOrder: .bgr)
        try Display(configuration: configuration, transport: recorder).initialize()
        #expect(commands(recorder.records) == [
            "C 01", "W 150", "C 11", "W 255",
            "C B1", "D 01 2C 2D", "C B2", "D 01 2C 2D", "C B3", "D 01 2C 2D 01 2C 2D", "C B4", "D 07",
            "C C0", "D A2 02 84", "C C1", "D C5", "C C2", "D 0A 00", "C C3", "D 8A 2A", "C C4", "D 8A EE", "C C5", "D 0E",
            "C 20", "C 36", "D 68", "C 3A", "D 05",
            "C E0", "D 02 1C 07 12 37 32 29 2D 29 25 2B 39 00 01 03 10",
            "C E1", "D 03 1D 07 06 2E 2C 29 2D 2E 2E 37 3F 00 00 02 10",
            "C 13", "W 10", "C 29", "W 100", "G backlight=1",
        ])
    }

    /// Written from Adafruit's published ILI9341 initialisation table (its `initcmd` list), with our rotation's MADCTL
    /// and the SWRESET / inversion / sleep-out / display-on framing every DBI controller shares.
    @Test("ILI9341 240×320 BGR init: every command and parameter (Adafruit's table)", arguments: [(Rotation.deg0, "48"), (.deg270, "E8")])  // Adafruit_ILI9341 rotation 0: MX|BGR
    func ili9341InitGolden(rotation: Rotation, madctl: String) throws {
        let recorder = RecordingTransport()
        let configuration = PanelConfiguration(controller: controller("ili9341"), rotation: rotation, colorOrder: .bgr)
        try Display(configuration: configuration, transport: recorder).initialize()
        #expect(commands(recorder.records) == [
            "C 01", "W 150",
            "C EF", "D 03 80 02", "C CF", "D 00 C1 30", "C ED", "D 64 03 12 81", "C E8", "D 85 00 78",
            "C CB", "D 39 2C 00 34 02", "C F7", "D 20", "C EA", "D 00 00",
            "C C0", "D 23", "C C1", "D 10", "C C5", "D 3E 28", "C C7", "D 86",
            "C 36", "D \(madctl)", "C 37", "D 00", "C 3A", "D 55", "C B1", "D 00 18", "C B6", "D 08 82 27",
            "C F2", "D 00", "C 26", "D 01",
            "C E0", "D 0F 31 2B 0C 0E 08 4E F1 37 07 10 03 0E 09 00",
            "C E1", "D 00 0E 14 03 11 07 31 C1 48 08 0F 0C 31 36 0F",
            "C 20", "C 11", "W 150", "C 29", "W 150", "G backlight=1",
        ])
    }

    /// Written from the GC9A01 initialisation table that Waveshare's and Adafruit's GC9A01 libraries publish (the vendor's
    /// undocumented inter-register values included), with our MADCTL, COLMOD, TEON and inversion.
    @Test("GC9A01 240×240 init: every command and parameter (the published vendor table)", arguments: [(Rotation.deg0, "00"), (.deg180, "C0")])
    func gc9a01InitGolden(rotation: Rotation, madctl: String) throws {
        let recorder = RecordingTransport()
        let configuration = PanelConfiguration(controller: controller("gc9a01"), rotation: rotation, colorOrder: .rgb, inverted: true)
        try Display(configuration: configuration, transport: recorder).initialize()
        #expect(commands(recorder.records) == [
            "C 01", "W 150",
            "C EF", "C EB", "D 14", "C FE", "C EF", "C EB", "D 14",
            "C 84", "D 40", "C 85", "D FF", "C 86", "D FF", "C 87", "D FF", "C 88", "D 0A", "C 89", "D 21",
            "C 8A", "D 00", "C 8B", "D 80", "C 8C", "D 01", "C 8D", "D 01", "C 8E", "D FF", "C 8F", "D FF",
            "C B6", "D 00 20", "C 36", "D \(madctl)", "C 3A", "D 55",
            "C 90", "D 08 08 08 08", "C BD", "D 06", "C BC", "D 00", "C FF", "D 60 01 04",
            "C C3", "D 13", "C C4", "D 13", "C C9", "D 22", "C BE", "D 11", "C E1", "D 10 0E", "C DF", "D 21 0C 02",
            "C F0", "D 45 09 08 08 26 2A", "C F1", "D 43 70 72 36 37 6F",
            "C F2", "D 45 09 08 08 26 2A", "C F3", "D 43 70 72 36 37 6F",
            "C ED", "D 1B 0B", "C AE", "D 77", "C CD", "D 63", "C 70", "D 07 07 04 0E 0F 09 07 08 03", "C E8", "D 34",
            "C 62", "D 18 0D 71 ED 70 70 18 0F 71 EF 70 70", "C 63", "D 18 11 71 F1 70 70 18 13 71 F3 70 70",
            "C 64", "D 28 29 F1 01 F1 00 07", "C 66", "D 3C 00 CD 67 45 45 10 00 00 00",
            "C 67", "D 00 3C 00 00 00 01 54 10 32 98", "C 74", "D 10 85 80 00 00 4E 00", "C 98", "D 3E 07",
            "C 35", "C 21", "C 11", "W 120", "C 29", "W 20", "G backlight=1",
        ])
    }

    @Test("SSD1306 128×64 init: the command stream in one write per command")
    func ssd1306Init() throws {
        let recorder = RecordingTransport()
        try Display(configuration: PanelConfiguration(controller: controller("ssd1306")), transport: recorder).initialize()
        #expect(commands(recorder.records) == [
            "C AE", "C 2E", "C D5 80", "C A8 3F", "C D3 00", "C 40", "C 8D 14", "C 20 00", "C A1", "C C8", "C DA 12",
            "C 81 CF", "C D9 F1", "C DB 40", "C A4", "C A6", "C AF", "G backlight=1",
        ])
    }

    /// A 2×1 window at logical (10, 20) after the first full frame: CASET/RASET with the rotation's offset, RAMWR,
    /// then the colour 0x123456 as RGB565 0x11AA, big-endian.
    @Test("small window write per DBI controller × rotation", arguments: Rotation.allCases)
    func smallWindow(rotation: Rotation) throws {
        let index = Rotation.allCases.firstIndex(of: rotation)!
        // Offsets per rotation (x, y): hand-computed from RAM − (glass + offset) on reversed axes, swapped by MV.
        let cases: [(String, [(Int, Int)])] = [
            ("st7789", [(0, 0), (0, 0), (0, 80), (80, 0)]),
            ("st7735r", [(0, 0), (0, 4), (4, 2), (2, 0)]),
            ("ili9341", [(0, 0), (0, 0), (0, 0), (0, 0)]),
            ("gc9a01", [(0, 0), (0, 0), (0, 0), (0, 0)]),
        ]
        for (name, offsets) in cases {
            let recorder = RecordingTransport()
            let display = try Display(configuration: PanelConfiguration(controller: controller(name), rotation: rotation), transport: recorder)
            try display.initialize()
            try display.update()
            recorder.removeAll()
            display.framebuffer.set(x: 10, y: 20, to: RGB(0x12, 0x34, 0x56))
            display.framebuffer.set(x: 11, y: 20, to: RGB(0x12, 0x34, 0x56))
            let statistics = try display.update()
            let (ox, oy) = offsets[index]
            let x0 = UInt8(10 + ox), y0 = UInt8(20 + oy)
            #expect(recorder.records == [
                .command([0x2A]), .data([0x00, x0, 0x00, x0 + 1]),
                .command([0x2B]), .data([0x00, y0, 0x00, y0]),
                .command([0x2C]), .data([0x11, 0xAA, 0x11, 0xAA]),
                .endFrame(2),
            ], "\(name) at \(rotation)")
            #expect(statistics.bytes == 15 && statistics.windows == 1 && statistics.commands == 3)
        }
    }

    @Test("SSD1306 small write per rotation: the pixel's page byte, with the software rotation", arguments: Rotation.allCases)
    func ssd1306Window(rotation: Rotation) throws {
        // Logical (10, 20) lands on glass (10,20), (107,10), (117,43), (20,53): page = y/8, bit = y%8.
        let expected: [(UInt8, UInt8, UInt8)] = [(10, 2, 0x10), (107, 1, 0x04), (117, 5, 0x08), (20, 6, 0x20)]
        let (column, page, bits) = expected[Rotation.allCases.firstIndex(of: rotation)!]
        let recorder = RecordingTransport()
        let display = try Display(configuration: PanelConfiguration(controller: controller("ssd1306"), rotation: rotation), transport: recorder)
        try display.initialize()
        try display.update()
        recorder.removeAll()
        display.framebuffer.set(x: 10, y: 20, to: RGB(255, 255, 255))
        try display.update()
        #expect(recorder.records == [
            .command([0x21, column, column]), .command([0x22, page, page]), .data([bits]), .endFrame(2),
        ])
    }

    @Test("RGB666 window sends three bytes per pixel and COLMOD 0x66")
    func rgb666Window() throws {
        let recorder = RecordingTransport()
        let display = try Display(configuration: PanelConfiguration(controller: controller("st7789"), pixelFormat: .rgb666), transport: recorder)
        try display.initialize()
        #expect(recorder.records.contains(.data([0x66])))
        try display.update()
        recorder.removeAll()
        display.framebuffer.set(x: 0, y: 0, to: RGB(0x12, 0x34, 0x56))
        try display.update()
        #expect(recorder.records == [
            .command([0x2A]), .data([0, 0, 0, 0]), .command([0x2B]), .data([0, 0, 0, 0]),
            .command([0x2C]), .data([0x10, 0x34, 0x54]), .endFrame(2),
        ])
    }
}
