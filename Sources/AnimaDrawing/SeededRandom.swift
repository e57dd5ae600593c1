#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's only source of randomness: xoshiro256** (Blackman & Vigna, 2018) seeded through SplitMix64.
/// Same seed → same sequence on every platform, so a seeded simulation reproduces a drawing exactly.
/// The helpers mirror the Python `random` calls the reference makes (`random`, `uniform`, `randint`, `gauss`,
/// `choice`, `choices`), so each port of a reference line reads the same; the sequences differ from CPython's.
public struct SeededRandom: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// Box–Muller yields two normals per pair of uniforms; the second is kept for the next call (as CPython does).
    private var cachedGauss: Double?

    public init(seed: UInt64) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
        cachedGauss = nil
    }

    /// The next 64 raw bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits (Python's `random.random()`).
    public mutating func random() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high) (Python's `random.uniform`).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * random()
    }

    /// Uniform integer in [low, high], both ends included (Python's `random.randint`); `high < low` gives `low`.
    /// Lemire's multiply-shift with rejection, so every value is exactly equally likely.
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        guard high > low else { return low }
        let range = UInt64(high - low) + 1
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return low + Int(product.high)
    }

    /// An index in 0..<count chosen uniformly (Python's `random.choice` over a sequence of that length).
    public mutating func choiceIndex(_ count: Int) -> Int {
        randint(0, count - 1)
    }

    /// A normal deviate (Python's `random.gauss(mu, sigma)`, Box–Muller with the second value cached).
    public mutating func gauss(_ mu: Double, _ sigma: Double) -> Double {
        if let z = cachedGauss {
            cachedGauss = nil
            return mu + z * sigma
        }
        let angle = random() * 2 * Double.pi
        let radius = (-2.0 * log(1.0 - random())).squareRoot()
        cachedGauss = sin(angle) * radius
        return mu + cos(angle) * radius * sigma
    }

    /// An index chosen with probability proportional to `weights` (Python's `random.choices(…, weights=…, k=1)`).
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        let target = random() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.count - 1
    }

    private func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
