extension SPIDevice {
    /// Requested against reported speed in one line, for logs and `anima doctor`: a Pi 4 at an unpinned core
    /// clock, or a kernel that capped the request, shows up here first.
    public var speedReport: String {
        var requestedText = "requested \(Self.megahertz(requested.speedHz))"
        if let command = requested.commandSpeedHz {
            requestedText += " (commands \(Self.megahertz(command)))"
        }
        return "\(path): \(requestedText), kernel reports \(Self.megahertz(effectiveSpeedHz))"
    }

    /// "62.5 MHz", "31.25 MHz", "400 kHz": at most three decimals, no trailing zeros.
    static func megahertz(_ hertz: UInt32) -> String {
        if hertz < 1_000_000 { return Self.decimal(hertz, unit: 1000) + " kHz" }
        return Self.decimal(hertz, unit: 1_000_000) + " MHz"
    }

    private static func decimal(_ value: UInt32, unit: UInt32) -> String {
        let whole = value / unit
        let thousandths = (UInt64(value % unit) * 1000 + UInt64(unit) / 2) / UInt64(unit)
        if thousandths == 0 { return "\(whole)" }
        if thousandths == 1000 { return "\(whole + 1)" }
        var fraction = String(thousandths)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
