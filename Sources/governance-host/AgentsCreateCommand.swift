import ArgumentParser
import GovernanceHost

struct AgentsCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an agent and its device token. The token is printed once, on the last line; only its hash is kept.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var labelOption: AgentLabelOption

    func run() throws {
        let (configuration, connection) = try database.connectToCurrentSchema()
        do {
            let audit = AuditTrail(log: try AuditLog(path: configuration.auditPath))
            let label = try labelOption.parsed()
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
