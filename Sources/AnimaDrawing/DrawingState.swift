#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The narrative arc of one drawing (spec §1.9).
public enum ArcPhase: String, Sendable, CaseIterable {
    case opening, developing, resolving, closing
}

/// The per-drawing "proprioceptive" state, `DrawingState`/`DrawingEISV` of spec §1.3: the ODE's E, I, S, V
/// (reported, drives nothing), the gesture history, attention, coherence tracking and the arc.
public struct DrawingState: Sendable, Equatable {
    public var E = 0.4
    public var I = 0.2
    public var S = 0.5
    public var V = 0.0
    /// Gesture indices into the active era's vocabulary, last ≤ 20.
    public var gestureHistory: [Int] = []
    public var curiosity = 1.0
    public var engagement = 0.5
    public var fatigue = 0.0
    /// Behavioural C per mark, last ≤ 30.
    public var coherenceHistory: [Double] = []
    public var coherenceVelocity = 0.0
    public var arcPhase = ArcPhase.opening
    public var phaseMarkCount = 0
    public var iMomentum = 0.0
    public var drawingStartTime = 0.0

    static let gestureHistoryCapacity = 20
    static let coherenceHistoryCapacity = 30

    public init() {}

    /// `reset()`: every default back, `drawing_start_time = now` (drives live on the engine and are not reset).
    public mutating func reset(now: Double) {
        self = DrawingState()
        drawingStartTime = now
    }

    /// ODE coherence `C(V) = Cmax·0.5·(1 + tanh(C1·V))` (reported only).
    public func odeCoherence(_ parameters: EISVParameters = .reference) -> Double {
        parameters.Cmax * 0.5 * (1 + tanh(parameters.C1 * V))
    }

    /// `derived_energy = (0.6·curiosity + 0.4·engagement)·(1 − 0.5·fatigue)`.
    public var derivedEnergy: Double {
        (0.6 * curiosity + 0.4 * engagement) * (1 - 0.5 * fatigue)
    }

    /// ≥ 20 coherence values, and over the last 10: mean > 0.6 and population variance < 0.015.
    public var coherenceSettled: Bool {
        guard coherenceHistory.count >= 20 else { return false }
        let recent = coherenceHistory.suffix(10)
        let mean = recent.reduce(0, +) / Double(recent.count)
        let variance = recent.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(recent.count)
        return mean > 0.6 && variance < 0.015
    }

    /// `curiosity < 0.15 and (engagement < 0.3 or fatigue > 0.8)`.
    public var attentionExhausted: Bool {
        curiosity < 0.15 && (engagement < 0.3 || fatigue > 0.8)
    }
}
