/// Which edge of the safe region a state is nearest to.
public enum GovernanceEdge: String, Codable, Sendable, Equatable {
    case risk, coherence, void
}

/// Signed distances to the three edges (positive = inside) and the class they give (spec §6.6, §6.7).
public struct MarginAssessment: Sendable, Equatable, Codable {
    public var risk: Double
    public var coherence: Double
    public var void: Double
    /// The edge with the smallest margin (ties: risk, then coherence, then void).
    public var nearestEdge: GovernanceEdge
    public var margin: MarginClass

    /// A distance past an edge of less than this is a `warning`; this far or more is `critical`.
    public static let warningBand = 0.1
    /// Inside the edges but this close (or closer) is `tight`.
    public static let tightBand = 0.15

    /// Classifies the margins: any negative → warning (less than .1 past) or critical; else fewer than 3
    /// points → settling; nearest edge within .15 → tight; else comfortable. Pass `points: nil` where there is no
    /// settling period (the local fallback).
    public init(risk: Double, coherence: Double, void: Double, points: Int?) {
        self.risk = risk
        self.coherence = coherence
        self.void = void
        var edge = GovernanceEdge.risk
        var nearest = risk
        if coherence < nearest { edge = .coherence; nearest = coherence }
        if void < nearest { edge = .void; nearest = void }
        nearestEdge = edge
        if nearest < 0 {
            margin = nearest > -Self.warningBand ? .warning : .critical
        } else if let points, points < 3 {
            margin = .settling
        } else {
            margin = nearest <= Self.tightBand ? .tight : .comfortable
        }
    }

    /// The smallest of the three margins.
    public var nearestDistance: Double {
        switch nearestEdge {
        case .risk: return risk
        case .coherence: return coherence
        case .void: return void
        }
    }
}
