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
    public func seconds(_ text: String) -> Double? {
        guard let parsed = Self.parse(text) else { return nil }
        if let offset = parsed.offsetSeconds { return parsed.wallSeconds - Double(offset) }
        // The wall time read as if it were UTC, corrected by the zone's offset at that instant; a second look at the
        // offset settles times near a daylight-saving change (an hour that happens twice takes its first, an hour
        // that never happened is read with the offset before the change).
        let guess = parsed.wallSeconds - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: parsed.wallSeconds)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
        return parsed.wallSeconds - Double(offset)
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
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
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
}
