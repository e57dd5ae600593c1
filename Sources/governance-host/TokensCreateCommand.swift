import ArgumentParser
import Foundation
import GovernanceHost

struct TokensCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an operator token (--operator) or another device token for an agent (--agent). Printed once, on the last line.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "An operator token: reads every agent through /v1/agents.") var `operator` = false
    @Option(help: "Agent id or label (labels are unique ignoring case): a device token that writes only this agent.") var agent: String?
    @Option(help: "Who the operator token is for (shown in the audit trail).") var label = "operator"

    func validate() throws {
        guard `operator` != (agent != nil) else { throw ValidationError("give exactly one of --operator and --agent ID") }
    }

    func run() throws {
        let (configuration, connection) = try database.connectToCurrentSchema()
        var agentID: UUID?
        if let agent {
            do {
                agentID = try AgentStore.resolve(agent, on: connection)
            } catch {
                throw CommandFailure.exit(.failure, error.description)
            }
            guard agentID != nil else {
                throw CommandFailure.exit(.failure, "--agent: no agent with id or label '\(agent)'; see `governance-host agents` for ids")
            }
        }
        do {
            let audit = AuditTrail(log: try AuditLog(path: configuration.auditPath))
            let (tokenID, token, kind): (UUID, String, String) = try connection.transaction { (connection) throws(PostgresError) in
                if let agentID {
                    let created = try TokenStore.createDeviceToken(agentID: agentID, on: connection)
                    return (created.id, created.token, "device")
                }
                let created = try TokenStore.createOperatorToken(label: label, on: connection)
                return (created.id, created.token, "operator")
            }
            try audit.record(
                AuditEvent(timestamp: Date(), agentID: agentID, eventType: "token_created",
                           payload: .object(["token_id": .string(tokenID.uuidString.lowercased()), "kind": .string(kind), "label": .string(label)])),
                on: connection)
            let owner = agentID.map { " for agent \($0.uuidString.lowercased())" } ?? ""
            print("\(kind) token \(tokenID.uuidString.lowercased())\(owner) created; the token below is shown once:")
            print(token)
        } catch {
            throw CommandFailure.exit(.failure, String(describing: error))
        }
    }
}
