extension EISV {
    /// Maps the creature's anima to governance EISV (drawing-engine spec §4.4 without the synthetic neural bands):
    /// E = warmth, I = clarity, S = 1 − stability, V = (1 − presence)·0.3 — scaled so presence 0.5 sits on the
    /// 0.15 void threshold. Every component is clamped to [0, 1] (non-finite inputs become 0).
    public static func mapping(anima: AnimaReading) -> EISV {
        EISV(
            E: clampUnit(anima.warmth), I: clampUnit(anima.clarity), S: clampUnit(1 - anima.stability),
            V: clampUnit((1 - anima.presence) * 0.3))
    }
}

/// Clamps to [0, 1]; NaN becomes 0 so a broken sensor can never put a NaN on the wire.
@inline(__always) func clampUnit(_ x: Double) -> Double {
    x.isNaN ? 0 : min(1, max(0, x))
}
