import ArgumentParser

@main
struct Anima: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anima",
        abstract: "A small creature that draws on a Raspberry Pi display.",
        subcommands: [
            RunCommand.self, SimulateCommand.self, HistoryCommand.self, ConfigCommand.self,
            BoardsCommand.self, FlashCommand.self, DisplayCommand.self, StoreStressCommand.self,
        ])
}
