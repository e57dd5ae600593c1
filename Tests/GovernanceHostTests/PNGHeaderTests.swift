import Testing

@testable import GovernanceHost

/// The upload's PNG check: signature, IHDR (CRC, dimensions, depth/colour pair) and IEND, per the W3C PNG spec
/// §5.2/§5.3/§11.2.2 Table 11.1/§11.2.5 (facts restated in PNGHeader.swift).
@Suite struct PNGHeaderTests {
    @Test func aRealPNGPasses() throws {
        #expect(try PNGHeader.validate(DrawingFixtures.png) == PNGHeader(width: 2, height: 2, bitDepth: 8, colourType: 2))
    }

    @Test func garbageIsRefusedWithAReason() {
        var badCRC = DrawingFixtures.png
        badCRC[30] ^= 0xFF
        var badDepth = DrawingFixtures.png
        badDepth[24] = 3  // colour type 2 allows only 8 or 16
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "too short"),
            ("text", Array(String(repeating: "not a png ", count: 10).utf8), "signature"),
            ("truncated", Array(DrawingFixtures.png.dropLast(5)), "IEND"),
            ("crc", badCRC, "CRC"),
            ("depth", badDepth, "CRC"),  // the CRC catches the edit first
            ("zero width", DrawingFixtures.png(width: 0, height: 2), "each side"),
            ("bomb", DrawingFixtures.png(width: 1_000_000, height: 1_000_000), "each side"),
            ("negative as signed", DrawingFixtures.png(width: 0xFFFF_FFFF, height: 2), "each side"),
        ]
        for (name, bytes, expected) in cases {
            #expect(throws: PNGError.self, "\(name)") { try PNGHeader.validate(bytes) }
            do {
                _ = try PNGHeader.validate(bytes)
            } catch {
                #expect(error.message.contains(expected), "\(name): \(error.message)")
            }
        }
    }

    @Test func crc32MatchesTheKnownCheckValue() {
        // The standard CRC-32 check value: CRC of "123456789" is 0xCBF43926.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
