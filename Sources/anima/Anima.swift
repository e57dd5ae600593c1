import ArgumentParser

@main
struct Anima: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anima",
        abstract: "A small creature that draws on a Raspberry Pi display.",
        subcommands: [BoardsCommand.self, FlashCommand.self, DisplayCommand.self])
}
