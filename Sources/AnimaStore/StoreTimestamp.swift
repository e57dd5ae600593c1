/// UTC ISO-8601 timestamps with exactly six fractional digits (`2026-11-26T14:03:07.123456Z`).
///
/// Every timestamp in anima.db has this one fixed width, so comparing the text compares the times
/// (spec Decision 7): `ORDER BY timestamp` and the `timestamp DESC` index are time order. The formatter is
/// integer arithmetic on a 27-byte buffer, cheap enough for the recorder's writer and free of Foundation's
/// locale-aware DateFormatter. Times are the caller's clock (virtual under simulation), in seconds since 1970.
public enum StoreTimestamp {
    /// The text's length: `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    public static let width = 27

    /// Formats `seconds` since 1970 (UTC), rounded to the microsecond. Years outside 0...9999 are clamped
    /// to that range so the width never changes.
    public static func format(_ seconds: Double) -> String {
        let lowest = -62_167_219_200.0  // 0000-01-01T00:00:00Z
        let highest = 253_402_300_799.0  // 9999-12-31T23:59:59Z
        let clamped = seconds.isFinite ? min(max(seconds, lowest), highest + 0.999_999) : 0
        // Whole seconds and the microsecond fraction separately, so large times keep their precision.
        let whole = clamped.rounded(.down)
        var second = Int64(whole)
        var fraction = Int64(((clamped - whole) * 1_000_000).rounded())
        if fraction == 1_000_000 {
            second += 1
            fraction = 0
        }
        if second > Int64(highest) {
            second = Int64(highest)
            fraction = 999_999
        }
        var day = second / 86_400
        var secondOfDay = second % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            day -= 1
        }
        let (year, month, dayOfMonth) = civilDate(daysSince1970: day)
        return String(unsafeUninitializedCapacity: width) { buffer in
            func put(_ value: Int64, digits: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(dayOfMonth, digits: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, digits: 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(fraction, digits: 6, at: 20)
            buffer[26] = UInt8(ascii: "Z")
            return width
        }
    }

    /// Parses a timestamp written by `format` back to seconds since 1970; nil for any other shape.
    public static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == width, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "."), bytes[26] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ offset: Int, _ digits: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[offset..<offset + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let fraction = number(20, 6), (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60, second < 60
        else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        let micros = (days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000 + fraction
        return Double(micros) / 1_000_000
    }

    /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since 1970-01-01.
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`, the inverse of `civilDate`.
    static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
