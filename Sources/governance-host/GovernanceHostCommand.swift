import ArgumentParser

@main
struct GovernanceHostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance-host",
        abstract: "The Postgres-only governance host that Anima devices sync to.",
        subcommands: [])
}
