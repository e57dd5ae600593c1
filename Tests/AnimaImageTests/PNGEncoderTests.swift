import CAnimaZlib
import Foundation
import Testing

@testable import AnimaFiles
@testable import AnimaImage

@Suite struct PNGEncoderTests {
    /// Decodes what the encoder wrote (zlib inflate + un-filter) and compares pixel for pixel.
    @Test func roundTripsPixelsExactly() throws {
        var image = RGBImage(width: 7, height: 5)
        var generator = SystemRandomNumberGenerator()
        for y in 0..<5 { for x in 0..<7 { image[x, y] = RGB(.random(in: 0...255, using: &generator), UInt8(x * 30), UInt8(y * 50)) } }
        let png = PNGEncoder.encode(image)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(try decode(png) == image)
        #expect(PNGEncoder.encode(image) == png, "encoding is deterministic")
    }

    @Test func sparseCanvasCompressesWell() {
        var image = RGBImage(width: 240, height: 240)
        for i in 0..<200 { image[(i * 37) % 240, (i * 91) % 240] = RGB(255, 128, 0) }
        #expect(PNGEncoder.encode(image).count < 20_000)
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString).bin").path
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write("four", to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("four".utf8))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write([1], to: "/nonexistent-dir/x.bin") }
    }

    private func decode(_ png: [UInt8]) throws -> RGBImage {
        func u32(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        let width = u32(16), height = u32(20)
        var offset = 8, idat: [UInt8] = []
        while offset < png.count {
            let length = u32(offset)
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            if type == "IDAT" { idat += png[offset + 8..<offset + 8 + length] }
            offset += 12 + length
        }
        let stride = width * 3
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = uLongf(raw.count)
        let status = uncompress(&raw, &rawLength, idat, uLong(idat.count))
        #expect(status == Z_OK)
        var image = RGBImage(width: width, height: height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let value = raw[row * (stride + 1) + 1 + i]
                let up: UInt8 = row > 0 ? image.bytes[(row - 1) * stride + i] : 0
                image.bytes[row * stride + i] = filter == 2 ? value &+ up : value
            }
        }
        return image
    }
}
