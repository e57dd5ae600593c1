import CAnimaGPIOD
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The v1 calls through the table `anima_gpiod_load_v1` bound from libgpiod.so.2. errno is read right after each call.
struct BoundLibgpiodV1: LibgpiodV1Calls, @unchecked Sendable {  // a table of C function pointers, never mutated
    let api: anima_gpiod_v1_api

    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer {
        guard let chip = api.chip_open(path) else { throw LibgpiodFailure(errno: errno) }
        return chip
    }
    func chipClose(_ chip: OpaquePointer) { api.chip_close(chip) }
    func chipName(_ chip: OpaquePointer) -> String { api.chip_name(chip).map { String(cString: $0) } ?? "" }
    func chipLabel(_ chip: OpaquePointer) -> String { api.chip_label(chip).map { String(cString: $0) } ?? "" }
    func chipNumLines(_ chip: OpaquePointer) -> UInt32 { UInt32(api.chip_num_lines(chip)) }
    func chipGetLine(_ chip: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> OpaquePointer {
        guard let line = api.chip_get_line(chip, offset) else { throw LibgpiodFailure(errno: errno) }
        return line
    }
    func lineRequestOutput(_ line: OpaquePointer, consumer: String, value: Int32) throws(LibgpiodFailure) {
        if api.line_request_output(line, consumer, value) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineRequestInputFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure) {
        if api.line_request_input_flags(line, consumer, flags) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineRequestBothEdgesEventsFlags(_ line: OpaquePointer, consumer: String, flags: Int32) throws(LibgpiodFailure) {
        if api.line_request_both_edges_events_flags(line, consumer, flags) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineConsumer(_ line: OpaquePointer) -> String? {
        _ = api.line_update(line)
        return api.line_consumer(line).map { String(cString: $0) }
    }
    func lineRelease(_ line: OpaquePointer) { api.line_release(line) }
    func lineSetValue(_ line: OpaquePointer, _ value: Int32) throws(LibgpiodFailure) {
        if api.line_set_value(line, value) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineGetValue(_ line: OpaquePointer) throws(LibgpiodFailure) -> Int32 {
        let value = api.line_get_value(line)
        if value < 0 { throw LibgpiodFailure(errno: errno) }
        return value
    }
    func lineEventWait(_ line: OpaquePointer, timeout: timespec) throws(LibgpiodFailure) -> Bool {
        var timeout = timeout
        let ready = api.line_event_wait(line, &timeout)
        if ready < 0 { throw LibgpiodFailure(errno: errno) }
        return ready > 0
    }
    func lineEventRead(_ line: OpaquePointer) throws(LibgpiodFailure) -> anima_gpiod_v1_line_event {
        var event = anima_gpiod_v1_line_event()
        if api.line_event_read(line, &event) != 0 { throw LibgpiodFailure(errno: errno) }
        return event
    }
}

/// The v2 calls through the table `anima_gpiod_load_v2` bound from libgpiod.so.3.
struct BoundLibgpiodV2: LibgpiodV2Calls, @unchecked Sendable {  // a table of C function pointers, never mutated
    let api: anima_gpiod_v2_api

    func chipOpen(_ path: String) throws(LibgpiodFailure) -> OpaquePointer {
        guard let chip = api.chip_open(path) else { throw LibgpiodFailure(errno: errno) }
        return chip
    }
    func chipClose(_ chip: OpaquePointer) { api.chip_close(chip) }
    func chipInfo(_ chip: OpaquePointer) throws(LibgpiodFailure) -> (name: String, label: String, lines: Int) {
        guard let info = api.chip_get_info(chip) else { throw LibgpiodFailure(errno: errno) }
        defer { api.chip_info_free(info) }
        return (
            api.chip_info_get_name(info).map { String(cString: $0) } ?? "",
            api.chip_info_get_label(info).map { String(cString: $0) } ?? "",
            Int(api.chip_info_get_num_lines(info)))
    }
    func lineConsumer(_ chip: OpaquePointer, _ offset: UInt32) -> String? {
        guard let info = api.chip_get_line_info(chip, offset) else { return nil }
        defer { api.line_info_free(info) }
        return api.line_info_get_consumer(info).map { String(cString: $0) }
    }
    func lineSettingsNew() throws(LibgpiodFailure) -> OpaquePointer {
        guard let settings = api.line_settings_new() else { throw LibgpiodFailure(errno: errno) }
        return settings
    }
    func lineSettingsFree(_ settings: OpaquePointer) { api.line_settings_free(settings) }
    func lineSettingsSetDirection(_ settings: OpaquePointer, _ direction: Int32) throws(LibgpiodFailure) {
        if api.line_settings_set_direction(settings, direction) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineSettingsSetEdgeDetection(_ settings: OpaquePointer, _ edge: Int32) throws(LibgpiodFailure) {
        if api.line_settings_set_edge_detection(settings, edge) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineSettingsSetBias(_ settings: OpaquePointer, _ bias: Int32) throws(LibgpiodFailure) {
        if api.line_settings_set_bias(settings, bias) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineSettingsSetOutputValue(_ settings: OpaquePointer, _ value: Int32) throws(LibgpiodFailure) {
        if api.line_settings_set_output_value(settings, value) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineConfigNew() throws(LibgpiodFailure) -> OpaquePointer {
        guard let config = api.line_config_new() else { throw LibgpiodFailure(errno: errno) }
        return config
    }
    func lineConfigFree(_ config: OpaquePointer) { api.line_config_free(config) }
    func lineConfigAddLineSettings(_ config: OpaquePointer, offsets: [UInt32], _ settings: OpaquePointer) throws(LibgpiodFailure) {
        let result = offsets.withUnsafeBufferPointer { buffer -> (Int32, Int32) in
            guard let base = buffer.baseAddress else { return (-1, EINVAL) }
            let value = api.line_config_add_line_settings(config, base, buffer.count, settings)
            return (value, errno)
        }
        if result.0 != 0 { throw LibgpiodFailure(errno: result.1) }
    }
    func requestConfigNew() throws(LibgpiodFailure) -> OpaquePointer {
        guard let config = api.request_config_new() else { throw LibgpiodFailure(errno: errno) }
        return config
    }
    func requestConfigFree(_ config: OpaquePointer) { api.request_config_free(config) }
    func requestConfigSetConsumer(_ config: OpaquePointer, _ consumer: String) { api.request_config_set_consumer(config, consumer) }
    func chipRequestLines(_ chip: OpaquePointer, _ requestConfig: OpaquePointer, _ lineConfig: OpaquePointer) throws(LibgpiodFailure) -> OpaquePointer {
        guard let request = api.chip_request_lines(chip, requestConfig, lineConfig) else { throw LibgpiodFailure(errno: errno) }
        return request
    }
    func lineRequestRelease(_ request: OpaquePointer) { api.line_request_release(request) }
    func lineRequestGetValue(_ request: OpaquePointer, _ offset: UInt32) throws(LibgpiodFailure) -> Int32 {
        let value = api.line_request_get_value(request, offset)
        if value < 0 { throw LibgpiodFailure(errno: errno) }
        return value
    }
    func lineRequestSetValue(_ request: OpaquePointer, _ offset: UInt32, _ value: Int32) throws(LibgpiodFailure) {
        if api.line_request_set_value(request, offset, value) != 0 { throw LibgpiodFailure(errno: errno) }
    }
    func lineRequestWaitEdgeEvents(_ request: OpaquePointer, timeoutNanoseconds: Int64) throws(LibgpiodFailure) -> Bool {
        let ready = api.line_request_wait_edge_events(request, timeoutNanoseconds)
        if ready < 0 { throw LibgpiodFailure(errno: errno) }
        return ready > 0
    }
    func lineRequestReadEdgeEvents(_ request: OpaquePointer, _ buffer: OpaquePointer, maxEvents: Int) throws(LibgpiodFailure) -> Int {
        let count = api.line_request_read_edge_events(request, buffer, maxEvents)
        if count < 0 { throw LibgpiodFailure(errno: errno) }
        return Int(count)
    }
    func edgeEventBufferNew(capacity: Int) throws(LibgpiodFailure) -> OpaquePointer {
        guard let buffer = api.edge_event_buffer_new(capacity) else { throw LibgpiodFailure(errno: errno) }
        return buffer
    }
    func edgeEventBufferFree(_ buffer: OpaquePointer) { api.edge_event_buffer_free(buffer) }
    func edgeEvent(_ buffer: OpaquePointer, at index: Int) -> (type: Int32, timestampNanoseconds: UInt64)? {
        guard index >= 0, let event = api.edge_event_buffer_get_event(buffer, UInt(index)) else { return nil }
        return (api.edge_event_get_event_type(event), api.edge_event_get_timestamp_ns(event))
    }
}
