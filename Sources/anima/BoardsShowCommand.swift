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
    var rotation: BoardRotation?

    @OptionGroup var options: BoardOptions

    func run() throws {
        let board = try options.board(named: name)
        do {
            print(try BoardReport.render(board, rotation: rotation), terminator: "")
        } catch {
            throw fail(error.description)
        }
    }
}
