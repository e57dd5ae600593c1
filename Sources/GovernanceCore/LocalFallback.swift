/// The verdict a device gives itself while the host is unreachable (spec §6.7, drawing-engine spec §4.6).
///
/// Fixed thresholds on the mapped EISV: S above .60 (risk), I below .40 (coherence), V above .15 (void).
/// In anima terms: stability < .4, clarity < .4 or presence < .5 pauses the drawing.
public struct LocalVerdict: Codable, Sendable, Equatable {
    public var action: GovernanceAction
    public var margin: MarginClass
    public var reason: String
    public var nearestEdge: GovernanceEdge
    public var margins: MarginAssessment
    public var eisv: EISV
    /// Always `.local`, so status screens never mistake it for the host's word.
    public var source: VerdictSource { .local }

    public static let riskThreshold = 0.60, coherenceThreshold = 0.40, voidThreshold = 0.15

    public init(eisv: EISV) {
        let margins = MarginAssessment(
            risk: Self.riskThreshold - eisv.S, coherence: eisv.I - Self.coherenceThreshold, void: Self.voidThreshold - eisv.V,
            points: nil)
        self.eisv = eisv
        self.margins = margins
        self.nearestEdge = margins.nearestEdge
        self.margin = margins.margin
        let distance = margins.nearestDistance
        if distance < 0 {
            action = .pause
            reason = "Crossed \(margins.nearestEdge.rawValue) threshold by \(fixed2(-distance))"
        } else {
            action = .proceed
            reason = "State healthy (margin: \(margins.margin.rawValue), nearest edge: \(margins.nearestEdge.rawValue) "
                + "\(fixed2(distance)))"
        }
    }
}
