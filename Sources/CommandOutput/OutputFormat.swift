import Foundation
import ArgumentParser

/// How commands print what they show: an aligned table for people, JSON or CSV for scripts. Every command of both
/// programs that prints tabular or machine-readable output takes the same `--format table|json|csv`.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, csv

    /// Columns padded to their widest cell; every cell made printable first (`printable`).
    public static func table(header: [String], rows: [[String]]) -> String {
        let cells = ([header] + rows).map { $0.map(printable) }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            var text = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return cells.map(line).joined(separator: "\n")
    }

    /// RFC 4180 CSV: fields with commas, quotes or newlines are quoted, quotes doubled; a field a spreadsheet would
    /// run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) gets a leading `'` (OWASP's CSV-injection advice),
    /// so a device-chosen label like `=HYPERLINK(…)` stays text.
    public static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ text: String) -> String {
            var value = text
            if let first = value.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), Double(value) == nil { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences("\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// The same rows in this format: JSON is an array of objects keyed by the header's names (lower case, spaces as
    /// `_`), made by JSONEncoder so every string is escaped.
    public func render(header: [String], rows: [[String]]) -> String {
        switch self {
        case .table: return Self.table(header: header, rows: rows)
        case .csv: return Self.csv(header: header, rows: rows)
        case .json:
            let keys = header.map { $0.lowercased().replacingOccurrences(" ", with: "_") }
            let objects = rows.map { row in Dictionary(zip(keys, row), uniquingKeysWith: { first, _ in first }) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(objects)) ?? Data("[]".utf8), as: UTF8.self)
        }
    }

    /// A cell safe for a terminal: control characters (escape sequences, newlines that would forge rows), line and
    /// paragraph separators, and format characters (bidi overrides that reorder what is shown) become `�`.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: "\u{FFFD}"
            default: scalar
            }
        }))
    }
}

/// The `--format` option, shared by every command that prints a table. `--json` stays as a hidden alias for scripts
/// written before `--format` existed.
public struct OutputFormatOption: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    public var format: OutputFormat = .table

    @Flag(help: .hidden)
    var json = false

    public init() {}

    /// The format asked for (`--json` means `--format json`).
    public var resolved: OutputFormat { json ? .json : format }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}

extension OutputFormat {
    /// A measurement with three decimals for tables and CSV; empty when absent.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.3f", value)
    }
}
