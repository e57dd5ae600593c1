import Foundation

/// The Python anima-mcp's timestamps, turned into anima's.
///
/// The reference writes `datetime.now().isoformat()` (anima-mcp `identity/store.py`: `wake`, `sleep`, `record_state`,
/// `record_drawing_state`, `set_name`): the Pi's *local* wall time with no zone, `2025-03-01T14:22:05.123456` — and
/// without the fraction when the microseconds happen to be 0 (Python's `isoformat` drops it). anima stores UTC with
/// exactly six fractional digits (`StoreTimestamp`). The zone the Pi used is its zone now (`TimeZone.current`, from
/// TZ or /etc/localtime), unless the caller names another. A text that already carries an offset or `Z` keeps it.
public struct ReferenceLocalTime: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// anima's UTC text for the reference's `text`; nil when it is not an ISO 8601 date and time.
    public func storeTimestamp(_ text: String) -> String? {
        seconds(text).map(StoreTimestamp.format)
    }

    /// Seconds since 1970 (UTC) for the reference's `text`.
    ///
    /// A wall time in the hour a fall-back change repeats names two instants. Read alone it is the first; `previous`,
    /// the instant of the row written just before it (row order is write order), settles it: the first instant that is
    /// not before `previous` (the last one when both are: the clock was set back, and the later reading jumps least). So the second pass of the repeated hour follows the first instead of landing an hour
    /// early among it. A wall time that never happened (the hour skipped in spring) is read with one of the two
    /// offsets, as before.
    public func seconds(_ text: String, following previous: Double? = nil) -> Double? {
        guard let parsed = Self.parse(text) else { return nil }
        if let offset = parsed.offsetSeconds { return parsed.wallSeconds - Double(offset) }
        let wall = parsed.wallSeconds
        // The offsets in force around this wall time (a change happens at most once within a day either side); an
        // offset fits when the instant it gives really has that offset.
        var offsets: [Int] = []
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: probe))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        let instants = offsets
            .filter { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - Double($0))) == $0 }
            .map { wall - Double($0) }
            .sorted()
        guard let first = instants.first else {
            // Skipped by a spring-forward change: the wall time read as if it were UTC, corrected by the zone's
            // offset at that instant, then by the offset at the corrected one.
            let guess = wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wall)))
            return wall - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
        }
        guard let previous else { return first }
        return instants.first { $0 >= previous } ?? instants[instants.count - 1]
    }

    struct Parsed {
        /// The written date and time as seconds since 1970, as though it were UTC.
        var wallSeconds: Double
        /// The written offset from UTC, when the text has one.
        var offsetSeconds: Int?
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.f…]][Z|±HH:MM|±HHMM]`.
    static func parse(_ text: String) -> Parsed? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            expect("T "), let hour = digits(2), expect(":"), let minute = digits(2)
        else { return nil }
        var second: Int64 = 0
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            guard let value = digits(2) else { return nil }
            second = value
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale: Int64 = 100_000
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    micros += Int64(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        // Python's datetime writes only real calendar dates and no leap second: 2026-02-30 or :60 was never written by
        // anima-mcp, so such a row is damage, not a time to shift into the next month.
        guard year >= 1, (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var offset: Int?
        if index < bytes.count {
            if expect("Zz") {
                offset = 0
            } else {
                guard index < bytes.count else { return nil }
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+-"), let offsetHours = digits(2) else { return nil }
                _ = expect(":")
                guard let offsetMinutes = digits(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
                offset = Int(sign * (offsetHours * 3600 + offsetMinutes * 60))
            }
        }
        guard index == bytes.count else { return nil }
        let days = StoreTimestamp.daysSince1970(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second
        return Parsed(wallSeconds: Double(whole) + Double(micros) / 1_000_000, offsetSeconds: offset)
    }

    /// The Gregorian calendar's month lengths (Python's proleptic calendar).
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
