import AnimaDisplay
import AnimaImage
import Foundation
import Testing
@testable import AnimaBoards

/// For every shipped board at every rotation: draw the calibration pattern and a seeded random image through the
/// real driver code path into a trace file, replay the file into the virtual panel, and require the glass, seen
/// at that rotation, to equal the framebuffer exactly — offsets, MADCTL, colour order, inversion and pixel
/// encoding all have to agree for that to hold.
@Suite("Board round trip: trace → virtual panel")
struct BoardRoundTripTests {
    static let cases: [(String, BoardRotation)] = BoardTestSupport.shippedBoardNames.flatMap { name in
        BoardRotation.allCases.map { (name, $0) }
    }

    static func randomImage(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var random = SeededGenerator(seed: seed)
        var image = RGBImage(width: width, height: height)
        for index in image.bytes.indices { image.bytes[index] = UInt8.random(in: 0...255, using: &random) }
        return image
    }

    @Test("calibration pattern and a random image survive trace → virtual panel", arguments: cases)
    func roundTrip(name: String, rotation: BoardRotation) throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/\(name).yaml")
        let directory = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tracePath = directory + "/bus.trace"

        var expected: [RGBImage] = []
        do {
            let display = try BoardDisplay.open(board: board, rotation: rotation, transport: "trace:\(tracePath)")
            try display.initialize()
            let width = display.framebuffer.width, height = display.framebuffer.height
            try display.framebuffer.draw(CalibrationPattern.image(width: width, height: height))
            try display.update()
            expected.append(display.framebuffer.image())
            try display.framebuffer.draw(Self.randomImage(width: width, height: height, seed: UInt64(rotation.rawValue) &+ 7))
            try display.update()
            expected.append(display.framebuffer.image())
        }

        let configuration = try board.panelConfiguration(rotation: rotation)
        let panel = makeVirtualPanel(for: configuration)
        var frames = 0
        for record in try TraceFormat.read(path: tracePath) {
            try record.replay(into: panel)
            if case .endFrame = record {
                let seen = panel.viewedImage(rotation: configuration.rotation, mirrored: false)
                #expect(seen == expected[frames], "\(name) at \(rotation.rawValue)°, frame \(frames + 1)")
                frames += 1
            }
        }
        #expect(frames == 2)
    }

    @Test("the geometry table moves offsets with rotation (135×240 ST7789: 52/53 and 40)")
    func miniPiTFTOffsets() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/adafruit-mini-pitft-1.14.yaml")
        let rows = try BoardGeometry.table(board)
        #expect(rows.map(\.width) == [135, 240, 135, 240])
        #expect(rows[0].xOffset == 52 && rows[0].yOffset == 40)
        #expect(rows[2].xOffset == 53 && rows[2].yOffset == 40)
    }

    @Test("a board naming a declarative panel file (display.panel) round-trips too", arguments: BoardRotation.allCases)
    func panelFileBoard(rotation: BoardRotation) throws {
        let panels = URL(fileURLWithPath: BoardTestSupport.boardsDirectory).deletingLastPathComponent().path + "/Drivers/panels"
        let board = try BoardTestSupport.loader.parse(text: """
            name: round-169
            description: A 1.69" 240×280 ST7789V2 on a panel file
            display: {panel: st7789-240x280, width: 240, height: 280, y_offset: 20, inverted: true}
            bus: {spi: {device: /dev/spidev0.0, max_speed_hz: 40000000}}
            pins: {dc: 25}

            """, file: "round-169.yaml")
        let configuration = try board.panelConfiguration(rotation: rotation, panelDirectories: [panels])
        #expect(configuration.controller.name == "st7789-240x280")
        let display = try BoardDisplay.open(board: board, rotation: rotation, transport: "virtual", panelDirectories: [panels])
        let report = try DisplayTestRun.drawCalibration(on: display)
        #expect(report.virtualPanelMatches == true)
        #expect(throws: FlashError.self) { try board.panelConfiguration(rotation: rotation, panelDirectories: []) }
    }

    @Test("a board naming a panel file without offsets takes the panel file's offset (240×280: row 20)")
    func panelOffsetUsed() throws {
        let panels = BoardTestSupport.boardsDirectory.replacingOccurrences(of: "/boards", with: "/Drivers/panels")
        let board = try BoardTestSupport.loader.parse(text: """
            name: round-169
            description: A 1.69" 240×280 ST7789V2 on a panel file, no offsets of its own
            display: {panel: st7789-240x280, width: 240, height: 280, inverted: true}
            bus: {spi: {device: /dev/spidev0.0, max_speed_hz: 40000000}}
            pins: {dc: 25}

            """, file: "round-169.yaml")
        let configuration = try board.panelConfiguration(rotation: .deg0, panelDirectories: [panels])
        #expect(configuration.offsetX == 0 && configuration.offsetY == 20)
    }
}
