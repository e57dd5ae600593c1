import ArgumentParser
import CommandOutput
import GovernanceHost

struct AgentsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Every agent: label, id, last seen, verdict, E I S V C, summaries stored (the default of `agents`).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputFormatOption

    func run() throws {
        let format = output.resolved
        let (_, connection) = try database.connectToCurrentSchema()
        let agents: [AgentOverview]
        do {
            agents = try AgentStore.list(on: connection)
        } catch {
            throw CommandFailure.exit(.failure, error.description)
        }
        let header = ["label", "id", "last_seen", "action", "margin", "verdict", "E", "I", "S", "V", "C", "summaries"]
        let rows = agents.map { agent in
            [
                agent.label, agent.id, agent.lastSeen ?? "never", agent.action ?? "", agent.margin ?? "", agent.verdict ?? "",
                OutputFormat.number(agent.E), OutputFormat.number(agent.I), OutputFormat.number(agent.S),
                OutputFormat.number(agent.V), OutputFormat.number(agent.coherence), String(agent.summaries),
            ]
        }
        switch format {
        case .json: print(GovernanceJSON.text(agents))
        case .csv: print(OutputFormat.csv(header: header, rows: rows))
        case .table: print(agents.isEmpty ? "no agents yet: create one with `governance-host agents create --label NAME`" : OutputFormat.table(header: header, rows: rows))
        }
    }
}
