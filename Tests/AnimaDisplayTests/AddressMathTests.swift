import AnimaDisplay
import AnimaImage
import Testing

@Suite("MADCTL, offsets and pixel encoding")
struct AddressMathTests {
    @Test("MADCTL bits per rotation, colour order and mirroring (MY 0x80, MX 0x40, MV 0x20, BGR 0x08)")
    func madctlBits() {
        let expected: [(Rotation, Bool, ColorOrder, UInt8)] = [
            (.deg0, false, .rgb, 0x00), (.deg90, false, .rgb, 0x60), (.deg180, false, .rgb, 0xC0), (.deg270, false, .rgb, 0xA0),
            (.deg0, false, .bgr, 0x08), (.deg90, false, .bgr, 0x68), (.deg180, false, .bgr, 0xC8), (.deg270, false, .bgr, 0xA8),
            (.deg0, true, .rgb, 0x40), (.deg90, true, .rgb, 0xE0), (.deg180, true, .rgb, 0x80), (.deg270, true, .rgb, 0x20),
        ]
        for (rotation, mirrored, order, byte) in expected {
            #expect(AddressMode(rotation: rotation, mirrored: mirrored).madctl(colorOrder: order) == byte, "\(rotation) \(mirrored) \(order)")
        }
    }

    @Test("window offsets follow the reversed-axis rule and move with MV")
    func offsets() {
        // (glass w, h, offset x, y, RAM w, h) → expected offset per rotation 0/90/180/270.
        let cases: [(Int, Int, Int, Int, Int, Int, [(Int, Int)])] = [
            (240, 240, 0, 0, 240, 320, [(0, 0), (0, 0), (0, 80), (80, 0)]),  // ST7789 240×240
            (135, 240, 52, 40, 240, 320, [(52, 40), (40, 53), (53, 40), (40, 52)]),  // ST7789 135×240
            (240, 280, 0, 20, 240, 320, [(0, 20), (20, 0), (0, 20), (20, 0)]),  // ST7789 240×280
            (128, 160, 0, 0, 132, 162, [(0, 0), (0, 4), (4, 2), (2, 0)]),  // ST7735R
            (240, 320, 0, 0, 240, 320, [(0, 0), (0, 0), (0, 0), (0, 0)]),  // ILI9341
        ]
        for (w, h, ox, oy, rw, rh, expected) in cases {
            for (rotation, want) in zip(Rotation.allCases, expected) {
                let got = AddressMode(rotation: rotation).windowOffset(
                    ramWidth: rw, ramHeight: rh, glassWidth: w, glassHeight: h, offsetX: ox, offsetY: oy)
                #expect(got.x == want.0 && got.y == want.1, "\(w)×\(h) at \(rotation): got \(got)")
            }
        }
    }

    @Test("the rotation convention: logical top-left lands on the glass corner the picture is turned to")
    func glassPoints() {
        // 4×2 glass. Rotation 90: top-left of the 2×4 picture at the glass's top-right.
        #expect(Rotation.deg0.glassPoint(x: 0, y: 0, glassWidth: 4, glassHeight: 2) == (0, 0))
        #expect(Rotation.deg90.glassPoint(x: 0, y: 0, glassWidth: 4, glassHeight: 2) == (3, 0))
        #expect(Rotation.deg90.glassPoint(x: 1, y: 0, glassWidth: 4, glassHeight: 2) == (3, 1))
        #expect(Rotation.deg180.glassPoint(x: 0, y: 0, glassWidth: 4, glassHeight: 2) == (3, 1))
        #expect(Rotation.deg270.glassPoint(x: 0, y: 0, glassWidth: 4, glassHeight: 2) == (0, 1))
        #expect(Rotation.deg0.glassPoint(x: 0, y: 0, glassWidth: 4, glassHeight: 2, mirrored: true) == (3, 0))
    }

    @Test("RGB565 is big-endian on the wire; RGB666 keeps 6 bits in the top of each byte")
    func encoding() {
        let color = RGB(0x12, 0x34, 0x56)
        var bytes: [UInt8] = []
        PixelFormat.rgb565.append(PixelFormat.rgb565.pack(color), to: &bytes)
        #expect(bytes == [0x11, 0xAA])  // R 2, G 13, B 10 → 0x11AA
        bytes = []
        PixelFormat.rgb666.append(PixelFormat.rgb666.pack(color), to: &bytes)
        #expect(bytes == [0x10, 0x34, 0x54])
        #expect(PixelFormat.rgb565.unpack(0xFFFF) == RGB(255, 255, 255))
        #expect(PixelFormat.rgb565.unpack(0x11AA) == RGB(0x10, 0x34, 0x52))
        #expect(PixelFormat.rgb666.unpack(PixelFormat.rgb666.pack(color)) == RGB(0x10, 0x34, 0x55))
        #expect(PixelFormat.mono1.pack(RGB(0, 255, 0)) == 1)  // luma 150
        #expect(PixelFormat.mono1.pack(RGB(255, 0, 0)) == 0)  // luma 76
        #expect(PixelFormat.rgb565.colmod == 0x55 && PixelFormat.rgb666.colmod == 0x66)
    }
}
