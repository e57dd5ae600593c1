import ArgumentParser
import GovernanceHost

/// `--label` of `agents create` and `agents rename`: checked by the same rules devices' renames follow (unique is
/// checked later, against the database), refused before anything connects.
struct AgentLabelOption: ParsableArguments {
    @Option(help: "The agent's label, e.g. Lumen: unique ignoring case, at most 64 printable characters, not shaped like an id.")
    var label: String

    func validate() throws {
        do {
            _ = try AgentLabel(label)
        } catch {
            throw ValidationError("--label: \(error)")
        }
    }

    /// The validated label (`validate` has run when a command's `run` asks).
    func parsed() throws -> AgentLabel { try AgentLabel(label) }
}
