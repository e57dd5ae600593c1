import AnimaBoards
import ArgumentParser
import CommandOutput

/// `anima boards`: one line per board — name, controller, size at its default rotation, bus.
struct BoardsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every board found on the board search path (the default for `anima boards`).")

    @OptionGroup var options: BoardOptions
    @OptionGroup var output: OutputFormatOption

    func run() throws {
        let (boards, errors) = options.catalog.list()
        print(output.resolved.render(header: BoardTable.header, rows: BoardTable.rows(boards)))
        for error in errors {
            printError("skipped: \(error)")
        }
    }
}
