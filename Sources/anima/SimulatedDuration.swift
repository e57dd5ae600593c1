import ArgumentParser

/// `--max-sim-time 90s|45m|12h|30d` (a bare number is seconds): a span of simulated time.
struct SimulatedDuration: ExpressibleByArgument {
    let seconds: Double

    private static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]

    init?(argument: String) {
        var text = Substring(argument)
        var unit = 1.0
        if let last = text.last, let scale = Self.units[last] {
            unit = scale
            text = text.dropLast()
        }
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        seconds = value * unit
    }

    static var defaultValueDescription: String { "a duration such as 90s, 45m, 12h or 30d" }
}
