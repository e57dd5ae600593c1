import AnimaFiles
import AnimaImage
import AnimaStore
import AnimaRuntime
import ArgumentParser
import CommandOutput
import Foundation

/// `anima history`: prints the newest drawing_history rows (oldest first) and optionally plots them.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the creature's drawing history (a row every 10 marks) from anima.db.",
        discussion: """
            Rows are the newest --limit ones, printed oldest first. --plot writes a PNG with E, I, S, V, C and \
            attention (curiosity, engagement, fatigue) over the rows, shaded by arc phase.
            """)

    @OptionGroup var location: DataLocationOptions

    @Option(help: "Path of anima.db (default: anima.db in the configured data directory).")
    var db: String?

    @Option(help: "How many of the newest rows to show (1…1000000).")
    var limit = 100

    @OptionGroup var output: OutputFormatOption

    @Option(help: "Also write a PNG plot of the rows to this file.")
    var plot: String?

    func validate() throws {
        guard (1...1_000_000).contains(limit) else {
            throw ValidationError("--limit must be between 1 and 1000000 (got \(limit)).")
        }
    }

    /// `--db`, else anima.db in `--data-dir` or the configured data directory.
    private func databasePath() throws -> String {
        if let db { return db }
        do {
            return try ConfigurationLoader.load(explicitPath: location.config, flags: location.flags).dataDirectory + "/anima.db"
        } catch {
            throw fail(error.description, status: FailureStatus(error))
        }
    }

    func run() throws {
        let db = try databasePath()
        guard FileManager.default.fileExists(atPath: db) else {
            throw fail("no database at \(db): pass --data-dir or --db with the path of anima.db (written by `anima run` or `anima simulate --db`)",
                       status: .usage)
        }
        let rows: [DrawingHistoryRow]
        do {
            let store = try AnimaStore(path: db)
            defer { store.close() }
            rows = try store.recentDrawingHistory(limit: limit)
        } catch {
            throw ValidationError("cannot read drawing_history from \(db): \(error)")
        }
        print(HistoryFormatter.render(rows, as: output.resolved), terminator: "")
        if let plot {
            let png = PNGEncoder.encode(DrawingHistoryPlot.render(rows))
            do {
                try AtomicFile.write(png, to: plot)
            } catch {
                throw ValidationError("cannot write the plot: \(error)")
            }
            FileHandle.standardError.write(Data("wrote \(plot) (\(rows.count) rows)\n".utf8))
        }
    }
}
