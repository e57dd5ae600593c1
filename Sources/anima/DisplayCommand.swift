import ArgumentParser

/// `anima display …`: exercise the display pipeline of a board.
struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: "Drive a board's display pipeline without running the creature.",
        subcommands: [DisplayTestCommand.self])
}
