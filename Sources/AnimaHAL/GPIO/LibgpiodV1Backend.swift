import CAnimaGPIOD
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GPIO through libgpiod 1.6 (the v1 API of Debian 12 / Bookworm, libgpiod.so.2): `gpiod_chip_open`,
/// `gpiod_chip_get_line`, `gpiod_line_request_output/input_flags/both_edges_events_flags`, `gpiod_line_set/get_value`,
/// `gpiod_line_event_wait/read`. The calls come from `calls` (bound at run time, or a test's fake).
struct LibgpiodV1Backend: GPIOBackend {
    let calls: any LibgpiodV1Calls

    func openChip(path: String) throws(HALError) -> any GPIOChipBackend {
        let chip: OpaquePointer
        do { chip = try calls.chipOpen(path) } catch {
            throw HALError.fromErrno(error.errno, path: path, operation: "open GPIO chip", advice: .gpio)
        }
        let info = GPIOChipInfo(path: path, name: calls.chipName(chip), label: calls.chipLabel(chip), lineCount: calls.chipNumLines(chip))
        return LibgpiodV1Chip(calls: calls, chip: chip, info: info)
    }
}

/// An open v1 chip; closed when the last line requested from it is released.
final class LibgpiodV1Chip: GPIOChipBackend {
    let info: GPIOChipInfo
    let calls: any LibgpiodV1Calls
    private let chip: OpaquePointer

    init(calls: any LibgpiodV1Calls, chip: OpaquePointer, info: GPIOChipInfo) {
        self.calls = calls
        self.chip = chip
        self.info = info
    }

    deinit { calls.chipClose(chip) }

    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        let handle = try lineHandle(line)
        do { try calls.lineRequestOutput(handle, consumer: consumer, value: initial ? 1 : 0) } catch {
            throw requestError(error.errno, line: line, handle: handle)
        }
        return LibgpiodV1Output(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput {
        let handle = try lineHandle(line)
        do { try calls.lineRequestInputFlags(handle, consumer: consumer, flags: Self.flags(for: bias)) } catch {
            throw requestError(error.errno, line: line, handle: handle)
        }
        return LibgpiodV1Input(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput {
        let handle = try lineHandle(line)
        do { try calls.lineRequestBothEdgesEventsFlags(handle, consumer: consumer, flags: Self.flags(for: bias)) } catch {
            throw requestError(error.errno, line: line, handle: handle)
        }
        return LibgpiodV1EdgeInput(LibgpiodV1Line(chip: self, line: handle, name: "\(info.label):\(line)"))
    }

    /// v1 request flags are bits (1.6.3 gpiod.h GPIOD_LINE_REQUEST_FLAG_BIAS_*: BIT(3), BIT(4), BIT(5)).
    static func flags(for bias: GPIOBias) -> Int32 {
        switch bias {
        case .asIs: return 0
        case .disabled: return ANIMA_GPIOD_V1_FLAG_BIAS_DISABLE
        case .pullUp: return ANIMA_GPIOD_V1_FLAG_BIAS_PULL_UP
        case .pullDown: return ANIMA_GPIOD_V1_FLAG_BIAS_PULL_DOWN
        }
    }

    private func lineHandle(_ line: UInt32) throws(HALError) -> OpaquePointer {
        guard line < info.lineCount else {
            throw .lineOutOfRange(chip: chipName, line: line, lines: info.lineCount)
        }
        do { return try calls.chipGetLine(chip, line) } catch {
            throw .ioFailed(device: "\(chipName) line \(line)", operation: "get GPIO line", errno: error.errno)
        }
    }

    /// EBUSY names the current holder, read back from the kernel's line info.
    private func requestError(_ code: Int32, line: UInt32, handle: OpaquePointer) -> HALError {
        switch code {
        case EBUSY:
            return .lineBusy(chip: chipName, line: line, holder: calls.lineConsumer(handle))
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
    let chip: LibgpiodV1Chip
    var calls: any LibgpiodV1Calls { chip.calls }

    init(chip: LibgpiodV1Chip, line: OpaquePointer, name: String) {
        self.chip = chip
        self.line = line
        self.name = name
    }

    deinit { chip.calls.lineRelease(line) }

    func read() throws(HALError) -> Bool {
        do { return try calls.lineGetValue(line) == 1 } catch {
            throw .ioFailed(device: "GPIO \(name)", operation: "read value", errno: error.errno)
        }
    }
}

/// A v1 line requested as an output.
final class LibgpiodV1Output: GPIOOutput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func set(_ high: Bool) throws(HALError) {
        do { try handle.calls.lineSetValue(handle.line, high ? 1 : 0) } catch {
            throw .ioFailed(device: "GPIO \(name)", operation: "set value", errno: error.errno)
        }
    }
}

/// A v1 line requested as an input.
final class LibgpiodV1Input: GPIOInput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func read() throws(HALError) -> Bool { try handle.read() }
}

/// A v1 line requested for events on both edges.
final class LibgpiodV1EdgeInput: GPIOEdgeInput {
    private let handle: LibgpiodV1Line
    var name: String { handle.name }

    init(_ handle: LibgpiodV1Line) { self.handle = handle }

    func read() throws(HALError) -> Bool { try handle.read() }

    func waitForEvents(timeoutMilliseconds: Int) throws(HALError) -> [GPIOEdgeEvent] {
        let clamped = max(0, timeoutMilliseconds)
        var timeout = timespec(tv_sec: clamped / 1000, tv_nsec: (clamped % 1000) * 1_000_000)
        var events: [GPIOEdgeEvent] = []
        // Bounded so a line that never stops bouncing cannot keep this call from returning.
        while events.count < 64 {
            let event: anima_gpiod_v1_line_event
            do {
                guard try handle.calls.lineEventWait(handle.line, timeout: timeout) else { return events }
                event = try handle.calls.lineEventRead(handle.line)
            } catch {
                throw .ioFailed(device: "GPIO \(name)", operation: "read edge events", errno: error.errno)
            }
            let nanoseconds = UInt64(max(0, event.ts.tv_sec)) * 1_000_000_000 + UInt64(max(0, event.ts.tv_nsec))
            let edge: GPIOEdgeEvent.Edge = event.event_type == ANIMA_GPIOD_V1_EVENT_RISING_EDGE ? .rising : .falling
            events.append(GPIOEdgeEvent(edge: edge, timestampNanoseconds: nanoseconds))
            timeout = timespec(tv_sec: 0, tv_nsec: 0)  // drain what is already queued, without waiting again
        }
        return events
    }
}
