import AnimaDisplay
import AnimaDrivers
import Testing

@Suite("panel-mipi-dbi firmware export")
struct FirmwareTests {
    @Test("BrainCraft ST7789 240×240 at rotation 0 → the documented bytes")
    func brainCraftGolden() throws {
        let configuration = PanelConfiguration(controller: controller("st7789"), inverted: true, busSpeedHz: 40_000_000)
        let expected: [UInt8] = [
            0x4D, 0x49, 0x50, 0x49, 0x20, 0x44, 0x42, 0x49, 0, 0, 0, 0, 0, 0, 0,  // "MIPI DBI" + 7 zeros
            0x01,  // version
            0x01, 0x00, 0x00, 0x01, 150,  // SWRESET, wait 150
            0x11, 0x00, 0x00, 0x01, 10,  // SLPOUT, wait 10
            0x3A, 0x01, 0x55, 0x00, 0x01, 10,  // COLMOD 16 bpp, wait 10
            0x36, 0x01, 0x00,  // MADCTL rotation 0, RGB
            0x21, 0x00, 0x00, 0x01, 10,  // INVON, wait 10
            0x13, 0x00, 0x00, 0x01, 10,  // NORON, wait 10
            0x29, 0x00, 0x00, 0x01, 255, 0x00, 0x01, 245,  // DISPON, wait 500 = 255 + 245
        ]
        #expect(try PanelMIPIDBIFirmware.encode(configuration) == expected)
    }

    @Test("an rgb666 panel exports COLMOD 0x55: the kernel's panel-mipi-dbi sends 16-bit pixels")
    func rgb666ExportsSixteenBits() throws {
        let configuration = PanelConfiguration(controller: controller("ili9341"), colorOrder: .bgr, pixelFormat: .rgb666)
        let bytes = try PanelMIPIDBIFirmware.encode(configuration)
        let body = Array(bytes.dropFirst(16))
        #expect(body.indices.contains { body[$0] == 0x3A && $0 + 2 < body.count && body[$0 + 1] == 1 && body[$0 + 2] == 0x55 })
        #expect(!body.indices.contains { body[$0] == 0x3A && $0 + 2 < body.count && body[$0 + 1] == 1 && body[$0 + 2] == 0x66 })
    }

    @Test("rotation is baked into MADCTL; monochrome controllers are refused")
    func rotationAndRefusal() throws {
        let rotated = PanelConfiguration(controller: controller("st7789"), rotation: .deg270, colorOrder: .bgr)
        let bytes = try PanelMIPIDBIFirmware.encode(rotated)
        #expect(Array(bytes[32..<35]) == [0x36, 0x01, 0xA8])
        #expect(throws: DisplayError.self) { try PanelMIPIDBIFirmware.encode(PanelConfiguration(controller: controller("ssd1306"))) }
    }

    @Test("overlay parameters: rotated size and offsets, pins, speed")
    func overlay() throws {
        let configuration = PanelConfiguration(controller: controller("st7789"), rotation: .deg180, inverted: true, busSpeedHz: 40_000_000)
        let overlay = try PanelMIPIDBIFirmware.overlay(for: configuration, compatible: "anima-braincraft", dcGPIO: 25, backlightGPIO: 26)
        #expect(overlay.firmwareFileName == "anima-braincraft.bin")
        #expect(overlay.configLines == [
            "dtoverlay=mipi-dbi-spi,spi0-0,speed=40000000",
            "dtparam=compatible=anima-braincraft\\0panel-mipi-dbi-spi",
            "dtparam=width=240,height=240",
            "dtparam=x-offset=0,y-offset=80",
            "dtparam=dc-gpio=25,backlight-gpio=26",
        ])
        #expect(throws: DisplayError.self) {
            try PanelMIPIDBIFirmware.overlay(for: configuration, compatible: String(repeating: "a", count: 36), dcGPIO: 25)
        }
    }
}
