import Testing

@testable import AnimaDrawing

@Suite struct SeededRandomTests {
    @Test func sameSeedSameSequence() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
        var c = SeededRandom(seed: 43)
        #expect(SeededRandom(seed: 42).nextCopy() != c.next())
    }

    @Test func rangesHold() {
        var random = SeededRandom(seed: 9)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let u = random.random()
            #expect(u >= 0 && u < 1)
            let n = random.randint(15, 30)
            #expect((15...30).contains(n))
            seen.insert(n)
            let f = random.uniform(-2, 3)
            #expect(f >= -2 && f < 3)
        }
        #expect(seen.count == 16)  // both ends reachable
        #expect(random.randint(5, 5) == 5)
    }

    @Test func gaussHasTheRightMoments() {
        var random = SeededRandom(seed: 11)
        var sum = 0.0
        var squares = 0.0
        let n = 100_000
        for _ in 0..<n {
            let g = random.gauss(2, 3)
            sum += g
            squares += g * g
        }
        let mean = sum / Double(n)
        let variance = squares / Double(n) - mean * mean
        #expect(abs(mean - 2) < 0.05)
        #expect(abs(variance - 9) < 0.2)
    }

    @Test func weightedIndexFollowsWeights() {
        var random = SeededRandom(seed: 5)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[random.weightedIndex([1, 0, 2])] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 2) < 0.1)
    }
}

extension SeededRandom {
    fileprivate func nextCopy() -> UInt64 {
        var copy = self
        return copy.next()
    }
}
