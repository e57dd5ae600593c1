import AnimaVersion
import ArgumentParser

@main
struct Anima: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anima",
        abstract: "A small creature that draws on a Raspberry Pi display.",
        version: AnimaVersion.string,
        subcommands: [
            RunCommand.self, StatusCommand.self, SyncCommand.self, SimulateCommand.self, HistoryCommand.self, IdentityCommand.self, AdoptCommand.self, ConfigCommand.self,
            BoardsCommand.self, FlashCommand.self, DisplayCommand.self, StoreStressCommand.self,
        ])
}
