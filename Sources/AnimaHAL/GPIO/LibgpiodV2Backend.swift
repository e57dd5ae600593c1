import CAnimaGPIOD
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// GPIO through libgpiod 2.x (Debian 13 / Trixie, libgpiod.so.3). Every line is its own request: a
/// `gpiod_line_settings` (direction, output value or bias and edges) → `gpiod_line_config_add_line_settings` →
/// `gpiod_request_config_set_consumer("anima")` → `gpiod_chip_request_lines`; then `gpiod_line_request_set_value` /
/// `get_value`, and `gpiod_line_request_wait_edge_events` + `read_edge_events` into an edge event buffer.
/// Enum values are v2's (2.2.4 gpiod.h), not v1's: direction INPUT 2 / OUTPUT 3, edge BOTH 4, bias 1/3/4/5.
struct LibgpiodV2Backend: GPIOBackend {
    let calls: any LibgpiodV2Calls

    func openChip(path: String) throws(HALError) -> any GPIOChipBackend {
        let chip: OpaquePointer
        do { chip = try calls.chipOpen(path) } catch {
            throw HALError.fromErrno(error.errno, path: path, operation: "open GPIO chip", advice: .gpio)
        }
        do {
            let found = try calls.chipInfo(chip)
            let info = GPIOChipInfo(path: path, name: found.name, label: found.label, lineCount: UInt32(clamping: found.lines))
            return LibgpiodV2Chip(calls: calls, chip: chip, info: info)
        } catch {
            calls.chipClose(chip)
            throw .ioFailed(device: path, operation: "read GPIO chip info", errno: error.errno)
        }
    }
}

/// An open v2 chip; closed when the last line requested from it is released.
final class LibgpiodV2Chip: GPIOChipBackend {
    let info: GPIOChipInfo
    let calls: any LibgpiodV2Calls
    private let chip: OpaquePointer

    init(calls: any LibgpiodV2Calls, chip: OpaquePointer, info: GPIOChipInfo) {
        self.calls = calls
        self.chip = chip
        self.info = info
    }

    deinit { calls.chipClose(chip) }

    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        let request = try request(line: line, consumer: consumer) { settings throws(LibgpiodFailure) in
            try calls.lineSettingsSetDirection(settings, ANIMA_GPIOD_V2_DIRECTION_OUTPUT)
            try calls.lineSettingsSetOutputValue(settings, initial ? ANIMA_GPIOD_V2_VALUE_ACTIVE : ANIMA_GPIOD_V2_VALUE_INACTIVE)
        }
        return LibgpiodV2Output(request)
    }

    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput {
        let request = try request(line: line, consumer: consumer) { settings throws(LibgpiodFailure) in
            try calls.lineSettingsSetDirection(settings, ANIMA_GPIOD_V2_DIRECTION_INPUT)
            try calls.lineSettingsSetBias(settings, Self.bias(bias))
        }
        return LibgpiodV2Input(request)
    }

    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput {
        let request = try request(line: line, consumer: consumer) { settings throws(LibgpiodFailure) in
            try calls.lineSettingsSetDirection(settings, ANIMA_GPIOD_V2_DIRECTION_INPUT)
            try calls.lineSettingsSetBias(settings, Self.bias(bias))
            try calls.lineSettingsSetEdgeDetection(settings, ANIMA_GPIOD_V2_EDGE_BOTH)
        }
        do {
            let buffer = try calls.edgeEventBufferNew(capacity: LibgpiodV2EdgeInput.bufferCapacity)
            return LibgpiodV2EdgeInput(request, buffer: buffer)
        } catch {
            throw .ioFailed(device: "GPIO \(request.name)", operation: "allocate edge event buffer", errno: error.errno)
        }
    }

    /// v2 bias enum (2.2.4 gpiod.h enum gpiod_line_bias): AS_IS 1, UNKNOWN 2, DISABLED 3, PULL_UP 4, PULL_DOWN 5.
    static func bias(_ bias: GPIOBias) -> Int32 {
        switch bias {
        case .asIs: return ANIMA_GPIOD_V2_BIAS_AS_IS
        case .disabled: return ANIMA_GPIOD_V2_BIAS_DISABLED
        case .pullUp: return ANIMA_GPIOD_V2_BIAS_PULL_UP
        case .pullDown: return ANIMA_GPIOD_V2_BIAS_PULL_DOWN
        }
    }

    /// Builds settings → line config → request config (consumer) and requests the one line; frees the builders.
    private func request(
        line: UInt32, consumer: String, configure: (OpaquePointer) throws(LibgpiodFailure) -> Void
    ) throws(HALError) -> LibgpiodV2Request {
        guard line < info.lineCount else {
            throw .lineOutOfRange(chip: chipName, line: line, lines: info.lineCount)
        }
        let lineConfig: OpaquePointer
        let requestConfig: OpaquePointer
        do throws(LibgpiodFailure) {
            let settings = try calls.lineSettingsNew()
            defer { calls.lineSettingsFree(settings) }
            try configure(settings)
            lineConfig = try calls.lineConfigNew()
            do { try calls.lineConfigAddLineSettings(lineConfig, offsets: [line], settings) } catch {
                calls.lineConfigFree(lineConfig)
                throw error
            }
            do { requestConfig = try calls.requestConfigNew() } catch {
                calls.lineConfigFree(lineConfig)
                throw error
            }
        } catch {
            throw .ioFailed(device: "\(chipName) line \(line)", operation: "configure GPIO line", errno: error.errno)
        }
        defer {
            calls.requestConfigFree(requestConfig)
            calls.lineConfigFree(lineConfig)
        }
        calls.requestConfigSetConsumer(requestConfig, consumer)
        do {
            let request = try calls.chipRequestLines(chip, requestConfig, lineConfig)
            return LibgpiodV2Request(chip: self, request: request, offset: line, name: "\(info.label):\(line)")
        } catch {
            throw requestError(error.errno, line: line)
        }
    }

    /// EBUSY names the current holder, read from the kernel's line info.
    private func requestError(_ code: Int32, line: UInt32) -> HALError {
        switch code {
        case EBUSY:
            return .lineBusy(chip: chipName, line: line, holder: calls.lineConsumer(chip, line))
        case EACCES, EPERM:
            return .permissionDenied(path: info.path, group: DeviceAccessAdvice.gpio.group)
        default:
            return .ioFailed(device: "\(chipName) line \(line)", operation: "request GPIO line", errno: code)
        }
    }

    var chipName: String { "\(info.label) (\(info.path))" }
}

/// One v2 line request: keeps its chip open and releases the request when the last user goes.
final class LibgpiodV2Request {
    let name: String
    let request: OpaquePointer
    let offset: UInt32
    let chip: LibgpiodV2Chip
    var calls: any LibgpiodV2Calls { chip.calls }

    init(chip: LibgpiodV2Chip, request: OpaquePointer, offset: UInt32, name: String) {
        self.chip = chip
        self.request = request
        self.offset = offset
        self.name = name
    }

    deinit { chip.calls.lineRequestRelease(request) }

    func read() throws(HALError) -> Bool {
        do { return try calls.lineRequestGetValue(request, offset) == ANIMA_GPIOD_V2_VALUE_ACTIVE } catch {
            throw .ioFailed(device: "GPIO \(name)", operation: "read value", errno: error.errno)
        }
    }
}

/// A v2 line requested as an output.
final class LibgpiodV2Output: GPIOOutput {
    private let handle: LibgpiodV2Request
    var name: String { handle.name }

    init(_ handle: LibgpiodV2Request) { self.handle = handle }

    func set(_ high: Bool) throws(HALError) {
        let value = high ? ANIMA_GPIOD_V2_VALUE_ACTIVE : ANIMA_GPIOD_V2_VALUE_INACTIVE
        do { try handle.calls.lineRequestSetValue(handle.request, handle.offset, value) } catch {
            throw .ioFailed(device: "GPIO \(name)", operation: "set value", errno: error.errno)
        }
    }
}

/// A v2 line requested as an input.
final class LibgpiodV2Input: GPIOInput {
    private let handle: LibgpiodV2Request
    var name: String { handle.name }

    init(_ handle: LibgpiodV2Request) { self.handle = handle }

    func read() throws(HALError) -> Bool { try handle.read() }
}

/// A v2 line requested for events on both edges, with its own event buffer.
final class LibgpiodV2EdgeInput: GPIOEdgeInput {
    static let bufferCapacity = 16
    /// At most this many events per call, so a line that never stops bouncing cannot keep the call from returning.
    static let maxEventsPerCall = 64
    private let handle: LibgpiodV2Request
    private let buffer: OpaquePointer
    var name: String { handle.name }

    init(_ handle: LibgpiodV2Request, buffer: OpaquePointer) {
        self.handle = handle
        self.buffer = buffer
    }

    deinit { handle.calls.edgeEventBufferFree(buffer) }

    func read() throws(HALError) -> Bool { try handle.read() }

    func waitForEvents(timeoutMilliseconds: Int) throws(HALError) -> [GPIOEdgeEvent] {
        let calls = handle.calls
        var timeout = Int64(max(0, min(timeoutMilliseconds, Int(Int32.max)))) * 1_000_000
        var events: [GPIOEdgeEvent] = []
        while events.count < Self.maxEventsPerCall {
            let count: Int
            do {
                guard try calls.lineRequestWaitEdgeEvents(handle.request, timeoutNanoseconds: timeout) else { return events }
                count = try calls.lineRequestReadEdgeEvents(handle.request, buffer, maxEvents: Self.bufferCapacity)
            } catch {
                throw .ioFailed(device: "GPIO \(name)", operation: "read edge events", errno: error.errno)
            }
            for index in 0..<max(0, min(count, Self.bufferCapacity)) {
                guard let event = calls.edgeEvent(buffer, at: index) else { break }
                let edge: GPIOEdgeEvent.Edge = event.type == ANIMA_GPIOD_V2_EVENT_RISING_EDGE ? .rising : .falling
                events.append(GPIOEdgeEvent(edge: edge, timestampNanoseconds: event.timestampNanoseconds))
            }
            if count <= 0 { return events }
            timeout = 0  // drain what is already queued, without waiting again
        }
        return events
    }
}
