import ArgumentParser
import GovernanceHost

struct AgentsCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an agent and its device token. The token is printed once, on the last line; only its hash is kept.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Display name, e.g. Lumen: unique ignoring case, at most 64 printable characters, not shaped like an id.")
    var label: String

    func validate() throws {
        do {
            _ = try AgentLabel(label)
        } catch {
            throw ValidationError("--label: \(error)")
        }
    }

    func run() throws {
        let (configuration, connection) = try database.connectToCurrentSchema()
        do {
            let audit = AuditTrail(log: try AuditLog(path: configuration.auditPath))
            let label = try AgentLabel(self.label)
            let created = try AgentStore.create(label: label, audit: audit, on: connection)
            print("agent \(created.agentID.uuidString.lowercased()) (\(label)) created; device token id \(created.tokenID.uuidString.lowercased())")
            print("the device token below is shown once; configure the device with it:")
            print(created.token)
        } catch {
            throw CommandFailure.exit(.failure, error is AgentStoreError ? "--label: \(error)" : String(describing: error))
        }
    }
}

import Foundation
