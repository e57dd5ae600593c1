import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit trail, replay a JSONL file into PostgreSQL, or rotate the live file.",
        subcommands: [AuditTailCommand.self, AuditReplayCommand.self, AuditRotateCommand.self])
}
