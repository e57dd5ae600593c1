import AnimaVersion
import ArgumentParser

@main
struct GovernanceHostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "governance-host",
        abstract: "The Postgres-only governance host that Anima devices sync to.",
        discussion: """
            Configuration comes from the environment (DB_POSTGRES_URL is required; DB_POSTGRES_MIN_CONN, \
            DB_POSTGRES_MAX_CONN, GOVERNANCE_AUDIT_JSONL are optional) and flags override it. \
            Exit codes: 0 ok, 1 failure, 3 database unreachable, 4 schema behind or tampered, 64 bad usage, 78 bad configuration.
            """,
        version: AnimaVersion.string,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DoctorCommand.self, AgentsCommand.self, TokensCommand.self,
            StateCommand.self, AuditCommand.self, DashboardLinkCommand.self,
        ])
}
