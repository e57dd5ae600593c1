import AnimaRuntime
import AnimaStore
import ArgumentParser
import CommandOutput
import Foundation

/// `anima adopt`: carries the Python anima-mcp's creature over to anima (`CreatureAdoption`).
struct AdoptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Adopt the creature the Python anima-mcp keeps in ~/.anima: identity, history, canvas and drawings.",
        discussion: """
            Stop anima-mcp first (sudo systemctl stop anima anima-broker). The source directory is only read — its \
            anima.db is read from a copy — so it stays exactly as it was, as the backup to go back to. Its local \
            timestamps are converted to UTC with this machine's time zone (or --time-zone). The copy is made in the \
            data directory, which needs 2.2 times the source database's size free (checked first). Running adopt \
            again imports only what the Python creature wrote since; adopting over a different creature is refused.
            """)

    @Option(help: "The Python anima-mcp's data directory (holding anima.db, canvas.json, drawings/), e.g. /home/pi/.anima.")
    var from: String

    @OptionGroup var location: DataLocationOptions

    @Option(help: "The creature_id to adopt when anima-mcp's identity table holds more than one (adopt lists them; anima-mcp woke as its unit's ANIMA_ID).")
    var creature: String?

    @Option(help: "The time zone the Python creature's timestamps were written in (default: this machine's, e.g. Europe/Berlin).")
    var timeZone: String?

    @OptionGroup var output: OutputFormatOption

    func run() throws {
        let zone: TimeZone
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else {
                throw fail("--time-zone \(timeZone) is not a time zone name (e.g. Europe/Berlin, UTC; see timedatectl list-timezones)", status: .usage)
            }
            zone = named
        } else {
            zone = .current
        }
        let dataDirectory: String
        do {
            dataDirectory = try ConfigurationLoader.load(explicitPath: location.config, flags: location.flags).dataDirectory
        } catch {
            throw fail(error.description, status: FailureStatus(error))
        }
        let report: AdoptionReport
        do {
            report = try CreatureAdoption.adopt(from: from, into: dataDirectory, creature: creature, time: ReferenceLocalTime(timeZone: zone))
        } catch {
            throw fail(error.description, status: Self.status(error))
        }
        switch output.resolved {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self))
        case .csv:
            print(OutputFormat.csv(header: ["field", "value"], rows: AdoptionReportText.rows(report).map { [$0.0, $0.1] }))
        case .table:
            print(AdoptionReportText.render(report))
        }
    }

    static func status(_ error: AdoptionError) -> FailureStatus {
        switch error {
        case .noSourceDatabase, .notReference, .sameDirectory: .usage
        default: .failure
        }
    }
}
