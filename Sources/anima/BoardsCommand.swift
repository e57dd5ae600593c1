import ArgumentParser

/// `anima boards …`: the board files this binary can find.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List the supported boards, or show one board's pins, bus and geometry.",
        subcommands: [BoardsListCommand.self, BoardsShowCommand.self],
        defaultSubcommand: BoardsListCommand.self)
}
