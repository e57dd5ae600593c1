import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("SPI chunking to spidev's bufsiz")
struct SPIChunkingTests {
    /// A 240×240 RGB565 frame with a pattern that exposes reordering or loss.
    let frame: [UInt8] = (0..<115_200).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }

    @Test func fullFrameArrivesInBufsizMessagesInOrder() throws {
        let device = FakeSPIDevice(requested: SPIConfiguration(speedHz: 40_000_000), bufsiz: 4096)
        try device.write(frame, speedHz: nil)
        // 115,200 = 28 × 4096 + 512.
        #expect(device.messages.count == 29)
        #expect(device.messages.allSatisfy { $0.reduce(0) { $0 + $1.bytes.count } <= 4096 })
        #expect(device.messages.dropLast().allSatisfy { $0.count == 1 && $0[0].bytes.count == 4096 })
        #expect(device.messages.last?.first?.bytes.count == 512)
        #expect(device.transmittedBytes == frame)
        #expect(device.messages.allSatisfy { $0.allSatisfy { $0.speedHz == 40_000_000 } })
        #expect(device.writes.count == 1)
    }

    @Test func segmentLimitBatchesSeveralChunksPerIoctl() throws {
        let device = FakeSPIDevice(bufsiz: 4096, segmentLimit: 1024)
        try device.write(frame, speedHz: nil)
        // 112.5 segments of 1024 → 113 segments, 4 per ioctl → 29 ioctls, the last with 1 segment of 512.
        #expect(device.messages.count == 29)
        #expect(device.messages.dropLast().allSatisfy { $0.count == 4 && $0.allSatisfy { $0.bytes.count == 1024 } })
        #expect(device.messages.last?.map(\.bytes.count) == [512])
        #expect(device.transmittedBytes == frame)
    }

    @Test func plannerGroupsChunksWithinBufsiz() {
        let plan = SPIMessagePlanner.plan(byteCount: 10_000, speedHz: 8, bufsiz: 4096, segmentLimit: 1024)
        let ranges = plan.map { $0.segments.map(\.range) }
        #expect(ranges == [
            [0..<1024, 1024..<2048, 2048..<3072, 3072..<4096],
            [4096..<5120, 5120..<6144, 6144..<7168, 7168..<8192],
            [8192..<9216, 9216..<10_000],
        ])
        #expect(plan.map(\.byteCount) == [4096, 4096, 1808])
        #expect(plan.allSatisfy { $0.segments.allSatisfy { $0.speedHz == 8 } })
    }

    @Test func plannerWithoutSegmentLimitSendsOneChunkPerIoctl() {
        let plan = SPIMessagePlanner.plan(byteCount: 9000, speedHz: 1, bufsiz: 4096)
        #expect(plan.map { $0.segments.map(\.range) } == [[0..<4096], [4096..<8192], [8192..<9000]])
    }

    @Test func plannerCapsSegmentsPerIoctl() {
        // bufsiz would allow 128 segments of 512; the shim's array holds 64.
        let plan = SPIMessagePlanner.plan(byteCount: 65_536, speedHz: 1, bufsiz: 65_536, segmentLimit: 512)
        #expect(plan.map(\.segments.count) == [64, 64])
        #expect(plan.map(\.byteCount) == [32_768, 32_768])
    }

    @Test func plannerEdgeCases() {
        #expect(SPIMessagePlanner.plan(byteCount: 0, speedHz: 1, bufsiz: 4096).isEmpty)
        #expect(SPIMessagePlanner.plan(byteCount: 4096, speedHz: 1, bufsiz: 4096).map(\.byteCount) == [4096])
        #expect(SPIMessagePlanner.plan(byteCount: 4097, speedHz: 1, bufsiz: 4096).map(\.byteCount) == [4096, 1])
        // A nonsensical bufsiz still makes progress, one byte per ioctl.
        #expect(SPIMessagePlanner.plan(byteCount: 3, speedHz: 1, bufsiz: 0).map(\.byteCount) == [1, 1, 1])
        // A segment limit above bufsiz is held to bufsiz.
        #expect(SPIMessagePlanner.plan(byteCount: 5000, speedHz: 1, bufsiz: 4096, segmentLimit: 8192).map(\.byteCount) == [4096, 904])
    }

    @Test func plannerCoversEveryByteOnceWithinBufsizForManyShapes() {
        for bufsiz in [1, 7, 64, 4096, 65_536] {
            for segmentLimit in [nil, 1, 3, 1000] as [Int?] {
                // A whole frame in one-byte segments would only slow the test down; tiny segments get small writes.
                let segmentSize = min(segmentLimit ?? bufsiz, bufsiz)
                for count in [0, 1, 2, 63, 64, 65, 4095, 4096, 4097, 115_200] where segmentSize >= 64 || count < 5000 {
                    let plan = SPIMessagePlanner.plan(
                        byteCount: count, speedHz: 1, bufsiz: bufsiz, segmentLimit: segmentLimit)
                    var next = 0
                    var contiguous = true
                    for range in plan.flatMap({ $0.segments.map(\.range) }) {
                        contiguous = contiguous && range.lowerBound == next && !range.isEmpty
                        next = range.upperBound
                    }
                    #expect(contiguous && next == count, "bufsiz \(bufsiz), limit \(String(describing: segmentLimit)), \(count) bytes")
                    #expect(plan.allSatisfy { $0.byteCount <= bufsiz && $0.segments.count <= 64 })
                }
            }
        }
    }

    @Test func commandsUseTheCommandSpeed() throws {
        let config = SPIConfiguration(speedHz: 62_500_000, commandSpeedHz: 10_000_000)
        let device = FakeSPIDevice(requested: config)
        try device.writeCommand([0x2A])
        try device.write([1, 2, 3, 4], speedHz: nil)
        try device.write([0x2C], speedHz: 5_000_000)
        #expect(device.messages == [
            [FakeSPIDevice.Segment(bytes: [0x2A], speedHz: 10_000_000)],
            [FakeSPIDevice.Segment(bytes: [1, 2, 3, 4], speedHz: 62_500_000)],
            [FakeSPIDevice.Segment(bytes: [0x2C], speedHz: 5_000_000)],
        ])
        let single = FakeSPIDevice(requested: SPIConfiguration(speedHz: 24_000_000))
        try single.writeCommand([0x11])
        #expect(single.messages.first?.first?.speedHz == 24_000_000)
    }

    @Test func fakeRefusesAMessageOverBufsizLikeTheKernel() throws {
        let device = FakeSPIDevice(path: "/dev/spidev0.0", bufsiz: 4096)
        let error = halError {
            try device.transfer([
                FakeSPIDevice.Segment(bytes: Array(repeating: 0, count: 4000), speedHz: 1),
                FakeSPIDevice.Segment(bytes: Array(repeating: 0, count: 97), speedHz: 1),
            ])
        }
        #expect(error == .ioFailed(device: "/dev/spidev0.0", operation: "SPI_IOC_MESSAGE(2) of 4097 bytes (bufsiz 4096)", errno: EMSGSIZE))
        #expect(error?.description == "SPI_IOC_MESSAGE(2) of 4097 bytes (bufsiz 4096) on /dev/spidev0.0 failed: Message too long (errno 90). One spidev ioctl moves at most bufsiz bytes in total (/sys/module/spidev/parameters/bufsiz, default 4096); raise it with `spidev.bufsiz=65536` on the kernel command line (/boot/firmware/cmdline.txt) or send smaller messages.")
        #expect(device.messages.isEmpty)
        try device.transfer([FakeSPIDevice.Segment(bytes: Array(repeating: 0, count: 4096), speedHz: 1)])
        #expect(device.messages.count == 1)
    }

    @Test func injectedFailureSurfacesOnce() throws {
        let device = FakeSPIDevice()
        device.failNextWrite = .ioFailed(device: device.path, operation: "test", errno: EIO)
        #expect(halError { try device.write([1], speedHz: nil) } == .ioFailed(device: "/dev/spidev0.0", operation: "test", errno: EIO))
        try device.write([1], speedHz: nil)
        #expect(device.transmittedBytes == [1])
    }
}
