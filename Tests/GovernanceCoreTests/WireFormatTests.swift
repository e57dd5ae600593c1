import Foundation
import Testing

@testable import GovernanceCore

@Suite struct WireFormatTests {
    private let summary = Summary(
        id: "0f8fad5b-d9cb-469f-a165-70867728950e", recordedAt: 1_795_705_200.25,
        anima: AnimaReading(warmth: 0.5, clarity: 0.25, stability: 0.75, presence: 1),
        eisv: EISV(E: 0.5, I: 0.25, S: 0.25, V: 0),
        drawing: DrawingReport(
            era: "field", arcPhase: "opening", marks: 3, pixels: 40, E: 0.5, I: 0.5, S: 0.125, V: -0.5, C: 0.5,
            curiosity: 1, engagement: 0.5, fatigue: 0, drawingsCompleted: 2),
        identity: IdentityReport(awakenings: 4, aliveSeconds: 60))

    private func sortedJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func summaryEncodesExactKeyNames() throws {
        #expect(
            try sortedJSON(summary)
                == """
                {"anima":{"clarity":0.25,"presence":1,"stability":0.75,"warmth":0.5},\
                "drawing":{"C":0.5,"E":0.5,"I":0.5,"S":0.125,"V":-0.5,"arc_phase":"opening","curiosity":1,\
                "drawings_completed":2,"engagement":0.5,"era":"field","fatigue":0,"marks":3,"pixels":40},\
                "eisv":{"E":0.5,"I":0.25,"S":0.25,"V":0},"id":"0f8fad5b-d9cb-469f-a165-70867728950e",\
                "identity":{"alive_seconds":60,"awakenings":4},"recorded_at":"2026-11-26T15:00:00.250Z"}
                """)
    }

    @Test func batchBuiltFromEncodedSummariesValidatesBackToTheSameValues() throws {
        let encoded = Array(try JSONEncoder().encode(summary))
        let body = SummaryBatch.body(encodedSummaries: [encoded])
        #expect(try SummaryValidator.decodeBatch(body) == SummaryBatch(summaries: [summary]))
        #expect(try JSONDecoder().decode(SummaryBatch.self, from: Data(body)) == SummaryBatch(summaries: [summary]))
    }

    @Test func responseAndErrorBodiesUseTheBridgeKeys() throws {
        let response = SummaryResponse(
            accepted: 2, duplicates: 1,
            verdict: BridgeVerdict(
                action: .pause, margin: .critical, reason: "void_pause", risk: 0.25, coherence: 0.5, E: 0.5, I: 0.5,
                S: 0.25, V: 0, verdict: .highRisk))
        #expect(
            try sortedJSON(response)
                == """
                {"accepted":2,"duplicates":1,"verdict":{"E":0.5,"I":0.5,"S":0.25,"V":0,"action":"pause","coherence":0.5,\
                "margin":"critical","reason":"void_pause","risk":0.25,"verdict":"high-risk"}}
                """)
        let decoded = try JSONDecoder().decode(SummaryResponse.self, from: Data(try sortedJSON(response).utf8))
        #expect(decoded == response)
        #expect(try sortedJSON(BridgeErrorBody(error: "missing field", field: "summaries[0].id"))
            == #"{"error":"missing field","field":"summaries[0].id"}"#)
    }

    @Test func rfc3339FormatsAndParsesUTC() {
        #expect(RFC3339.format(secondsSince1970: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(secondsSince1970: 951_782_400.999) == "2000-02-29T00:00:00.999Z")
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") == 951_782_400)
        #expect(RFC3339.parse("2000-02-29t00:00:00.5+00:00") == 951_782_400.5)
        #expect(RFC3339.parse("1900-02-29T00:00:00Z") == nil)
        #expect(RFC3339.parse("2026-11-26T24:00:00Z") == nil)
        #expect(RFC3339.parse("2026-11-26T12:00:00") == nil)
        #expect(RFC3339.parse("2026-11-26T12:00:00+02:00") == nil)
    }

    @Test func animaMapsToEISV() {
        let eisv = EISV.mapping(anima: AnimaReading(warmth: 0.5, clarity: 1.25, stability: 0.75, presence: 0.5))
        #expect(eisv == EISV(E: 0.5, I: 1, S: 0.25, V: 0.15))
        #expect(EISV.mapping(anima: AnimaReading(warmth: .nan, clarity: -1, stability: 2, presence: -1)) == EISV(E: 0, I: 0, S: 0, V: 0.6))
    }
}
