@testable import AnimaHAL
import CAnimaGPIOD
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The v2 and v1 backends driven through fakes at the shim boundary: the libgpiod calls they make, in order, with
/// the enum values of each API (libgpiod v2.2.4 include/gpiod.h; v1.6.3 include/gpiod.h).
@Suite("libgpiod v2 and v1 backends: call sequences at the shim boundary")
struct LibgpiodBackendTests {
    @Test func v2OutputIsSettingsThenLineConfigThenConsumerAnimaThenRequest() throws {
        let fake = RecordingLibgpiodV2()
        let chip = GPIOChip(try LibgpiodV2Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        #expect(chip.info == GPIOChipInfo(path: "/dev/gpiochip0", name: "gpiochip0", label: "pinctrl-bcm2711", lineCount: 58))
        do {
            let output = try chip.output(line: 25, initial: true)
            try output.set(false)
            try output.set(true)
            #expect(output.name == "pinctrl-bcm2711:25")
        }
        // v2 enums: GPIOD_LINE_DIRECTION_OUTPUT = 3, GPIOD_LINE_VALUE_ACTIVE = 1 / INACTIVE = 0.
        #expect(fake.log == [
            "chip_open /dev/gpiochip0", "chip_get_info",
            "line_settings_new", "set_direction 3", "set_output_value 1", "line_config_new", "add_line_settings [25]",
            "request_config_new", "line_settings_free", "set_consumer anima", "request_lines",
            "request_config_free", "line_config_free",
            "set_value 25 0", "set_value 25 1", "request_release",
        ])
    }

    @Test func v2InputAsksForTheBiasWithV2Values() throws {
        let fake = RecordingLibgpiodV2()
        fake.value = 1
        let chip = GPIOChip(try LibgpiodV2Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        #expect(try chip.input(line: 17, bias: .pullUp).read())
        _ = try chip.input(line: 18, bias: .pullDown)
        _ = try chip.input(line: 19, bias: .disabled)
        _ = try chip.input(line: 20)
        // GPIOD_LINE_DIRECTION_INPUT = 2; GPIOD_LINE_BIAS_AS_IS 1, DISABLED 3, PULL_UP 4, PULL_DOWN 5.
        #expect(fake.log.filter { $0.hasPrefix("set_") } == [
            "set_direction 2", "set_bias 4", "set_consumer anima", "set_direction 2", "set_bias 5", "set_consumer anima",
            "set_direction 2", "set_bias 3", "set_consumer anima", "set_direction 2", "set_bias 1", "set_consumer anima",
        ])
        #expect(fake.log.contains("get_value 17"))
    }

    @Test func v2EdgeEventsAreBothEdgesAndComeBackOldestFirst() throws {
        let fake = RecordingLibgpiodV2()
        let chip = GPIOChip(try LibgpiodV2Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        let input = try chip.edgeInput(line: 5, bias: .pullUp)
        // GPIOD_EDGE_EVENT_RISING_EDGE = 1, FALLING_EDGE = 2; timestamps in ns.
        fake.batches = [(2, [(2, 1_000), (1, 2_000)]), (1, [(2, 3_000)])]
        let events = try input.waitForEvents(timeoutMilliseconds: 250)
        #expect(events == [
            GPIOEdgeEvent(edge: .falling, timestampNanoseconds: 1_000), GPIOEdgeEvent(edge: .rising, timestampNanoseconds: 2_000),
            GPIOEdgeEvent(edge: .falling, timestampNanoseconds: 3_000),
        ])
        #expect(try input.waitForEvents(timeoutMilliseconds: 0) == [])
        // GPIOD_LINE_EDGE_BOTH = 4; the first wait is 250 ms in ns, the drain waits do not wait.
        #expect(fake.log.contains("set_edge_detection 4"))
        #expect(fake.log.contains("edge_event_buffer_new 16"))
        #expect(fake.log.filter { $0.hasPrefix("wait_") || $0.hasPrefix("read_") } == [
            "wait_edge_events 250000000", "read_edge_events 16", "wait_edge_events 0", "read_edge_events 16",
            "wait_edge_events 0", "wait_edge_events 0",
        ])
    }

    @Test func v2GarbageFromTheLibraryIsBounded() throws {
        let fake = RecordingLibgpiodV2()
        let chip = GPIOChip(try LibgpiodV2Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        let input = try chip.edgeInput(line: 5)
        // A count past the buffer, fewer events than claimed, an unknown type, a negative timeout: no crash, no hang.
        fake.batches = [(1_000, [(7, 5)])]
        #expect(try input.waitForEvents(timeoutMilliseconds: -5) == [GPIOEdgeEvent(edge: .falling, timestampNanoseconds: 5)])
        fake.batches = Array(repeating: (16, Array(repeating: (1, 9), count: 16)), count: 10)
        #expect(try input.waitForEvents(timeoutMilliseconds: 0).count == LibgpiodV2EdgeInput.maxEventsPerCall)
        #expect(fake.log.contains("wait_edge_events 0"))
    }

    @Test func v2BusyLineNamesTheHolderAndOutOfRangeNeverReachesTheLibrary() throws {
        let fake = RecordingLibgpiodV2()
        fake.requestErrno = EBUSY
        fake.holder = "spi0 CS0"
        let chip = GPIOChip(try LibgpiodV2Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        #expect(halError { try chip.output(line: 8) } == .lineBusy(chip: "pinctrl-bcm2711 (/dev/gpiochip0)", line: 8, holder: "spi0 CS0"))
        #expect(fake.log.contains("request_config_free") && fake.log.contains("line_config_free"))  // nothing leaked
        let before = fake.log.count
        #expect(halError { try chip.input(line: 58) } == .lineOutOfRange(chip: "pinctrl-bcm2711 (/dev/gpiochip0)", line: 58, lines: 58))
        #expect(fake.log.count == before)
        fake.requestErrno = EACCES
        #expect(halError { try chip.output(line: 8) } == .permissionDenied(path: "/dev/gpiochip0", group: "gpio"))
    }

    @Test func v1RequestsAsAnimaWithV1FlagsAndReadsEvents() throws {
        let fake = RecordingLibgpiodV1()
        let chip = GPIOChip(try LibgpiodV1Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        #expect(chip.info.label == "pinctrl-bcm2835")
        do {
            try chip.output(line: 25, initial: true).set(false)
            _ = try chip.input(line: 17, bias: .pullUp)
            let edges = try chip.edgeInput(line: 5, bias: .pullDown)
            // 1.6.3 gpiod.h: GPIOD_LINE_EVENT_RISING_EDGE = 1, FALLING = 2.
            fake.events = [
                anima_gpiod_v1_line_event(ts: timespec(tv_sec: 2, tv_nsec: 5), event_type: 1),
                anima_gpiod_v1_line_event(ts: timespec(tv_sec: 3, tv_nsec: 0), event_type: 2),
            ]
            #expect(try edges.waitForEvents(timeoutMilliseconds: 1_500) == [
                GPIOEdgeEvent(edge: .rising, timestampNanoseconds: 2_000_000_005),
                GPIOEdgeEvent(edge: .falling, timestampNanoseconds: 3_000_000_000),
            ])
        }
        // v1 flags are bits: BIAS_PULL_UP = BIT(5) = 32, BIAS_PULL_DOWN = BIT(4) = 16.
        #expect(fake.log.contains("request_output anima 1"))
        #expect(fake.log.contains("set_value 0"))
        #expect(fake.log.contains("request_input_flags anima 32"))
        #expect(fake.log.contains("request_both_edges_events_flags anima 16"))
        #expect(fake.log.filter { $0.hasPrefix("event_") } == ["event_wait 1.500000000", "event_read", "event_wait 0.0", "event_read", "event_wait 0.0"])
        #expect(fake.log.filter { $0 == "line_release" }.count == 3)
    }

    @Test func v1BusyLineNamesTheHolder() throws {
        let fake = RecordingLibgpiodV1()
        fake.requestErrno = EBUSY
        let chip = GPIOChip(try LibgpiodV1Backend(calls: fake).openChip(path: "/dev/gpiochip0"))
        #expect(halError { try chip.output(line: 8) } == .lineBusy(chip: "pinctrl-bcm2835 (/dev/gpiochip0)", line: 8, holder: "spi0 CS0"))
    }
}
