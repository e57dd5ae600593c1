import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

@Suite("Declarative panel files")
struct PanelFileTests {
    static let valid = """
        # test panel
        name test-240x280
        size 240x280
        ram 240x320
        offset 0 20
        init
        01
        wait 150
        11        # SLPOUT
        wait 10
        colmod
        madctl
        B2 0C 0C 00 33 33
        inversion
        29
        wait 20
        """

    func error(_ text: String) -> PanelFileError? {
        do {
            _ = try PanelFile.parse(Array(text.utf8), path: "x.panel")
            return nil
        } catch {
            return error
        }
    }

    @Test("a valid file becomes a controller whose steps are the file's")
    func parsesValid() throws {
        let panel = try PanelFile.parse(Array(Self.valid.utf8), path: "x.panel")
        #expect(panel.name == "test-240x280" && panel.ramWidth == 240 && panel.ramHeight == 320)
        #expect(panel.defaultGeometry == PanelGeometry(width: 240, height: 280, offsetX: 0, offsetY: 20))
        #expect(panel.initSteps == [
            .command(0x01, []), .wait(150), .command(0x11, []), .wait(10), .pixelFormat, .addressMode,
            .command(0xB2, [0x0C, 0x0C, 0x00, 0x33, 0x33]), .inversion, .command(0x29, []), .wait(20),
        ])
        #expect(panel.sleepSequence == DBISequences.sleep)
    }

    @Test("each malformed file gives one error with the file, line and what is wrong")
    func malformed() {
        let cases: [(String, Int, String)] = [
            (Self.valid.replacing("size 240x280\n", with: ""), 15, "missing header field 'size'"),
            (Self.valid.replacing("B2 0C", with: "B2 0G"), 13, "bad hex byte '0G'"),
            (Self.valid.replacing("offset 0 20", with: "colour rgb"), 5, "unknown directive 'colour'"),
            (Self.valid.replacing("wait 10", with: "frobnicate"), 10, "unknown directive 'frobnicate'"),
            (Self.valid.replacing("ram 240x320", with: "ram 240xx"), 4, "'ram' must be WIDTHxHEIGHT"),
            (Self.valid.replacing("offset 0 20", with: "offset 0 60"), 5, "does not fit"),
            (String(Self.valid.prefix(68)), 6, "no 'init' section"),
            (Self.valid.replacing("madctl\n", with: ""), 6, "no 'madctl' step"),
            ("name a\n\u{0}\u{1}\u{2}binary", 2, "binary data"),
        ]
        for (text, line, problem) in cases {
            guard let error = error(text) else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(error.path == "x.panel")
            #expect(error.line == line, "\(error)")
            #expect(error.problem.contains(problem), "\(error)")
        }
    }

    @Test("fuzz: 3000 mutated files parse or fail with a PanelFileError, never crash")
    func fuzz() {
        var random = SeededRandom(seed: 1306)
        let original = Array(Self.valid.utf8)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<max(bytes.count, 1), using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !bytes.isEmpty: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1 where !bytes.isEmpty: bytes.remove(at: index)
                case 2: bytes.insert(Array(" x0#\n9".utf8)[Int.random(in: 0..<6, using: &random)], at: min(index, bytes.count))
                default: bytes = Array(bytes.prefix(index))
                }
            }
            do {
                _ = try PanelFile.parse(bytes, path: "fuzz.panel")
                accepted += 1
            } catch {
                #expect(error.line >= 1 && !error.problem.isEmpty)
            }
        }
        #expect(accepted < 3000)
    }

    @Test("the shipped panel loads from Drivers/panels and drives a round trip")
    func shippedPanel() throws {
        let panel = try #require(try DriverRegistry.controller(named: "st7789-240x280", panelDirectories: [shippedPanelDirectory]))
        #expect(panel.defaultGeometry == PanelGeometry(width: 240, height: 280, offsetX: 0, offsetY: 20))
        for rotation in Rotation.allCases {
            let configuration = PanelConfiguration(controller: panel, rotation: rotation, inverted: true)
            let virtual = VirtualPanel(configuration: configuration)
            let display = try Display(configuration: configuration, transport: virtual)
            try display.initialize()
            try display.framebuffer.draw(CalibrationPattern.image(width: configuration.logicalWidth, height: configuration.logicalHeight))
            try display.update()
            #expect(virtual.viewedImage(rotation: rotation) == display.framebuffer.image(), "\(rotation)")
        }
        #expect(DriverRegistry.controller(named: "ST7789")?.name == "st7789")
        #expect(try DriverRegistry.controller(named: "nope", panelDirectories: [shippedPanelDirectory]) == nil)
    }
}
