import ArgumentParser

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List agents with their latest verdict, create one, or rename one.",
        subcommands: [AgentsListCommand.self, AgentsCreateCommand.self, AgentsRenameCommand.self],
        defaultSubcommand: AgentsListCommand.self)
}
