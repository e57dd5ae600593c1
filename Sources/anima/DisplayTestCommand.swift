import AnimaBoards
import AnimaDisplay
import ArgumentParser
import Foundation

/// `anima display test`: draw the calibration pattern through the real driver code into a chosen transport, or into
/// the kernel's framebuffer on the kernel display path.
struct DisplayTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Draw the calibration pattern (border, corner marks, RGB bars) through the board's driver.",
        discussion: """
            --transport trace:FILE records the bus bytes; virtual drives an emulated panel and checks \
            the glass equals the framebuffer; simulator[:DIR] writes DIR/latest.png; hardware uses the board's bus. \
            With --path kernel the pattern goes into the framebuffer the panel-mipi-dbi driver created (after \
            `anima flash --path kernel` and a reboot), to check the panel's orientation there.
            """)

    @Option(help: "The board (see `anima boards`).")
    var board: String

    @Option(help: "userspace (default): hardware, trace:FILE, virtual, simulator or simulator:DIR. Not used with --path kernel.")
    var transport: String?

    @Option(help: "Rotation in degrees clockwise: 0, 90, 180 or 270 (default: the board's).")
    var rotation: BoardRotation?

    @Option(help: "userspace (the board's driver over --transport) or kernel (the panel-mipi-dbi framebuffer).")
    var path: DisplayPath = .userspace

    @Option(help: "Kernel path: the framebuffer device (default: the /dev/fbN whose /sys/class/graphics name is panel-mipi-dbi's).")
    var framebuffer: String?

    func validate() throws {
        switch path {
        case .userspace:
            guard transport != nil else { throw ValidationError("--transport is required on the userspace path (hardware, trace:FILE, virtual, simulator[:DIR])") }
            guard framebuffer == nil else { throw ValidationError("--framebuffer is for --path kernel") }
        case .kernel:
            guard transport == nil else { throw ValidationError("--path kernel draws into the kernel's framebuffer; drop --transport (or use --path userspace)") }
        }
    }

    @OptionGroup var options: BoardOptions

    func run() throws {
        let definition = try options.board(named: board)
        do {
            switch path {
            case .kernel:
                let display = try BoardDisplay.openFramebuffer(board: definition, rotation: rotation, device: framebuffer)
                let report = try DisplayTestRun.drawCalibration(on: display)
                print("\(definition.name): drew the calibration pattern \(report.width)×\(report.height) into \(display.device.path) "
                    + "(kernel path): \(report.bytes) bytes")
            case .userspace:
                try drawUserspace(definition, transport: transport ?? "hardware")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail("\(error)")
        }
    }

    private func drawUserspace(_ definition: BoardDefinition, transport: String) throws {
        if transport.hasPrefix("simulator:") {
            let directory = String(transport.dropFirst("simulator:".count))
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
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
    }
}
