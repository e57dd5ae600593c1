import Foundation

@testable import GovernanceHost

/// A real 2×2 RGB PNG (made with Python's zlib: IHDR, one IDAT, IEND), and metadata headers for uploads.
enum DrawingFixtures {
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02,
        0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00, 0x14, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xC0, 0x00, 0xC2, 0x0C, 0xFF, 0xFF, 0xFF, 0x67, 0x00, 0x00, 0x1E, 0xEF, 0x04,
        0xFC, 0xA3, 0xC8, 0xB4, 0xF7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    static func headers(era: String = "geometric", finishedAt: String = "2026-11-26T12:00:00Z") -> [String: String] {
        [
            "Content-Type": "image/png", "X-Drawing-Era": era, "X-Drawing-Marks": "42", "X-Drawing-Pixels": "1234",
            "X-Drawing-Completion": "time_limit", "X-Drawing-Finished-At": finishedAt,
        ]
    }

    /// `png` with its IHDR width/height replaced and the IHDR CRC recomputed, so only the dimensions are wrong.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        for (offset, value) in [(16, width), (20, height)] {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (24 - 8 * UInt32(index))) & 0xFF) }
        }
        let crc = CRC32.checksum(bytes[12..<29])
        for index in 0..<4 { bytes[29 + index] = UInt8((crc >> (24 - 8 * UInt32(index))) & 0xFF) }
        return bytes
    }
}
