import AnimaBoards
import ArgumentParser
import Foundation

/// `anima display test`: draw the calibration pattern through the real driver code into a chosen transport.
struct DisplayTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Draw the calibration pattern (border, corner marks, RGB bars) through the board's driver.",
        discussion: """
            --transport trace:FILE records the bus bytes; virtual drives an emulated panel and checks \
            the glass equals the framebuffer; simulator[:DIR] writes DIR/latest.png; hardware uses the board's bus.
            """)

    @Option(help: "The board (see `anima boards`).")
    var board: String

    @Option(help: "hardware, trace:FILE, virtual, simulator or simulator:DIR.")
    var transport: String

    @Option(help: "Rotation in degrees clockwise: 0, 90, 180 or 270 (default: the board's).")
    var rotation: BoardRotation?

    @OptionGroup var options: BoardOptions

    func run() throws {
        let definition = try options.board(named: board)
        if transport.hasPrefix("simulator:") {
            let directory = String(transport.dropFirst("simulator:".count))
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        do {
            let display = try BoardDisplay.open(board: definition, rotation: rotation, transport: transport, hardware: LinuxBoardHardware())
            let report = try DisplayTestRun.drawCalibration(on: display)
            print("\(definition.name): drew the calibration pattern \(report.width)×\(report.height) at rotation "
                + "\(display.configuration.rotation.rawValue)° into \(transport): \(report.bytes) bytes in \(report.windows) window(s)")
            if let matches = report.virtualPanelMatches {
                print(matches ? "virtual panel: the glass equals the framebuffer" : "virtual panel: MISMATCH between glass and framebuffer")
                if !matches { throw ExitCode.failure }
            }
            if transport.hasPrefix("simulator") {
                let directory = transport.hasPrefix("simulator:") ? String(transport.dropFirst("simulator:".count)) : "."
                print("image: \(directory)/latest.png")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail("\(error)")
        }
    }
}
