import AnimaBoards
import ArgumentParser

/// `anima boards`: one line per board — name, controller, size at its default rotation, bus.
struct BoardsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every board found on the board search path (the default for `anima boards`).")

    @OptionGroup var options: BoardOptions

    func run() throws {
        let (boards, errors) = options.catalog.list()
        print(BoardTable.render(boards), terminator: "")
        for error in errors {
            printError("skipped: \(error)")
        }
    }
}
