import AnimaDisplay
import Testing

@Suite("Trace format (spec §7)")
struct TraceTests {
    @Test("records encode as tag · u32 LE length · payload after ANMTRC01")
    func encoding() {
        let bytes = TraceFormat.encode([.command([0x2A]), .data([0, 1]), .wait(150), .line(role: "reset", value: 0), .endFrame(1)])
        // One record per line (a single `+` chain of literals takes Swift 6.2's type checker too long).
        let records: [[UInt8]] = [
            Array("ANMTRC01".utf8),
            [0x43, 1, 0, 0, 0, 0x2A],
            [0x44, 2, 0, 0, 0, 0, 1],
            [0x57, 4, 0, 0, 0, 150, 0, 0, 0],
            [0x47, 7, 0, 0, 0] + Array("reset=0".utf8),
            [0x46, 4, 0, 0, 0, 1, 0, 0, 0],
        ]
        let expected = records.flatMap { $0 }
        #expect(bytes == expected)
    }

    @Test("readers skip unknown tags by length")
    func unknownTags() throws {
        let bytes = Array("ANMTRC01".utf8) + [0x58, 3, 0, 0, 0, 9, 9, 9] + [0x43, 1, 0, 0, 0, 0x29]
        #expect(try TraceFormat.decode(bytes, source: "t") == [.command([0x29])])
    }

    @Test("bad header, truncated record and malformed payloads name the byte offset")
    func malformed() {
        let cases: [([UInt8], String)] = [
            (Array("ANMTRC02".utf8), "at byte 0"),
            (Array("ANMTRC01".utf8) + [0x44, 9, 0, 0, 0, 1], "at byte 8"),
            (Array("ANMTRC01".utf8) + [0x44, 1], "at byte 8"),
            (Array("ANMTRC01".utf8) + [0x57, 2, 0, 0, 0, 1, 1], "at byte 8"),
            (Array("ANMTRC01".utf8) + [0x47, 3, 0, 0, 0] + Array("x=y".utf8), "at byte 8"),
        ]
        for (bytes, place) in cases {
            do {
                _ = try TraceFormat.decode(bytes, source: "f.trace")
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.description.contains("f.trace \(place)"), "\(error)")
            }
        }
    }

    @Test("the trace transport writes a file the reader gives back record for record")
    func fileRoundTrip() throws {
        let path = temporaryPath("a.trace")
        let records: [TraceRecord] = [.line(role: "backlight_pwm", value: 128), .command([0x2C]), .data([1, 2, 3]), .wait(5), .endFrame(7)]
        do {
            let transport = try TraceTransport(path: path)
            for record in records { try record.replay(into: transport) }
        }
        #expect(try TraceFormat.read(path: path) == records)
    }
}

@Suite("Trace reader robustness")
struct TraceFuzzTests {
    @Test("fuzz: 3000 mutated traces decode or fail with malformedTrace, never crash")
    func fuzz() throws {
        var random = SeededRandom(seed: 0x7ACE)
        let original = TraceFormat.encode([
            .line(role: "reset", value: 0), .wait(10), .command([0x2A]), .data([0, 0, 0, 239]), .command([0x2C]),
            .data([1, 2, 3, 4]), .endFrame(1),
        ])
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                if Bool.random(using: &random) { bytes[index] = UInt8.random(in: 0...255, using: &random) } else { bytes = Array(bytes.prefix(index)) }
                if bytes.isEmpty { break }
            }
            do {
                _ = try TraceFormat.decode(bytes, source: "fuzz.trace")
            } catch {
                guard case .malformedTrace(path: "fuzz.trace", _, _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
            }
        }
    }
}
