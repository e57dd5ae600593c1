import Foundation
import Testing

@testable import GovernanceCore

@Suite struct SummaryValidatorTests {
    private func failure(_ body: [UInt8]) -> SummaryValidationError? {
        do {
            _ = try SummaryValidator.decodeBatch(body)
            return nil
        } catch {
            return error
        }
    }

    @Test func validBatchDecodesEveryField() throws {
        let batch = try SummaryValidator.decodeBatch(batchBody([validSummaryJSON]))
        let s = try #require(batch.summaries.first)
        #expect(batch.schema == 1)
        #expect(s.id == "0f8fad5b-d9cb-469f-a165-70867728950e")
        #expect(s.recordedAt == 1_795_705_200.25)
        #expect(s.anima == AnimaReading(warmth: 0.5, clarity: 0.6, stability: 0.7, presence: 0.8))
        #expect(s.eisv == EISV(E: 0.5, I: 0.6, S: 0.3, V: 0.06))
        #expect(
            s.drawing
                == DrawingReport(
                    era: "gestural", arcPhase: "developing", marks: 120, pixels: 3400, E: 0.4, I: 0.5, S: 0.2, V: -0.1,
                    C: 0.45, curiosity: 0.9, engagement: 0.5, fatigue: 0.1, drawingsCompleted: 3))
        #expect(s.identity == IdentityReport(awakenings: 7, aliveSeconds: 86400.5))
    }

    @Test func uppercaseUUIDIsCanonicalised() throws {
        let body = batchBody([summaryReplacing("0f8fad5b-d9cb-469f-a165-70867728950e", with: "0F8FAD5B-D9CB-469F-A165-70867728950E")])
        #expect(try SummaryValidator.decodeBatch(body).summaries[0].id == "0f8fad5b-d9cb-469f-a165-70867728950e")
    }

    @Test(arguments: [
        // (replace, with, kind, field) — one broken field each, in the second summary so the index shows.
        ("\"warmth\":0.5", "\"clarity2\":0.5", SummaryValidationError.Kind.missingField, "summaries[1].anima.warmth"),
        ("\"warmth\":0.5", "\"warmth\":\"0.5\"", .wrongType, "summaries[1].anima.warmth"),
        ("\"warmth\":0.5", "\"warmth\":1.5", .outOfRange, "summaries[1].anima.warmth"),
        ("\"warmth\":0.5", "\"warmth\":-0.01", .outOfRange, "summaries[1].anima.warmth"),
        ("\"E\":0.5", "\"E\":1e400", .notFinite, "summaries[1].eisv.E"),
        ("\"V\":0.06", "\"V\":-1.5", .outOfRange, "summaries[1].eisv.V"),
        ("\"V\":-0.1", "\"V\":-2.5", .outOfRange, "summaries[1].drawing.V"),
        ("\"S\":0.2", "\"S\":-1e999", .notFinite, "summaries[1].drawing.S"),
        ("\"marks\":120", "\"marks\":12.5", .wrongType, "summaries[1].drawing.marks"),
        ("\"marks\":120", "\"marks\":-1", .outOfRange, "summaries[1].drawing.marks"),
        ("\"arc_phase\":\"developing\"", "\"arc_phase\":3", .wrongType, "summaries[1].drawing.arc_phase"),
        ("\"alive_seconds\":86400.5", "\"alive_seconds\":null", .wrongType, "summaries[1].identity.alive_seconds"),
        ("\"identity\":{", "\"identity\":[{", .wrongType, "summaries[1].identity"),
        ("-70867728950e\"", "-7086772895\"", .badUUID, "summaries[1].id"),
        ("\"recorded_at\":\"2026-11-26T15:00:00.250Z\"", "\"recorded_at\":\"2026-11-26T15:00:00+01:00\"", .badTime,
            "summaries[1].recorded_at"),
        ("\"recorded_at\":\"2026-11-26T15:00:00.250Z\"", "\"recorded_at\":\"2026-02-30T15:00:00Z\"", .badTime,
            "summaries[1].recorded_at"),
    ])
    func oneBadFieldNamesItsPath(replace: String, with: String, kind: SummaryValidationError.Kind, field: String) throws {
        var broken = summaryReplacing(replace, with: with)
        if replace == "\"identity\":{" { broken = broken.replacingOccurrences(of: "86400.5}}", with: "86400.5}]}") }
        let error = try #require(failure(batchBody([summaryNumbered(1), broken])))
        #expect(error.kind == kind)
        #expect(error.field == field)
    }

    @Test func errorBodyCarriesFieldAndMessage() throws {
        let error = try #require(failure(batchBody([summaryReplacing("\"warmth\":0.5", with: "\"warmth\":1.5")])))
        #expect(error.body == BridgeErrorBody(error: "1.5 is outside [0, 1]", field: "summaries[0].anima.warmth"))
        #expect(error.description == "summaries[0].anima.warmth: 1.5 is outside [0, 1]")
    }

    @Test func batchLevelErrors() throws {
        #expect(failure(batchBody([validSummaryJSON], schema: "2"))?.kind == .unsupportedSchema)
        #expect(failure(batchBody([validSummaryJSON], schema: "2"))?.field == "schema")
        #expect(failure(batchBody([]))?.kind == .batchSize)
        let tooMany = batchBody((0..<1001).map(summaryNumbered))
        #expect(failure(tooMany)?.kind == .batchSize)
        #expect(failure(tooMany)?.field == "summaries")
        let thousand = try SummaryValidator.decodeBatch(batchBody((0..<1000).map(summaryNumbered)))
        #expect(thousand.summaries.count == 1000)
        #expect(failure(batchBody([validSummaryJSON, validSummaryJSON]))?.kind == .duplicateID)
        #expect(failure(batchBody([validSummaryJSON, validSummaryJSON]))?.field == "summaries[1].id")
        #expect(failure(Array("{\"schema\":1}".utf8))?.field == "summaries")
        #expect(failure(Array("{\"schema\":1,\"summaries\":{}}".utf8))?.kind == .wrongType)
        #expect(failure(Array("[1]".utf8))?.kind == .wrongType)
        #expect(failure([UInt8](repeating: 0x20, count: SummaryBatch.maxBodyBytes + 1))?.kind == .tooLarge)
    }

    @Test func malformedJSONIsReportedWithItsOffset() throws {
        let error = try #require(failure(Array("{\"schema\":1,\"summaries\":[NaN]}".utf8)))
        #expect(error.kind == .malformedJSON)
        #expect(error.field == "")
        #expect(error.message == "malformed JSON at byte 25: unexpected character 'N'")
        #expect(failure(Array("{\"schema\":1,\"schema\":1}".utf8))?.message.contains("duplicate key \"schema\"") == true)
        #expect(failure(Array("{\"schema\":1} x".utf8))?.kind == .malformedJSON)
    }
}
