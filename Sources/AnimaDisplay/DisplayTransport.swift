/// Where display bytes go: a real bus (SPI + D/C, I2C), a trace file, the virtual panel or the simulator.
/// Every transport sees the same calls, so a trace of one is exactly what the others would have carried.
///
/// DBI: `command` carries one command byte with D/C low; `data` its parameters or pixels with D/C high.
/// SSD1306: `command` carries commands and their arguments (control byte 0x00 or D/C low); `data` the page bytes.
/// A transport is used from one thread (the display pipeline's).
public protocol DisplayTransport: AnyObject {
    func command(_ bytes: [UInt8]) throws(DisplayError)
    func data(_ bytes: [UInt8]) throws(DisplayError)
    func wait(milliseconds: UInt32) throws(DisplayError)
    /// A control line change: `reset` 0/1, `backlight` 0/1, `backlight_pwm` 0…255.
    func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError)
    /// The end of one display update; transports that buffer flush here.
    func endFrame(_ number: UInt32) throws(DisplayError)
}

/// The control lines a display pipeline drives besides the bus. Raw values are the trace's role names.
public enum DisplayLine: String, Sendable, CaseIterable {
    case reset
    case backlight
    case backlightPWM = "backlight_pwm"
}

/// One thing a transport was asked to do; the unit of the trace format (spec §7).
public enum TraceRecord: Sendable, Hashable {
    case command([UInt8])
    case data([UInt8])
    case wait(UInt32)
    /// `role=value` as written; roles other than `DisplayLine`'s are kept so readers stay forward-compatible.
    case line(role: String, value: Int)
    case endFrame(UInt32)

    public var tag: UInt8 {
        switch self {
        case .command: return 0x43
        case .data: return 0x44
        case .wait: return 0x57
        case .line: return 0x47
        case .endFrame: return 0x46
        }
    }

    /// Sends this record to a transport (replaying a trace into the virtual panel, for instance).
    public func replay(into transport: any DisplayTransport) throws(DisplayError) {
        switch self {
        case let .command(bytes): try transport.command(bytes)
        case let .data(bytes): try transport.data(bytes)
        case let .wait(milliseconds): try transport.wait(milliseconds: milliseconds)
        case let .line(role, value):
            if let known = DisplayLine(rawValue: role) { try transport.setLine(known, to: value) }
        case let .endFrame(number): try transport.endFrame(number)
        }
    }
}

/// A transport that keeps every record in memory: golden transcripts in tests, and the byte counts of the bench.
public final class RecordingTransport: DisplayTransport {
    public private(set) var records: [TraceRecord] = []

    public init() {}

    public func command(_ bytes: [UInt8]) throws(DisplayError) { records.append(.command(bytes)) }
    public func data(_ bytes: [UInt8]) throws(DisplayError) { records.append(.data(bytes)) }
    public func wait(milliseconds: UInt32) throws(DisplayError) { records.append(.wait(milliseconds)) }
    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {
        records.append(.line(role: role.rawValue, value: value))
    }
    public func endFrame(_ number: UInt32) throws(DisplayError) { records.append(.endFrame(number)) }

    public func removeAll() { records.removeAll(keepingCapacity: true) }
}
