#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-memory spidev with the kernel's one rule that matters: an ioctl may carry at most `bufsiz` bytes in total.
/// Writes go through the same planner as `LinuxSPIDevice`; each ioctl is recorded, and `transfer(_:)` (the fake's
/// ioctl) refuses an oversized message with the same EMSGSIZE error the kernel gives.
public final class FakeSPIDevice: SPIDevice {
    /// One segment of a recorded ioctl: its bytes and clock.
    public struct Segment: Sendable, Equatable {
        public var bytes: [UInt8]
        public var speedHz: UInt32

        public init(bytes: [UInt8], speedHz: UInt32) {
            self.bytes = bytes
            self.speedHz = speedHz
        }
    }

    /// One call of `write`, as the caller made it (speed resolved).
    public struct Write: Sendable, Equatable {
        public var bytes: [UInt8]
        public var speedHz: UInt32

        public init(bytes: [UInt8], speedHz: UInt32) {
            self.bytes = bytes
            self.speedHz = speedHz
        }
    }

    public let path: String
    public let requested: SPIConfiguration
    public let effectiveSpeedHz: UInt32
    public let bufsiz: Int
    /// Every ioctl that reached the "kernel", in order.
    public private(set) var messages: [[Segment]] = []
    /// Every `write` call, in order.
    public private(set) var writes: [Write] = []
    /// When set, the next `write` throws it (and clears it), to test error paths above the HAL.
    public var failNextWrite: HALError?
    /// When set, writes are also appended to this shared log (to check D/C against data ordering).
    public let log: HardwareEventLog?
    private let writePath: SPIWritePath

    public init(
        path: String = "/dev/spidev0.0", requested: SPIConfiguration = SPIConfiguration(speedHz: 32_000_000),
        bufsiz: Int = SpidevBufferSize.kernelDefault, segmentLimit: Int? = nil, effectiveSpeedHz: UInt32? = nil,
        log: HardwareEventLog? = nil
    ) {
        self.path = path
        self.requested = requested
        self.bufsiz = bufsiz
        self.effectiveSpeedHz = effectiveSpeedHz ?? requested.speedHz
        self.log = log
        self.writePath = SPIWritePath(
            bufsiz: bufsiz, segmentLimit: segmentLimit, maxSegments: SPIMessagePlanner.defaultMaxSegments)
    }

    public func write(_ bytes: [UInt8], speedHz: UInt32?) throws(HALError) {
        if let failure = failNextWrite {
            failNextWrite = nil
            throw failure
        }
        let speed = speedHz ?? requested.speedHz
        writes.append(Write(bytes: bytes, speedHz: speed))
        log?.append(.spiWrite(device: path, bytes: bytes, speedHz: speed))
        try writePath.write(bytes, speedHz: speed) { buffer, message throws(HALError) in
            try transfer(message.segments.map { Segment(bytes: Array(buffer[$0.range]), speedHz: $0.speedHz) })
        }
    }

    /// The fake's `SPI_IOC_MESSAGE(n)`: records the message, or refuses it when it exceeds bufsiz.
    public func transfer(_ segments: [Segment]) throws(HALError) {
        let total = segments.reduce(0) { $0 + $1.bytes.count }
        guard total <= bufsiz else {
            throw .ioFailed(
                device: path,
                operation: writePath.operation(segmentCount: segments.count, byteCount: total),
                errno: EMSGSIZE)
        }
        messages.append(segments)
    }

    /// All bytes that reached the "kernel", concatenated in order.
    public var transmittedBytes: [UInt8] { messages.flatMap { $0.flatMap(\.bytes) } }

    /// Forgets what was recorded.
    public func reset() {
        messages.removeAll()
        writes.removeAll()
    }
}
