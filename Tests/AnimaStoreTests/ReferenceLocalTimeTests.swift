import Foundation
import Testing

@testable import AnimaStore

/// The Python anima-mcp writes `datetime.now().isoformat()`: naive local time, without the fraction when the
/// microseconds are 0. Adoption must turn it into anima's UTC text with the Pi's zone, across daylight-saving changes.
@Suite struct ReferenceLocalTimeTests {
    let berlin = ReferenceLocalTime(timeZone: TimeZone(identifier: "Europe/Berlin")!)

    @Test func winterAndSummerTimesUseTheOffsetOfTheirDay() {
        // Central European Time is UTC+1 in January, UTC+2 (CEST) in July.
        #expect(berlin.storeTimestamp("2026-01-11T20:41:12.345678") == "2026-01-11T19:41:12.345678Z")
        #expect(berlin.storeTimestamp("2026-07-11T20:41:12.345678") == "2026-07-11T18:41:12.345678Z")
    }

    @Test func isoformatWithoutAFractionAndOtherSeparatorsAreRead() {
        #expect(berlin.storeTimestamp("2026-01-11T20:41:12") == "2026-01-11T19:41:12.000000Z")
        #expect(berlin.storeTimestamp("2026-01-11 20:41:12.5") == "2026-01-11T19:41:12.500000Z")
        #expect(berlin.storeTimestamp("2026-01-11T20:41") == "2026-01-11T19:41:00.000000Z")
    }

    @Test func textThatCarriesAnOffsetKeepsIt() {
        #expect(berlin.storeTimestamp("2026-01-11T20:41:12.000001+00:00") == "2026-01-11T20:41:12.000001Z")
        #expect(berlin.storeTimestamp("2026-01-11T20:41:12Z") == "2026-01-11T20:41:12.000000Z")
        #expect(berlin.storeTimestamp("2026-01-11T20:41:12-0530") == "2026-01-12T02:11:12.000000Z")
    }

    @Test func daylightSavingChangesAreSettled() {
        // 2026-03-29 02:30 never happened in Berlin (clocks jump 02:00 → 03:00): read with the offset before the jump.
        #expect(berlin.storeTimestamp("2026-03-29T01:59:59") == "2026-03-29T00:59:59.000000Z")
        #expect(berlin.storeTimestamp("2026-03-29T03:00:00") == "2026-03-29T01:00:00.000000Z")
        // 2026-10-25 02:30 happened twice (03:00 CEST → 02:00 CET): either reading is a real instant an hour apart
        // from the other; the result must be one of them, and times outside the hour are exact.
        let ambiguous = berlin.storeTimestamp("2026-10-25T02:30:00")
        #expect(ambiguous == "2026-10-25T00:30:00.000000Z" || ambiguous == "2026-10-25T01:30:00.000000Z")
        #expect(berlin.storeTimestamp("2026-10-25T04:00:00") == "2026-10-25T03:00:00.000000Z")
    }

    @Test func utcZoneChangesNothing() {
        let utc = ReferenceLocalTime(timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.storeTimestamp("2025-12-31T23:59:59.999999") == "2025-12-31T23:59:59.999999Z")
    }

    @Test(arguments: ["", "soon", "2026-13-01T00:00:00", "2026-01-11", "2026-01-11T25:00:00", "2026-01-11T20:41:12.",
                      "2026-01-11T20:41:12+5", "2026-01-11T20:41:12 junk", "2026-01-11T20:41:12\u{0}"])
    func anythingElseIsNotADate(_ text: String) {
        #expect(berlin.storeTimestamp(text) == nil)
    }
}
