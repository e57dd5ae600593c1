import Testing

@testable import AnimaStore

/// The fixed-width UTC timestamp format that makes text order equal time order (Decision 7).
@Suite struct StoreTimestampTests {
    @Test func formatsExactValues() {
        #expect(StoreTimestamp.format(0) == "1970-01-01T00:00:00.000000Z")
        #expect(StoreTimestamp.format(1_795_687_387.123456) == "2026-11-26T10:03:07.123456Z")
        #expect(StoreTimestamp.format(951_782_400) == "2000-02-29T00:00:00.000000Z")
        #expect(StoreTimestamp.format(-1) == "1969-12-31T23:59:59.000000Z")
        #expect(StoreTimestamp.format(-0.5) == "1969-12-31T23:59:59.500000Z")
        #expect(StoreTimestamp.format(1e300) == "9999-12-31T23:59:59.999999Z")
        #expect(StoreTimestamp.format(.nan) == "1970-01-01T00:00:00.000000Z")
    }

    @Test func parsesWhatItFormats() {
        for seconds in [0, 1_795_687_387.123456, 951_782_400, -1, 4_102_444_800.000001] {
            let parsed = StoreTimestamp.parse(StoreTimestamp.format(seconds))
            #expect(parsed.map { abs($0 - seconds) < 1e-6 } == true, "\(seconds)")
        }
        #expect(StoreTimestamp.parse("2026-11-26T10:03:07.123Z") == nil)
        #expect(StoreTimestamp.parse("2026-13-26T10:03:07.123456Z") == nil)
        #expect(StoreTimestamp.parse("2026-11-26 10:03:07.123456Z") == nil)
    }

    @Test func textOrderIsTimeOrder() {
        let times: [Double] = [-86_400, -0.000001, 0, 0.000001, 0.1, 9.999999, 10, 59.5, 3600, 86_399.999999, 1e9, 1.8e9]
        let texts = times.map(StoreTimestamp.format)
        #expect(texts.allSatisfy { $0.utf8.count == StoreTimestamp.width })
        #expect(texts == texts.sorted())
        #expect(Set(texts).count == texts.count)
    }

    @Test func calendarRoundTripsEveryDayOfFourCenturies() {
        // Every day from 1900 to 2300 maps to a date and back (leap years, century rules).
        for day in Int64(-25_567)...Int64(120_000) {
            let date = StoreTimestamp.civilDate(daysSince1970: day)
            #expect(StoreTimestamp.daysSince1970(year: date.year, month: date.month, day: date.day) == day)
        }
    }
}
