import AnimaDisplay
import AnimaImage
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Kernel path: RGB565 spans into a file-backed framebuffer at the kernel's stride")
struct FramebufferDeviceTests {
    /// A file the size the kernel would map: lineLength × height bytes, zero-filled.
    static func file(_ geometry: FramebufferGeometry) -> String {
        let path = temporaryPath("fb0")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = ftruncate(descriptor, off_t(geometry.lineLength * geometry.height))
        close(descriptor)
        return path
    }

    @Test("only the damaged span is written, little-endian RGB565, rows line_length apart (padding untouched)")
    func damagedSpan() throws {
        let geometry = FramebufferGeometry(width: 4, height: 3, lineLength: 12)  // 4 bytes of padding per row
        let path = Self.file(geometry)
        let device = try FramebufferDevice(path: path, geometry: geometry)
        var framebuffer = Framebuffer(width: 4, height: 3, format: .rgb565)
        framebuffer.clearDamage()
        framebuffer.set(x: 1, y: 2, to: RGB(255, 0, 0))  // 0xF800
        framebuffer.set(x: 2, y: 2, to: RGB(0, 0, 255))  // 0x001F
        #expect(try device.write(framebuffer) == 4)
        let bytes = try #require(GlassModelTests.readAll(path))
        var expected = [UInt8](repeating: 0, count: 36)
        expected[24 + 2] = 0x00; expected[24 + 3] = 0xF8
        expected[24 + 4] = 0x1F; expected[24 + 5] = 0x00
        #expect(bytes == expected)
    }

    @Test("start powers the panel up and stop powers it down (FBIOBLANK 0 then 4), so a stopped creature leaves no lit panel")
    func blanking() throws {
        let geometry = FramebufferGeometry(width: 4, height: 3)
        let requests = Mutex<[Int32]>([])
        let recording = FramebufferBlanking { _, mode in
            requests.withLock { $0.append(mode) }
            return 0
        }
        let display = FramebufferDisplay(device: try FramebufferDevice(path: Self.file(geometry), geometry: geometry, blanking: recording))
        try display.initialize()
        try display.update()
        try display.sleep()
        #expect(requests.withLock { $0 } == [FramebufferBlanking.unblank, FramebufferBlanking.powerDown])
    }

    @Test("a file standing in for /dev/fb0 has nothing to blank (ENOTTY) and keeps its pixels; a failing device names itself")
    func blankingErrors() throws {
        let geometry = FramebufferGeometry(width: 4, height: 3)
        let path = Self.file(geometry)
        let display = FramebufferDisplay(device: try FramebufferDevice(path: path, geometry: geometry))
        display.framebuffer.set(x: 0, y: 0, to: RGB(255, 255, 255))
        try display.initialize()
        try display.update()
        try display.sleep()
        #expect(try #require(GlassModelTests.readAll(path)).prefix(2) == [0xFF, 0xFF])

        let failing = FramebufferBlanking { _, _ in -EIO }
        let broken = FramebufferDisplay(device: try FramebufferDevice(path: path, geometry: geometry, blanking: failing))
        #expect {
            try broken.sleep()
        } throws: { error in
            guard case let .file(errorPath, operation, code) = error as? DisplayError else { return false }
            return errorPath == path && operation.contains("FBIOBLANK") && code == EIO
        }
    }

    @Test("a geometry the kernel path cannot drive is refused naming the device")
    func badGeometry() {
        #expect(throws: DisplayError.self) {
            try FramebufferDevice(path: "/nonexistent/fb0", geometry: FramebufferGeometry(width: 320, height: 240, bitsPerPixel: 32))
        }
        #expect(throws: DisplayError.self) {
            try FramebufferDevice(path: "/nonexistent/fb0", geometry: FramebufferGeometry(width: 320, height: 240, lineLength: 100))
        }
        #expect(throws: DisplayError.self) { try FramebufferDevice(path: "/nonexistent/fb0", geometry: FramebufferGeometry(width: 4, height: 3)) }
    }
}
