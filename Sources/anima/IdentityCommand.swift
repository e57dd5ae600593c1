import AnimaRuntime
import AnimaStore
import ArgumentParser
import CommandOutput
import Foundation

/// `anima identity`: who the creature is — id, name, birth, awakenings, alive time — from anima.db.
struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Show the creature's identity: creature_id, name, born_at (UTC), awakenings, alive_seconds.")

    @OptionGroup var location: DataLocationOptions
    @OptionGroup var output: OutputFormatOption

    struct Shown: Encodable {
        var creature_id: String
        var name: String?
        var born_at: String
        var awakenings: Int
        var alive_seconds: Double
    }

    func run() throws {
        let dataDirectory: String
        do {
            dataDirectory = try ConfigurationLoader.load(explicitPath: location.config, flags: location.flags).dataDirectory
        } catch {
            throw fail(error.description, status: FailureStatus(error))
        }
        let path = dataDirectory + "/anima.db"
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("no creature yet: \(path) does not exist (start one with `anima run`, or bring one over with `anima adopt --from ~/.anima`)")
        }
        let identity: CreatureIdentity?
        do {
            let store = try AnimaStore(path: path)
            defer { store.close() }
            identity = try store.identity.stored()
        } catch {
            throw fail(error.description)
        }
        guard let identity else {
            throw fail("\(path) holds no creature yet (it is born at the first `anima run`)")
        }
        let shown = Shown(
            creature_id: identity.creatureID, name: identity.name, born_at: StoreTimestamp.format(identity.bornAt),
            awakenings: identity.totalAwakenings, alive_seconds: identity.totalAliveSeconds)
        let rows: [(String, String)] = [
            ("creature_id", shown.creature_id), ("name", shown.name ?? ""), ("born_at", shown.born_at),
            ("awakenings", String(shown.awakenings)), ("alive_seconds", String(format: "%.0f", shown.alive_seconds)),
        ]
        switch output.resolved {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: (try? encoder.encode(shown)) ?? Data(), as: UTF8.self))
        case .csv:
            print(OutputFormat.csv(header: ["field", "value"], rows: rows.map { [$0.0, $0.1] }))
        case .table:
            print(rows.map { $0.0.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n"))
        }
    }
}
