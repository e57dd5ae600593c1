import ArgumentParser
import Foundation
import GovernanceHost

/// `agents rename`: an operator gives an agent a new label — the way to fix a label migration 5 suffixed after a
/// collision, or one a device chose. Same rules as devices' renames (unique ignoring case, printable, not id-shaped),
/// audited as `agent_renamed` by the operator after the commit.
struct AgentsRenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Give an agent a new label (unique ignoring case); audited as agent_renamed by the operator.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The agent: its id, or its current label.")
    var agent: String
    @OptionGroup var labelOption: AgentLabelOption

    func run() throws {
        let (configuration, connection) = try database.connectToCurrentSchema()
        do {
            guard let agentID = try AgentStore.resolve(agent, on: connection) else {
                throw CommandFailure.exit(.failure, "--agent: no agent with id or label '\(agent)'; see `governance-host agents` for ids")
            }
            let audit = AuditTrail(log: try AuditLog(path: configuration.auditPath))
            let label = try labelOption.parsed()
            let refusal = try connection.transaction { (connection) throws(PostgresError) in
                try AgentStore.rename(agentID, to: label, by: .object(["operator": .string("governance-host agents rename")]), audit: audit, on: connection)
            }
            if let refusal { throw CommandFailure.exit(.failure, "--label: \(refusal)") }
            print("agent \(agentID.uuidString.lowercased()) is now labelled \(label)")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandFailure.exit(.failure, String(describing: error))
        }
    }
}
