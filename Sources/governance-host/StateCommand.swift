import ArgumentParser
import CommandOutput
import GovernanceHost

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "An agent's verdict history (agent_state rows, oldest → newest).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Agent id or unique label.") var agent: String
    @Option(help: "How many of the newest rows.") var limit = 20
    @OptionGroup var output: OutputFormatOption

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be ≥ 1") }
    }

    func run() throws {
        let format = output.resolved
        let (_, connection) = try database.connectToCurrentSchema()
        let history: [AgentStateRecord]
        do {
            guard let id = try AgentStore.resolve(agent, on: connection) else {
                throw CommandFailure.exit(.failure, "no agent with id or unique label '\(agent)' (see `governance-host agents`)")
            }
            history = try AgentStore.history(id, limit: limit, on: connection)
        } catch let error as PostgresError {
            throw CommandFailure.exit(.failure, error.description)
        }
        let header = ["recorded_at", "action", "margin", "verdict", "E", "I", "S", "V", "C", "risk", "reason"]
        let rows = history.map { row in
            [
                row.recordedAt, row.action, row.margin, row.verdict, OutputFormat.number(row.E), OutputFormat.number(row.I),
                OutputFormat.number(row.S), OutputFormat.number(row.V), OutputFormat.number(row.coherence),
                OutputFormat.number(row.risk), row.reason,
            ]
        }
        switch format {
        case .json: print(GovernanceJSON.text(history))
        case .csv: print(OutputFormat.csv(header: header, rows: rows))
        case .table: print(history.isEmpty ? "no check-ins recorded for \(agent) yet" : OutputFormat.table(header: header, rows: rows))
        }
    }
}
