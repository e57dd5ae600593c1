import ArgumentParser
import Foundation
import GovernanceHost

struct TokensRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a device or operator token, given its id (printed at creation) or the token itself.",
        discussion: "Requests with a revoked token get 401 immediately.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Token id (uuid) or the token text.") var token: String

    func run() throws {
        let (configuration, connection) = try database.connectToCurrentSchema()
        do {
            let audit = AuditTrail(log: try AuditLog(path: configuration.auditPath))
            let revoked = try connection.transaction { (connection) throws(PostgresError) in try TokenStore.revoke(token, on: connection) }
            guard !revoked.isEmpty else { throw CommandFailure.exit(.failure, "no active token matches '\(token.prefix(12))…'") }
            for item in revoked {
                try audit.record(
                    AuditEvent(timestamp: Date(), agentID: item.agentID.flatMap(UUID.init(uuidString:)), eventType: "token_revoked",
                               payload: .object(["token_id": .string(item.id), "kind": .string(item.kind)])),
                    on: connection)
                print("revoked \(item.kind) token \(item.id)")
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandFailure.exit(.failure, String(describing: error))
        }
    }
}
