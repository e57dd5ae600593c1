import CommandOutput
import AnimaStore
import Foundation

/// Text renderings of drawing_history rows for `anima history` (table for people, JSON and CSV for tools).
/// Column names are the table's own; missing values print as empty (table, CSV) or null (JSON).
enum HistoryFormatter {
    static let columns = [
        "timestamp", "E", "I", "S", "V", "C", "marks", "phase", "era", "energy", "curiosity", "engagement", "fatigue",
        "arc_phase", "gesture_entropy", "switching_rate", "intentionality", "epoch",
    ]

    enum Cell {
        case text(String?)
        case number(Double?)
        case integer(Int)
    }

    static func cells(_ row: DrawingHistoryRow) -> [Cell] {
        let s = row.snapshot
        return [
            .text(row.timestamp), .number(s.E), .number(s.I), .number(s.S), .number(s.V), .number(s.C),
            .integer(s.marks), .text(s.phase), .text(s.era), .number(s.energy), .number(s.curiosity),
            .number(s.engagement), .number(s.fatigue), .text(s.arcPhase), .number(s.gestureEntropy),
            .number(s.switchingRate), .number(s.intentionality), .integer(s.epoch),
        ]
    }

    static func render(_ rows: [DrawingHistoryRow], as format: OutputFormat) -> String {
        switch format {
        case .table: return table(rows)
        case .csv: return csv(rows)
        case .json: return json(rows)
        }
    }

    static func table(_ rows: [DrawingHistoryRow]) -> String {
        guard !rows.isEmpty else { return "drawing_history is empty\n" }
        let shown = ["timestamp", "marks", "era", "arc_phase", "E", "I", "S", "V", "C", "curiosity", "engagement", "fatigue"]
        let indices = shown.compactMap { columns.firstIndex(of: $0) }
        let body = rows.map { row in
            let all = cells(row)
            return indices.map { index -> String in
                switch all[index] {
                case let .text(value): return value ?? "-"
                case let .number(value): return value.map { String(format: "%.3f", $0) } ?? "-"
                case let .integer(value): return String(value)
                }
            }
        }
        let widths = shown.indices.map { column in max(shown[column].count, body.map { $0[column].count }.max() ?? 0) }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(shown)] + body.map(line)).joined(separator: "\n") + "\n"
    }

    static func csv(_ rows: [DrawingHistoryRow]) -> String {
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text += cells(row).map { cell -> String in
                switch cell {
                case let .text(value): return value.map(csvField) ?? ""
                case let .number(value): return value.map { "\($0)" } ?? ""
                case let .integer(value): return String(value)
                }
            }.joined(separator: ",") + "\n"
        }
        return text
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ rows: [DrawingHistoryRow]) -> String {
        let objects = rows.map { row -> String in
            let fields = zip(columns, cells(row)).map { name, cell -> String in
                let value: String
                switch cell {
                case let .text(text): value = text.map(jsonString) ?? "null"
                case let .number(number): value = number.map { $0.isFinite ? "\($0)" : "null" } ?? "null"
                case let .integer(integer): value = String(integer)
                }
                return "\"\(name)\":\(value)"
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + objects.joined(separator: ",\n ") + "]\n"
    }

    static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case let control where control.value < 0x20: escaped += String(format: "\\u%04x", control.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
