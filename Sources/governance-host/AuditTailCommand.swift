import ArgumentParser
import GovernanceHost

struct AuditTailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "The newest audit events from audit.events, oldest first, one JSON object per line.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "How many events.") var limit = 20

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be ≥ 1") }
    }

    func run() throws {
        let (_, connection) = try database.connectToCurrentSchema()
        do {
            for event in try AuditTrail.tail(limit: limit, on: connection) { print(event.jsonLine) }
        } catch {
            throw CommandFailure.exit(.failure, error.description)
        }
    }
}
