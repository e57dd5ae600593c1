@testable import AnimaHAL
import CAnimaGPIOD

#if canImport(Glibc)
import Glibc
#endif

/// A fixed handle the fakes hand out; the value names the object in the call log.
func fakeHandle(_ value: UInt) -> OpaquePointer {
    guard let pointer = OpaquePointer(bitPattern: value) else { fatalError("test handle 0") }
    return pointer
}

/// libgpiod v2 at the shim boundary: records every call, in order, with its arguments; one test thread uses it.
final class RecordingLibgpiodV2: LibgpiodV2Calls, @unchecked Sendable {
    var log: [String] = []
    var label = "pinctrl-bcm2711"
    var lines = 58
    var requestErrno: Int32?
    var holder: String?
    var value: Int32 = 0
    /// Batches `read_edge_events` returns, each (count it reports, events in the buffer).
    var batches: [(count: Int, events: [(Int32, UInt64)])] = []
    private var buffered: [(Int32, UInt64)] = []

    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer {
        log.append("chip_open \(path)")
        return fakeHandle(0x10)
    }
    func chipClose(_ chip: OpaquePointer) { log.append("chip_close") }
    func chipInfo(_ chip: OpaquePointer) throws(LibgpiodFailure) -> (name: String, label: String, lines: Int) {
        log.append("chip_get_info")
        return ("gpiochip0", label, lines)
    }
    func lineConsumer(_ chip: OpaquePointer, _ offset: UInt32) -> String? {
        log.append("chip_get_line_info \(offset)")
        return holder
    }
    func lineSettingsNew() throws(LibgpiodFailure) -> OpaquePointer {
        log.append("line_settings_new")
        return fakeHandle(0x20)
    }
    func lineSettingsFree(_ settings: OpaquePointer) { log.append("line_settings_free") }
    func lineSettingsSetDirection(_ settings: OpaquePointer, _ direction: Int32) throws(LibgpiodFailure) {
        log.append("set_direction \(direction)")
    }
    func lineSettingsSetEdgeDetection(_ settings: OpaquePointer, _ edge: Int32) throws(LibgpiodFailure) {
        log.append("set_edge_detection \(edge)")
    }
    func lineSettingsSetBias(_ settings: OpaquePointer, _ bias: Int32) throws(LibgpiodFailure) { log.append("set_bias \(bias)") }
    func lineSettingsSetOutputValue(_ settings: OpaquePointer, _ value: Int32) throws(LibgpiodFailure) {
        log.append("set_output_value \(value)")
    }
    func lineConfigNew() throws(LibgpiodFailure) -> OpaquePointer {
        log.append("line_config_new")
        return fakeHandle(0x30)
    }
    func lineConfigFree(_ config: OpaquePointer) { log.append("line_config_free") }
    func lineConfigAddLineSettings(_ config: OpaquePointer, offsets: [UInt32], _ settings: OpaquePointer) throws(LibgpiodFailure) {
        log.append("add_line_settings \(offsets)")
    }
    func requestConfigNew() throws(LibgpiodFailure) -> OpaquePointer {
        log.append("request_config_new")
        return fakeHandle(0x40)
    }
    func requestConfigFree(_ config: OpaquePointer) { log.append("request_config_free") }
    func requestConfigSetConsumer(_ config: OpaquePointer, _ consumer: String) { log.append("set_consumer \(consumer)") }
    func chipRequestLines(_ chip: OpaquePointer, _ requestConfig: OpaquePointer, _ lineConfig: OpaquePointer) throws(LibgpiodFailure) -> OpaquePointer {
        log.append("request_lines")
        if let code = requestErrno { throw LibgpiodFailure(errno: code) }
        return fakeHandle(0x50)
    }
    func lineRequestRelease(_ request: OpaquePointer) { log.append("request_release") }
    func lineRequestGetValue(_ request: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> Int32 {
        log.append("get_value \(offset)")
        return value
    }
    func lineRequestSetValue(_ request: OpaquePointer, _ offset: UInt32, _ value: Int32) throws(LibgpiodFailure) {
        log.append("set_value \(offset) \(value)")
    }
    func lineRequestWaitEdgeEvents(_ request: OpaquePointer, timeoutNanoseconds: Int64) throws(LibgpiodFailure) -> Bool {
        log.append("wait_edge_events \(timeoutNanoseconds)")
        return !batches.isEmpty
    }
    func lineRequestReadEdgeEvents(_ request: OpaquePointer, _ buffer: OpaquePointer, maxEvents: Int) throws(LibgpiodFailure) -> Int {
        log.append("read_edge_events \(maxEvents)")
        let batch = batches.removeFirst()
        buffered = batch.events
        return batch.count
    }
    func edgeEventBufferNew(capacity: Int) throws(LibgpiodFailure) -> OpaquePointer {
        log.append("edge_event_buffer_new \(capacity)")
        return fakeHandle(0x60)
    }
    func edgeEventBufferFree(_ buffer: OpaquePointer) { log.append("edge_event_buffer_free") }
    func edgeEvent(_ buffer: OpaquePointer, at index: Int) -> (type: Int32, timestampNanoseconds: UInt64)? {
        guard buffered.indices.contains(index) else { return nil }
        return (buffered[index].0, buffered[index].1)
    }
}

/// libgpiod v1 at the shim boundary, recording calls like `RecordingLibgpiodV2`.
final class RecordingLibgpiodV1: LibgpiodV1Calls, @unchecked Sendable {
    var log: [String] = []
    var requestErrno: Int32?
    var events: [anima_gpiod_v1_line_event] = []

    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer {
        log.append("chip_open \(path)")
        return fakeHandle(0x10)
    }
    func chipClose(_ chip: OpaquePointer) { log.append("chip_close") }
    func chipName(_ chip: OpaquePointer) -> String { "gpiochip0" }
    func chipLabel(_ chip: OpaquePointer) -> String { "pinctrl-bcm2835" }
    func chipNumLines(_ chip: OpaquePointer) -> UInt32 { 54 }
    func chipGetLine(_ chip: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> OpaquePointer {
        log.append("chip_get_line \(offset)")
        return fakeHandle(0x20)
    }
    func lineRequestOutput(_ line: OpaquePointer, consumer: String, value: Int32) throws(LibgpiodFailure) {
        log.append("request_output \(consumer) \(value)")
        if let code = requestErrno { throw LibgpiodFailure(errno: code) }
    }
    func lineRequestInputFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure) {
        log.append("request_input_flags \(consumer) \(flags)")
    }
    func lineRequestBothEdgesEventsFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure) {
        log.append("request_both_edges_events_flags \(consumer) \(flags)")
    }
    func lineConsumer(_ line: OpaquePointer) -> String? {
        log.append("line_consumer")
        return "spi0 CS0"
    }
    func lineRelease(_ line: OpaquePointer) { log.append("line_release") }
    func lineSetValue(_ line: OpaquePointer, _ value: Int32) throws(LibgpiodFailure) { log.append("set_value \(value)") }
    func lineGetValue(_ line: OpaquePointer) throws(LibgpiodFailure) -> Int32 {
        log.append("get_value")
        return 1
    }
    func lineEventWait(_ line: OpaquePointer, timeout: timespec) throws(LibgpiodFailure) -> Bool {
        log.append("event_wait \(timeout.tv_sec).\(timeout.tv_nsec)")
        return !events.isEmpty
    }
    func lineEventRead(_ line: OpaquePointer) throws(LibgpiodFailure) -> anima_gpiod_v1_line_event {
        log.append("event_read")
        return events.removeFirst()
    }
}
