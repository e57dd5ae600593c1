import AnimaFiles
import AnimaImage
import AnimaStore
import ArgumentParser
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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Path of anima.db.")
    var db = "var/anima.db"

    @Option(help: "How many of the newest rows to show (1…1000000).")
    var limit = 100

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Also write a PNG plot of the rows to this file.")
    var plot: String?

    func validate() throws {
        guard (1...1_000_000).contains(limit) else {
            throw ValidationError("--limit must be between 1 and 1000000 (got \(limit)).")
        }
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError(
                "no database at \(db): pass --db with the path of anima.db (written by `anima run` or `anima simulate --db`).")
        }
    }

    func run() throws {
        let rows: [DrawingHistoryRow]
        do {
            let store = try AnimaStore(path: db)
            defer { store.close() }
            rows = try store.recentDrawingHistory(limit: limit)
        } catch {
            throw ValidationError("cannot read drawing_history from \(db): \(error)")
        }
        print(HistoryFormatter.render(rows, as: format), terminator: "")
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
