import ArgumentParser
import GovernanceHost

struct AuditReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Load a JSONL audit file into audit.events, skipping events already there (idempotent).",
        discussion: "Use after a PostgreSQL failure that followed a JSONL write, or to restore rotated files.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The JSONL file (e.g. data/audit_log-20261126.jsonl).") var file: String

    func run() throws {
        let (_, connection) = try database.connectToCurrentSchema()
        do {
            let result = try AuditTrail.replay(path: file, on: connection)
            print("replayed \(file): \(result.inserted) inserted, \(result.alreadyPresent) already present")
        } catch {
            throw CommandFailure.exit(.failure, error.description)
        }
    }
}
