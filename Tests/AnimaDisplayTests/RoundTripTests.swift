import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

/// Framebuffer → trace file → trace reader → virtual panel → what a viewer sees == the framebuffer, for every
/// controller × rotation with the geometries boards use. The virtual panel's glass carries the configuration's
/// colour order and inversion as facts, so a driver that forgets BGR or INVON, or gets an offset wrong, fails here.
@Suite("Round trip through trace and virtual panel")
struct RoundTripTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let controller: String
        let geometry: PanelGeometry
        let colorOrder: ColorOrder
        let inverted: Bool
        var pixelFormat: PixelFormat? = nil
        var mirrored = false
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ST7789 240×240", controller: "st7789", geometry: PanelGeometry(width: 240, height: 240), colorOrder: .rgb, inverted: true),
        Case(name: "ST7789 135×240 (52,40)", controller: "st7789", geometry: PanelGeometry(width: 135, height: 240, offsetX: 52, offsetY: 40), colorOrder: .rgb, inverted: true),
        Case(name: "ST7789 240×240 RGB666 BGR mirrored", controller: "st7789", geometry: PanelGeometry(width: 240, height: 240), colorOrder: .bgr, inverted: false, pixelFormat: .rgb666, mirrored: true),
        Case(name: "ILI9341 240×320 (320×240 landscape)", controller: "ili9341", geometry: PanelGeometry(width: 240, height: 320), colorOrder: .bgr, inverted: false),
        Case(name: "ST7735R 128×160", controller: "st7735r", geometry: PanelGeometry(width: 128, height: 160), colorOrder: .bgr, inverted: false),
        Case(name: "GC9A01 240×240", controller: "gc9a01", geometry: PanelGeometry(width: 240, height: 240), colorOrder: .bgr, inverted: true),
        Case(name: "SSD1306 128×64", controller: "ssd1306", geometry: PanelGeometry(width: 128, height: 64), colorOrder: .rgb, inverted: false),
    ]

    @Test("calibration pattern, random image and a small change survive the trace exactly", arguments: cases, Rotation.allCases)
    func roundTrip(_ testCase: Case, rotation: Rotation) throws {
        let configuration = PanelConfiguration(
            controller: controller(testCase.controller), geometry: testCase.geometry, rotation: rotation, mirrored: testCase.mirrored,
            colorOrder: testCase.colorOrder, inverted: testCase.inverted, pixelFormat: testCase.pixelFormat)
        let path = temporaryPath("round.trace")
        var expected: [RGBImage] = []
        do {
            let display = try Display(configuration: configuration, transport: try TraceTransport(path: path), hardwareReset: true)
            try display.initialize()
            let width = configuration.logicalWidth, height = configuration.logicalHeight
            try display.framebuffer.draw(CalibrationPattern.image(width: width, height: height))
            try display.update()
            expected.append(display.framebuffer.image())
            var random = SeededRandom(seed: UInt64(rotation.rawValue) &+ 7)
            try display.framebuffer.draw(randomImage(width: width, height: height, using: &random))
            try display.update()
            expected.append(display.framebuffer.image())
            display.framebuffer.fill(Window(x: 3, y: 5, width: 6, height: 3), with: RGB(255, 255, 255))
            display.framebuffer.set(x: width - 1, y: height - 1, to: RGB(0, 0, 0))
            #expect(try display.update().fullFrame == false)
            expected.append(display.framebuffer.image())
        }
        let panel = makeVirtualPanel(for: configuration)
        var frames = 0
        for record in try TraceFormat.read(path: path) {
            try record.replay(into: panel)
            if case let .endFrame(number) = record {
                frames += 1
                let seen = panel.viewedImage(rotation: rotation, mirrored: testCase.mirrored)
                #expect(seen == expected[Int(number) - 1], "\(testCase) at \(rotation), frame \(number)")
            }
        }
        #expect(frames == 3)
    }

    @Test("a BGR glass driven as RGB shows red as blue: the virtual panel catches colour-order bugs")
    func catchesWrongColorOrder() throws {
        let truth = PanelConfiguration(controller: controller("st7789"), colorOrder: .bgr)
        var wrong = truth
        wrong.colorOrder = .rgb
        let panel = VirtualPanel(configuration: truth)
        let display = try Display(configuration: wrong, transport: panel)
        try display.initialize()
        display.framebuffer.fill(with: RGB(255, 0, 0))
        try display.update()
        #expect(panel.viewedImage(rotation: .deg0)[0, 0] == RGB(0, 0, 255))
    }

    @Test("a wrong offset misses the glass rows: the virtual panel catches offset bugs")
    func catchesWrongOffset() throws {
        // 240×240 at 180° needs +80 rows; a panel claiming its glass at rows 80… receives the picture 80 rows off.
        let configuration = PanelConfiguration(controller: controller("st7789"), rotation: .deg180)
        let panel = VirtualPanel(ramWidth: 240, ramHeight: 320, glass: PanelGeometry(width: 240, height: 240, offsetX: 0, offsetY: 80))
        let display = try Display(configuration: configuration, transport: panel)
        try display.initialize()
        try display.framebuffer.draw(CalibrationPattern.image(width: 240, height: 240))
        try display.update()
        #expect(panel.viewedImage(rotation: .deg180) != display.framebuffer.image())
    }
}
