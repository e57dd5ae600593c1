import CAnimaZlib

/// Encodes an `RGBImage` as a PNG (8-bit truecolour, no interlace, zlib-compressed).
/// The output is deterministic: the same image always gives the same bytes, so tests compare files byte for byte.
public enum PNGEncoder {
    public static func encode(_ image: RGBImage) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", deflate(scanlines(image)), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Rows prefixed by filter byte: "Up" (2) for every row after the first, which compresses sparse canvases well.
    private static func scanlines(_ image: RGBImage) -> [UInt8] {
        let stride = image.width * 3
        var raw = [UInt8]()
        raw.reserveCapacity((stride + 1) * image.height)
        for row in 0..<image.height {
            let start = row * stride
            if row == 0 {
                raw.append(0)
                raw += image.bytes[start..<start + stride]
            } else {
                raw.append(2)
                for index in start..<start + stride {
                    raw.append(image.bytes[index] &- image.bytes[index - stride])
                }
            }
        }
        return raw
    }

    private static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(data.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status) on a buffer sized by compressBound")
        return Array(output.prefix(Int(length)))
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.appendBigEndian(UInt32(data.count))
        let body = typeBytes + data
        png += body
        let checksum = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png.appendBigEndian(UInt32(checksum))
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
