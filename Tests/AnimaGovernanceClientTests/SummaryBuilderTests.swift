import AnimaDrawing
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

@Suite struct SummaryBuilderTests {
    private let drawing = DrawingReport(
        era: "pointillist", arcPhase: "resolving", marks: 870, pixels: 9000, E: 0.5, I: 0.6, S: 0.3, V: -0.2, C: 0.7,
        curiosity: 0.1, engagement: 0.4, fatigue: 0.95, drawingsCompleted: 12)

    @Test func buildsAValidSummaryWithSeededIdAndInjectedTime() throws {
        let builder = SummaryBuilder(clock: { 1_795_705_200.5 })
        var random = SplitMix64(seed: 7)
        let summary = builder.build(
            anima: AnimaReading(warmth: 0.4, clarity: 0.7, stability: 0.8, presence: 0.5), drawing: drawing,
            identity: IdentityReport(awakenings: 3, aliveSeconds: 1000), using: &random)
        var again = SplitMix64(seed: 7)
        #expect(summary.id == SummaryBuilder.uuidV4(using: &again))
        #expect(SummaryValidator.canonicalUUID(summary.id) == summary.id)
        let characters = Array(summary.id)
        #expect(characters[14] == "4" && "89ab".contains(characters[19]))
        #expect(summary.recordedAt == 1_795_705_200.5)
        #expect(abs(summary.eisv.S - 0.2) < 1e-12 && summary.eisv.E == 0.4 && summary.eisv.I == 0.7 && summary.eisv.V == 0.15)
        #expect(summary.drawing == drawing)
        let encoded = try JSONEncoder().encode(summary)
        #expect(try SummaryValidator.decodeBatch(SummaryBatch.body(encodedSummaries: [Array(encoded)])).summaries == [summary])
    }

    @Test func outOfRangeInputsAreBroughtInsideTheBridgeRanges() throws {
        var random = SplitMix64(seed: 1)
        var wild = drawing
        wild.S = 3
        wild.V = .nan
        wild.marks = -4
        let summary = SummaryBuilder(clock: { 0 }).build(
            anima: AnimaReading(warmth: .nan, clarity: 1.2, stability: -0.5, presence: .infinity), drawing: wild,
            identity: IdentityReport(awakenings: -1, aliveSeconds: .infinity), using: &random)
        #expect(summary.anima == AnimaReading(warmth: 0, clarity: 1, stability: 0, presence: 1))
        #expect(summary.drawing.S == 2 && summary.drawing.V == -2 && summary.drawing.marks == 0)
        #expect(summary.identity.awakenings == 0 && summary.identity.aliveSeconds == Double.greatestFiniteMagnitude)
        let encoded = try JSONEncoder().encode(summary)
        #expect(throws: Never.self) { try SummaryValidator.decodeBatch(SummaryBatch.body(encodedSummaries: [Array(encoded)])) }
    }

    @Test func drawingReportFromASnapshotUsesFreshDrawingDefaults() {
        let snapshot = DrawingSnapshot(
            time: 0, E: 0.5, I: 0.5, S: 0.2, V: 0.1, C: 0.6, marks: 30, phase: nil, era: nil, energy: nil, curiosity: nil,
            engagement: nil, fatigue: nil, arcPhase: nil, gestureEntropy: nil, switchingRate: nil, intentionality: nil)
        let report = DrawingReport(snapshot: snapshot, pixels: 400, drawingsCompleted: 2)
        #expect(
            report
                == DrawingReport(
                    era: "gestural", arcPhase: "opening", marks: 30, pixels: 400, E: 0.5, I: 0.5, S: 0.2, V: 0.1, C: 0.6,
                    curiosity: 1, engagement: 0.5, fatigue: 0, drawingsCompleted: 2))
    }

    @Test func backoffDelaysAndCircuit() {
        #expect(RetryBackoff.delay(afterFailures: 1, jitterUnit: 0) == 5)
        #expect(RetryBackoff.delay(afterFailures: 3, jitterUnit: 0.5) == 18)
        #expect(RetryBackoff.delay(afterFailures: 7, jitterUnit: 0) == 300)
        #expect(RetryBackoff.delay(afterFailures: 50, jitterUnit: 1) == 240)
        var backoff = RetryBackoff()
        var random = SplitMix64(seed: 3)
        #expect(backoff.mayAttempt(at: 0) && backoff.circuit(at: 0) == .closed)
        backoff.recordFailure(at: 100, using: &random)
        backoff.recordFailure(at: 100, using: &random)
        #expect(backoff.circuit(at: 100) == .closed && !backoff.mayAttempt(at: 100))
        let wait = backoff.recordFailure(at: 100, using: &random)
        #expect(backoff.circuit(at: 100 + wait / 2) == .open)
        #expect(backoff.circuit(at: 100 + wait) == .halfOpen && backoff.mayAttempt(at: 100 + wait))
        backoff.recordSuccess()
        #expect(backoff.circuit(at: 100) == .closed && backoff.consecutiveFailures == 0)
    }
}
