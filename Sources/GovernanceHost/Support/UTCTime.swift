import Foundation

/// Timestamps as the host writes them everywhere: RFC 3339 in UTC with a `Z` (never a local offset).
public enum UTCTime {
    /// `2026-11-26T15:04:05.123Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// Parses RFC 3339 with or without fractional seconds; nil otherwise.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// `YYYYMMDD` in UTC, for rotated audit file names.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// A SQL expression printing a timestamptz column in UTC with milliseconds and `Z`, aliased to the column name.
    static func sql(_ column: String, as alias: String? = nil) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS \(alias ?? column.split(separator: ".").last.map(String.init) ?? column)"
    }
}
