import ArgumentParser
import GovernanceHost

struct AuditRotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rename the live audit file to audit_log-YYYYMMDD.jsonl (UTC) and start a new one.",
        discussion: "Safe while `serve` runs: the server notices the rename on its next write and reopens the live path.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let configuration = try database.configuration()
        do {
            let rotated = try AuditLog(path: configuration.auditPath).rotate()
            print("rotated \(configuration.auditPath) → \(rotated)")
        } catch {
            throw CommandFailure.exit(.failure, error.description)
        }
    }
}
