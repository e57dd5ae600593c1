import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

@Suite("Display pipeline, simulator and configuration checks")
struct PipelineTests {
    @Test("sleep, wake and backlight: the sequences, and a full frame after waking")
    func sleepWake() throws {
        let recorder = RecordingTransport()
        let display = try Display(configuration: PanelConfiguration(controller: controller("st7789")), transport: recorder)
        try display.initialize()
        try display.update()
        recorder.removeAll()
        try display.sleep()
        try display.wake()
        try display.setBacklight(0.5)
        try display.setBacklight(0)
        #expect(commands(recorder.records) == [
            "G backlight=0", "C 28", "C 10", "W 5",
            "C 11", "W 120", "C 29", "W 10", "G backlight=1",
            "G backlight_pwm=128", "G backlight=0",
        ])
        #expect(try display.update().fullFrame)
    }

    @Test("simulator writes what a viewer sees as latest.png, and an ANSI half-block preview")
    func simulator() throws {
        let directory = temporaryPath("")
        let configuration = PanelConfiguration(controller: controller("st7789"), geometry: PanelGeometry(width: 4, height: 2), rotation: .deg90)
        let box = PreviewBox()
        let transport = SimulatorTransport(configuration: configuration, directory: directory, keepEveryFrame: true, preview: { box.text = $0 })
        let display = try Display(configuration: configuration, transport: transport)
        try display.initialize()
        display.framebuffer.set(x: 0, y: 0, to: RGB(255, 0, 0))
        try display.update()
        let expected = display.framebuffer.image()
        #expect(try readBytes(directory + "latest.png") == PNGEncoder.encode(expected))
        #expect(try readBytes(directory + "frame-000001.png") == PNGEncoder.encode(expected))
        // 2×4 view: rows 0–1 → one text row; rows 2–3 → another. Pixel (0,0) red over black.
        let black = "\u{1B}[38;2;0;0;0m\u{1B}[48;2;0;0;0m▀"
        let firstRow = "\u{1B}[38;2;255;0;0m\u{1B}[48;2;0;0;0m▀" + black + "\u{1B}[0m\n"
        #expect(box.text == firstRow + black + black + "\u{1B}[0m\n")
    }

    @Test("offline transports by name; unknown names are refused with the choices")
    func offlineTransports() throws {
        let configuration = PanelConfiguration(controller: controller("ssd1306"))
        #expect(try OfflineTransport.make("virtual", configuration: configuration) is VirtualSSD1306)
        #expect(try OfflineTransport.make("trace:" + temporaryPath("t.trace"), configuration: configuration) is TraceTransport)
        #expect(try OfflineTransport.make("simulator:/tmp", configuration: configuration) is SimulatorTransport)
        #expect(throws: DisplayError.unknownTransport("spi")) { try OfflineTransport.make("spi", configuration: configuration) }
    }

    @Test("the virtual SSD1306 follows page addressing and commands split across writes")
    func ssd1306PageMode() throws {
        let panel = VirtualSSD1306(mountedTurned: false)
        try panel.command([0xAF, 0x20])
        try panel.command([0x02])  // page addressing mode, argument in a second write
        try panel.command([0xB3, 0x05, 0x11])  // page 3, column 0x15 = 21
        try panel.data([0x81])
        let glass = panel.glassImage()
        #expect(glass[21, 24] == RGB(255, 255, 255) && glass[21, 31] == RGB(255, 255, 255))
        #expect(glass[21, 25] == RGB(0, 0, 0) && glass[22, 24] == RGB(0, 0, 0))
    }

    @Test("configurations that cannot work are refused naming the field")
    func validation() {
        let cases: [(PanelConfiguration, String)] = [
            (PanelConfiguration(controller: controller("st7789"), geometry: PanelGeometry(width: 240, height: 321)), "width/height/offset"),
            (PanelConfiguration(controller: controller("st7789"), geometry: PanelGeometry(width: 135, height: 240, offsetX: 106, offsetY: 40)), "width/height/offset"),
            (PanelConfiguration(controller: controller("ssd1306"), pixelFormat: .rgb565), "pixel_format"),
            (PanelConfiguration(controller: controller("ssd1306"), geometry: PanelGeometry(width: 128, height: 60)), "height"),
        ]
        for (configuration, field) in cases {
            let error = #expect(throws: DisplayError.self) { try configuration.validate() }
            guard case let .invalidConfiguration(name, _)? = error else {
                Issue.record("expected invalidConfiguration for \(field), got \(String(describing: error))")
                continue
            }
            #expect(name == field)
        }
    }

    @Test("the registry lists the five built-in controllers and the shipped panels")
    func registry() throws {
        #expect(DriverRegistry.all.map(\.name) == ["st7789", "st7735r", "ili9341", "gc9a01", "ssd1306"])
        #expect(try DriverRegistry.availableNames(panelDirectories: [shippedPanelDirectory]).suffix(2) == ["st7789-170x320", "st7789-240x280"])
        #expect(try DriverRegistry.panels(in: "/nonexistent").isEmpty)
    }
}

final class PreviewBox: @unchecked Sendable {
    var text = ""
}

@Suite("Display guards")
struct DisplayGuardTests {
    @Test("a framebuffer of the wrong size is refused at update, not sent")
    func wrongFramebuffer() throws {
        let recorder = RecordingTransport()
        let display = try Display(configuration: PanelConfiguration(controller: controller("st7789")), transport: recorder)
        display.framebuffer = Framebuffer(width: 10, height: 10, format: .rgb565)
        #expect(throws: DisplayError.sizeMismatch(expected: "240×240 rgb565", got: "10×10 rgb565")) { try display.update() }
        #expect(recorder.records.isEmpty)
        #expect(throws: DisplayError.self) { try display.framebuffer.draw(RGBImage(width: 3, height: 3)) }
    }
}
