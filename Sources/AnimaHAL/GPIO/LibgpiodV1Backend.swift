import CAnimaGPIOD
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GPIO through libgpiod 1.6 (the v1 API Debian 12 ships): `gpiod_chip_open`, `gpiod_chip_get_line`,
/// `gpiod_line_request_output/input`, `gpiod_line_set/get_value`.
struct LibgpiodV1Backend: GPIOBackend {
    func openChip(path: String) throws(HALError) -> any GPIOChipBackend {
        guard let chip = gpiod_chip_open(path) else {
            let code = errno
            throw HALError.fromErrno(code, path: path, operation: "open GPIO chip", advice: .gpio)
        }
        let info = GPIOChipInfo(
            path: path,
            name: gpiod_chip_name(chip).map { String(cString: $0) } ?? "",
            label: gpiod_chip_label(chip).map { String(cString: $0) } ?? "",
            lineCount: UInt32(gpiod_chip_num_lines(chip)))
        return LibgpiodV1Chip(chip: chip, info: info)
    }
}

/// An open v1 chip; closed when the last line requested from it is released.
final class LibgpiodV1Chip: GPIOChipBackend {
    let info: GPIOChipInfo
    private let chip: OpaquePointer

    init(chip: OpaquePointer, info: GPIOChipInfo) {
        self.chip = chip
        self.info = info
    }

    deinit { gpiod_chip_close(chip) }

    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        let handle = try lineHandle(line)
        let result = gpiod_line_request_output(handle, consumer, initial ? 1 : 0)
        if result != 0 { throw requestError(errno, line: line, handle: handle) }
        return LibgpiodV1Output(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput {
        let handle = try lineHandle(line)
        let result = gpiod_line_request_input_flags(handle, consumer, Self.flags(for: bias))
        if result != 0 { throw requestError(errno, line: line, handle: handle) }
        return LibgpiodV1Input(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput {
        let handle = try lineHandle(line)
        let result = gpiod_line_request_both_edges_events_flags(handle, consumer, Self.flags(for: bias))
        if result != 0 { throw requestError(errno, line: line, handle: handle) }
        return LibgpiodV1EdgeInput(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    private static func flags(for bias: GPIOBias) -> Int32 {
        switch bias {
        case .asIs: return 0
        case .disabled: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: return Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
    }

    private func lineHandle(_ line: UInt32) throws(HALError) -> OpaquePointer {
        guard line < info.lineCount else {
            throw .lineOutOfRange(chip: chipName, line: line, lines: info.lineCount)
        }
        guard let handle = gpiod_chip_get_line(chip, line) else {
            throw .ioFailed(device: "\(chipName) line \(line)", operation: "get GPIO line", errno: errno)
        }
        return handle
    }

    /// EBUSY names the current holder, read back from the kernel's line info.
    private func requestError(_ code: Int32, line: UInt32, handle: OpaquePointer) -> HALError {
        switch code {
        case EBUSY:
            _ = gpiod_line_update(handle)
            let holder = gpiod_line_consumer(handle).map { String(cString: $0) }
            return .lineBusy(chip: chipName, line: line, holder: holder)
        case EACCES, EPERM:
            return .permissionDenied(path: info.path, group: DeviceAccessAdvice.gpio.group)
        default:
            return .ioFailed(device: "\(chipName) line \(line)", operation: "request GPIO line", errno: code)
        }
    }

    var chipName: String { "\(info.label) (\(info.path))" }
}

/// A requested v1 line: keeps its chip open and releases the line when the last user goes.
final class LibgpiodV1Line {
    let name: String
    let line: OpaquePointer
    private let chip: LibgpiodV1Chip

    init(chip: LibgpiodV1Chip, line: OpaquePointer, name: String) {
        self.chip = chip
        self.line = line
        self.name = name
    }

    deinit { gpiod_line_release(line) }
}

/// A v1 line requested as an output.
final class LibgpiodV1Output: GPIOOutput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func set(_ high: Bool) throws(HALError) {
        if gpiod_line_set_value(handle.line, high ? 1 : 0) != 0 {
            throw .ioFailed(device: "GPIO \(name)", operation: "set value", errno: errno)
        }
    }
}

/// A v1 line requested as an input.
final class LibgpiodV1Input: GPIOInput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func read() throws(HALError) -> Bool {
        let value = gpiod_line_get_value(handle.line)
        if value < 0 { throw .ioFailed(device: "GPIO \(name)", operation: "read value", errno: errno) }
        return value == 1
    }
}

/// A v1 line requested for events on both edges.
final class LibgpiodV1EdgeInput: GPIOEdgeInput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func read() throws(HALError) -> Bool {
        let value = gpiod_line_get_value(handle.line)
        if value < 0 { throw .ioFailed(device: "GPIO \(name)", operation: "read value", errno: errno) }
        return value == 1
    }

    func waitForEvents(timeoutMilliseconds: Int) throws(HALError) -> [GPIOEdgeEvent] {
        let clamped = max(0, timeoutMilliseconds)
        var timeout = timespec(tv_sec: clamped / 1000, tv_nsec: (clamped % 1000) * 1_000_000)
        var events: [GPIOEdgeEvent] = []
        while true {
            let ready = gpiod_line_event_wait(handle.line, &timeout)
            if ready < 0 { throw .ioFailed(device: "GPIO \(name)", operation: "wait for edge events", errno: errno) }
            if ready == 0 { return events }
            var event = gpiod_line_event()
            if gpiod_line_event_read(handle.line, &event) != 0 {
                throw .ioFailed(device: "GPIO \(name)", operation: "read edge event", errno: errno)
            }
            let nanoseconds = UInt64(max(0, event.ts.tv_sec)) * 1_000_000_000 + UInt64(max(0, event.ts.tv_nsec))
            let edge: GPIOEdgeEvent.Edge = event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE) ? .rising : .falling
            events.append(GPIOEdgeEvent(edge: edge, timestampNanoseconds: nanoseconds))
            timeout = timespec(tv_sec: 0, tv_nsec: 0)  // drain what is already queued, without waiting again
        }
    }
}
