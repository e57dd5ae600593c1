import AnimaStore
import Foundation

/// `anima adopt`'s report for people: what came over, with counts, and where the untouched original is.
enum AdoptionReportText {
    static func rows(_ report: AdoptionReport) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("creature_id", report.creatureID),
            ("name", report.name ?? ""),
            ("born_at", report.bornAt),
            ("awakenings", String(report.awakenings)),
            ("alive_seconds", String(format: "%.0f", report.aliveSeconds)),
            ("events", "+\(report.events)"),
            ("state_history", "+\(report.stateHistory)"),
            ("drawing_history", "+\(report.drawingHistory)"),
            ("canvas.json", report.canvas.rawValue),
            ("drawings", "+\(report.drawingsCopied) (\(report.drawingsAlreadyPresent) already present)"),
        ]
        if !report.drawingsKeptExisting.isEmpty {
            rows.append(("drawings kept", "\(report.drawingsKeptExisting.count) whose names anima already uses for other pictures: \(report.drawingsKeptExisting.prefix(3).joined(separator: ", "))"))
        }
        for (table, count) in report.notImported.sorted(by: { $0.key < $1.key }) {
            rows.append(("not imported", "\(table) (\(count) rows; anima keeps no such table)"))
        }
        if report.skipped > 0 {
            rows.append(("skipped rows", "\(report.skipped): \(report.skippedRows.prefix(3).joined(separator: "; "))"))
        }
        return rows
    }

    static func render(_ report: AdoptionReport) -> String {
        let who = "creature \(report.creatureID)" + (report.name.map { " '\($0)'" } ?? "")
        let headline =
            report.changedNothing
            ? "\(who) was already adopted from \(report.source); nothing new to import."
            : (report.alreadyAdopted ? "Brought \(who) up to date" : "Adopted \(who)") + " from \(report.source) into \(report.target)."
        let width = rows(report).map(\.0.count).max() ?? 0
        let table = rows(report).map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        return ([headline] + table + [
            "The original in \(report.source) is unchanged: it is your backup (docs/migrating.md says how to go back).",
        ]).joined(separator: "\n")
    }
}
