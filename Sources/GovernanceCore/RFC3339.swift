/// RFC 3339 timestamps in UTC, the only time format on the bridge.
///
/// Hand-written (no DateFormatter, no Calendar) so it is pure, identical on every platform, and strict:
/// the reference's naive local times caused hours-long holes, so a time without `Z` (or `+00:00`) is refused.
public enum RFC3339 {
    /// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SS.mmmZ` (milliseconds, truncated toward the past).
    public static func format(secondsSince1970 seconds: Double) -> String {
        let totalMillis = Int64((seconds * 1000).rounded(.down))
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let totalSeconds = (totalMillis - Int64(millis)) / 1000
        let secondOfDay = Int(((totalSeconds % 86_400) + 86_400) % 86_400)
        let days = (totalSeconds - Int64(secondOfDay)) / 86_400
        let (year, month, day) = civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(millis, 3) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00|-00:00)` into seconds since 1970; nil when malformed,
    /// out of range (month 13, 31 April, hour 24…) or not UTC.
    public static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), b[4] == UInt8(ascii: "-"), let month = number(5..<7), b[7] == UInt8(ascii: "-"),
            let day = number(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = number(11..<13), b[13] == UInt8(ascii: ":"), let minute = number(14..<16),
            b[16] == UInt8(ascii: ":"), let second = number(17..<19)
        else { return nil }
        guard year >= 1970, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { i += 1 }
            guard i > start, i - start <= 9, let digits = number(start..<i) else { return nil }
            var scale = 1.0
            for _ in start..<i { scale *= 10 }
            fraction = Double(digits) / scale
        }
        let zone = b[i...]
        guard zone.elementsEqual("Z".utf8) || zone.elementsEqual("z".utf8) || zone.elementsEqual("+00:00".utf8)
            || zone.elementsEqual("-00:00".utf8)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) + fraction
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}

extension KeyedDecodingContainer {
    /// Decodes an RFC 3339 UTC string into seconds since 1970, with a decoding error naming the key otherwise.
    public func decodeRFC3339(forKey key: Key) throws -> Double {
        let text = try decode(String.self, forKey: key)
        guard let seconds = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an RFC 3339 UTC time: \(text)")
        }
        return seconds
    }
}

extension KeyedEncodingContainer {
    /// Encodes seconds since 1970 as an RFC 3339 UTC string with milliseconds.
    public mutating func encodeRFC3339(_ seconds: Double, forKey key: Key) throws {
        try encode(RFC3339.format(secondsSince1970: seconds), forKey: key)
    }
}
