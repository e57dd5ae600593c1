import ArgumentParser

struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "List agents with their latest verdict, or create one.",
        subcommands: [AgentsListCommand.self, AgentsCreateCommand.self],
        defaultSubcommand: AgentsListCommand.self)
}
