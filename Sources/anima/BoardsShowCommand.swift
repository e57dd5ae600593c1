import AnimaBoards
import ArgumentParser

/// `anima boards show NAME`: everything the board file resolves to — pins, bus, speed, geometry per rotation.
struct BoardsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a board's resolved pin map, bus, speed and geometry at every rotation.")

    @Argument(help: "The board name (see `anima boards`) or a path to a board file.")
    var name: String

    @Option(help: "Mark this rotation (0, 90, 180, 270) as the one in use; default: the board's own.")
    var rotation: Int?

    @OptionGroup var options: BoardOptions

    func validate() throws {
        if let rotation, BoardRotation(rawValue: rotation) == nil {
            throw ValidationError("--rotation must be 0, 90, 180 or 270, not \(rotation).")
        }
    }

    func run() throws {
        let board = try options.board(named: name)
        do {
            print(try BoardReport.render(board, rotation: rotation.flatMap(BoardRotation.init(rawValue:))), terminator: "")
        } catch {
            throw ValidationError(error.description)
        }
    }
}
