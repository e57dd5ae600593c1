import ArgumentParser

/// How list commands print: an aligned table for people, JSON or CSV for scripts.
enum OutputFormat {
    case table, json, csv

    init(json: Bool, csv: Bool) throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        self = json ? .json : csv ? .csv : .table
    }

    /// Columns padded to their widest cell.
    static func table(header: [String], rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV: fields with commas, quotes or newlines are quoted, quotes doubled.
    static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.3f", value)
    }
}

import Foundation
