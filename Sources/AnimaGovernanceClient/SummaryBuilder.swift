import AnimaDrawing
import GovernanceCore

/// Builds the summary the device syncs (governance spec §5.1) from what the runtime knows, with a fresh
/// idempotency uuid and the injected clock's UTC time.
///
/// Every number is brought inside the bridge's ranges (NaN → the range's low end) so a sensor glitch can never
/// produce a summary the host rejects, which would otherwise block the outbox behind it forever.
public struct SummaryBuilder: Sendable {
    private let clock: @Sendable () -> Double

    /// `clock`: seconds since 1970 (UTC), virtual under `--clock-step`.
    public init(clock: @escaping @Sendable () -> Double) { self.clock = clock }

    public func build(
        anima: AnimaReading, drawing: DrawingReport, identity: IdentityReport, using random: inout some RandomNumberGenerator
    ) -> Summary {
        let anima = AnimaReading(
            warmth: clamp(anima.warmth, 0, 1), clarity: clamp(anima.clarity, 0, 1),
            stability: clamp(anima.stability, 0, 1), presence: clamp(anima.presence, 0, 1))
        let drawing = DrawingReport(
            era: drawing.era, arcPhase: drawing.arcPhase, marks: max(0, drawing.marks), pixels: max(0, drawing.pixels),
            E: clamp(drawing.E, 0, 1), I: clamp(drawing.I, 0, 1), S: clamp(drawing.S, 0, 2), V: clamp(drawing.V, -2, 2),
            C: clamp(drawing.C, 0, 1), curiosity: clamp(drawing.curiosity, 0, 1),
            engagement: clamp(drawing.engagement, 0, 1), fatigue: clamp(drawing.fatigue, 0, 1),
            drawingsCompleted: max(0, drawing.drawingsCompleted))
        let identity = IdentityReport(
            awakenings: max(0, identity.awakenings),
            aliveSeconds: clamp(identity.aliveSeconds, 0, Double.greatestFiniteMagnitude))
        return Summary(
            id: Self.uuidV4(using: &random), recordedAt: clock(), anima: anima, eisv: EISV.mapping(anima: anima),
            drawing: drawing, identity: identity)
    }

    /// A random (version 4) UUID in lowercase canonical form, from `random` so tests can seed it.
    public static func uuidV4(using random: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = random.next() as UInt64
        let low = random.next() as UInt64
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double {
        x.isNaN ? low : min(high, max(low, x))
    }
}

extension DrawingReport {
    /// The drawing part of a summary from the engine's latest snapshot. Fields the snapshot leaves nil take the
    /// drawing engine's fresh-drawing defaults (era gestural, arc opening, curiosity 1, engagement .5, fatigue 0).
    public init(snapshot: DrawingSnapshot, pixels: Int, drawingsCompleted: Int) {
        self.init(
            era: snapshot.era ?? "gestural", arcPhase: snapshot.arcPhase ?? snapshot.phase ?? "opening",
            marks: snapshot.marks, pixels: pixels, E: snapshot.E, I: snapshot.I, S: snapshot.S, V: snapshot.V,
            C: snapshot.C, curiosity: snapshot.curiosity ?? 1, engagement: snapshot.engagement ?? 0.5,
            fatigue: snapshot.fatigue ?? 0, drawingsCompleted: drawingsCompleted)
    }
}

/// SplitMix64: a tiny seeded generator, so jitter and ids are reproducible in tests and simulations.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
