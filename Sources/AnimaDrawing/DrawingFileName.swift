/// PNG names as the reference writes them: `lumen_drawing_YYYYmmdd_HHMMSS_<era>.png` (spec §1.13), from a clock time
/// plus a local offset, without Foundation (the calendar arithmetic is Howard Hinnant's days-to-civil).
public enum DrawingFileName {
    public static func make(time: Double, localOffset: Double, era: EraName, manual: Bool = false) -> String {
        let c = civil(time + localOffset)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp = pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "_" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2)
        return "lumen_drawing_\(stamp)_\(era.rawValue)\(manual ? "_manual" : "").png"
    }

    /// The hour of day (0–23) at a local time.
    public static func hour(time: Double, localOffset: Double) -> Int {
        civil(time + localOffset).hour
    }

    static func civil(_ seconds: Double) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let total = Int((seconds).rounded(.down))
        let days = floorDiv(total, 86_400)
        let secondOfDay = total - days * 86_400
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, (secondOfDay % 3600) / 60, secondOfDay % 60)
    }
}
