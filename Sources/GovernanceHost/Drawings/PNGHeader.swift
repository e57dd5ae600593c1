/// What the host checks of an uploaded PNG before storing it: the 8-byte signature, an IHDR chunk first with a correct
/// CRC and sane dimensions, and the IEND chunk last (so a truncated upload is refused). Pixel data is not decoded — the
/// host stores and serves the bytes; the browser decodes them.
///
/// Layout facts from the PNG specification (W3C PNG, 3rd ed.): §5.2 signature `89 50 4E 47 0D 0A 1A 0A`; §5.3 chunk =
/// 4-byte big-endian length, 4-byte type, data, CRC-32 over type+data; §11.2.2 IHDR is first, 13 bytes: width, height
/// (each 1…2^31−1), bit depth, colour type, compression 0, filter 0, interlace 0|1, with the allowed depth/type pairs
/// of its Table 11.1; §11.2.5 IEND is last and empty.
public struct PNGHeader: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    public var colourType: Int

    /// Largest side accepted: the creature draws on displays of at most a few hundred pixels; 4096 leaves room for
    /// upscaled exports and refuses decompression bombs that claim huge dimensions.
    public static let maxSide = 4096

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    /// Allowed bit depths per colour type (PNG spec Table 11.1).
    static let allowedDepths: [Int: Set<Int>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]

    /// Parses and checks `bytes`; throws a message naming the problem.
    public static func validate(_ bytes: [UInt8]) throws(PNGError) -> PNGHeader {
        guard bytes.count >= signature.count + 25 + iend.count else {
            throw PNGError("the body is \(bytes.count) bytes, too short to be a PNG (signature, IHDR and IEND need 57)")
        }
        guard Array(bytes[0..<8]) == signature else { throw PNGError("the body does not start with the PNG signature") }
        let length = bigEndian(bytes, 8)
        guard length == 13, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw PNGError("the first chunk must be a 13-byte IHDR")
        }
        guard CRC32.checksum(bytes[12..<29]) == UInt32(bigEndian(bytes, 29)) else { throw PNGError("the IHDR chunk's CRC does not match") }
        let width = bigEndian(bytes, 16)
        let height = bigEndian(bytes, 20)
        guard (1...maxSide).contains(width), (1...maxSide).contains(height) else {
            throw PNGError("the image is \(width)×\(height); each side must be 1…\(maxSide) pixels")
        }
        let depth = Int(bytes[24])
        let colour = Int(bytes[25])
        guard let depths = allowedDepths[colour], depths.contains(depth) else {
            throw PNGError("IHDR colour type \(colour) with bit depth \(depth) is not a valid PNG combination")
        }
        guard bytes[26] == 0, bytes[27] == 0, bytes[28] <= 1 else {
            throw PNGError("IHDR compression/filter/interlace bytes must be 0/0/0 or 1")
        }
        guard Array(bytes[(bytes.count - iend.count)...]) == iend else {
            throw PNGError("the PNG does not end with an IEND chunk (truncated upload?)")
        }
        return PNGHeader(width: width, height: height, bitDepth: depth, colourType: colour)
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}

public struct PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected) as PNG uses it for every chunk.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
