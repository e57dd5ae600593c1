import CAnimaGPIOD
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A libgpiod call failed; `errno` is the value the library left, read right after the call.
struct LibgpiodFailure: Error, Equatable {
    var errno: Int32
}

/// The libgpiod v1 (1.6) calls Anima makes, one method per C function. The real one calls through the table
/// `anima_gpiod_load_v1` bound; tests give a fake so the backend's call sequence is checked without a GPIO device.
protocol LibgpiodV1Calls: Sendable {
    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer
    func chipClose(_ chip: OpaquePointer)
    func chipName(_ chip: OpaquePointer) -> String
    func chipLabel(_ chip: OpaquePointer) -> String
    func chipNumLines(_ chip: OpaquePointer) -> UInt32
    func chipGetLine(_ chip: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> OpaquePointer
    func lineRequestOutput(_ line: OpaquePointer, consumer: String, value: Int32) throws(LibgpiodFailure)
    func lineRequestInputFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure)
    func lineRequestBothEdgesEventsFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure)
    /// Re-reads the line's info from the kernel and returns its consumer (who holds a busy line).
    func lineConsumer(_ line: OpaquePointer) -> String?
    func lineRelease(_ line: OpaquePointer)
    func lineSetValue(_ line: OpaquePointer, _ value: Int32) throws(LibgpiodFailure)
    func lineGetValue(_ line: OpaquePointer) throws(LibgpiodFailure) -> Int32
    /// True when an event is pending within `timeout`.
    func lineEventWait(_ line: OpaquePointer, timeout: timespec) throws(LibgpiodFailure) -> Bool
    func lineEventRead(_ line: OpaquePointer) throws(LibgpiodFailure) -> anima_gpiod_v1_line_event
}

/// The libgpiod v2 (2.x) calls Anima makes, one method per C function (see `LibgpiodV1Calls`).
protocol LibgpiodV2Calls: Sendable {
    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer
    func chipClose(_ chip: OpaquePointer)
    /// gpiod_chip_get_info, the name, label and line count read, then gpiod_chip_info_free.
    func chipInfo(_ chip: OpaquePointer) throws(LibgpiodFailure) -> (name: String, label: String, lines: Int)
    /// gpiod_chip_get_line_info + gpiod_line_info_get_consumer (+ free): who holds a busy line.
    func lineConsumer(_ chip: OpaquePointer, _ offset: UInt32) -> String?
    func lineSettingsNew() throws(LibgpiodFailure) -> OpaquePointer
    func lineSettingsFree(_ settings: OpaquePointer)
    func lineSettingsSetDirection(_ settings: OpaquePointer, _ direction: Int32) throws(LibgpiodFailure)
    func lineSettingsSetEdgeDetection(_ settings: OpaquePointer, _ edge: Int32) throws(LibgpiodFailure)
    func lineSettingsSetBias(_ settings: OpaquePointer, _ bias: Int32) throws(LibgpiodFailure)
    func lineSettingsSetOutputValue(_ settings: OpaquePointer, _ value: Int32) throws(LibgpiodFailure)
    func lineConfigNew() throws(LibgpiodFailure) -> OpaquePointer
    func lineConfigFree(_ config: OpaquePointer)
    func lineConfigAddLineSettings(_ config: OpaquePointer, offsets: [UInt32], _ settings: OpaquePointer) throws(LibgpiodFailure)
    func requestConfigNew() throws(LibgpiodFailure) -> OpaquePointer
    func requestConfigFree(_ config: OpaquePointer)
    func requestConfigSetConsumer(_ config: OpaquePointer, _ consumer: String)
    func chipRequestLines(_ chip: OpaquePointer, _ requestConfig: OpaquePointer, _ lineConfig: OpaquePointer) throws(LibgpiodFailure) -> OpaquePointer
    func lineRequestRelease(_ request: OpaquePointer)
    func lineRequestGetValue(_ request: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> Int32
    func lineRequestSetValue(_ request: OpaquePointer, _ offset: UInt32, _ value: Int32) throws(LibgpiodFailure)
    /// True when an event is pending within `timeoutNanoseconds`.
    func lineRequestWaitEdgeEvents(_ request: OpaquePointer, timeoutNanoseconds: Int64) throws(LibgpiodFailure) -> Bool
    /// Reads up to `maxEvents` into `buffer`; returns how many.
    func lineRequestReadEdgeEvents(_ request: OpaquePointer, _ buffer: OpaquePointer, maxEvents: Int) throws(LibgpiodFailure) -> Int
    func edgeEventBufferNew(capacity: Int) throws(LibgpiodFailure) -> OpaquePointer
    func edgeEventBufferFree(_ buffer: OpaquePointer)
    /// gpiod_edge_event_buffer_get_event then its type and timestamp; nil past the end.
    func edgeEvent(_ buffer: OpaquePointer, at index: Int) -> (type: Int32, timestampNanoseconds: UInt64)?
}
