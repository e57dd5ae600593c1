/// One transfer inside an SPI ioctl: a range of the caller's buffer, clocked at `speedHz`.
public struct SPISegment: Sendable, Equatable {
    public var range: Range<Int>
    public var speedHz: UInt32

    public init(range: Range<Int>, speedHz: UInt32) {
        self.range = range
        self.speedHz = speedHz
    }
}

/// One `SPI_IOC_MESSAGE(n)` ioctl: `n` segments sent under one chip-select assertion.
public struct SPIMessage: Sendable, Equatable {
    public var segments: [SPISegment]

    public init(segments: [SPISegment]) {
        self.segments = segments
    }

    /// The bytes this ioctl moves; spidev refuses a message whose total exceeds its bufsiz (EMSGSIZE).
    public var byteCount: Int { segments.reduce(0) { $0 + $1.range.count } }
}

/// Splits a write into the ioctls spidev accepts. Pure, so the Linux device and the fake share it and tests pin it.
///
/// spidev copies a whole message through one kernel buffer of `bufsiz` bytes, so the bytes of one ioctl — all its
/// segments together — must not exceed bufsiz. Within that, a controller may also cap a single transfer
/// (`segmentLimit`); then several segments ride in one ioctl, saving system calls. Splitting a RAMWR payload across
/// ioctls is safe: the panel keeps writing while D/C stays high.
public enum SPIMessagePlanner {
    /// The most segments one message carries; matches `anima_spi_max_segments()` in the C shim.
    public static let defaultMaxSegments = 64

    /// The ioctls that send `byteCount` bytes in order at `speedHz`.
    /// - Parameters:
    ///   - bufsiz: the kernel's per-ioctl limit (values below 1 are treated as 1).
    ///   - segmentLimit: the largest single transfer; nil or anything above bufsiz means bufsiz.
    ///   - maxSegments: the most segments per ioctl (at least 1).
    public static func plan(
        byteCount: Int, speedHz: UInt32, bufsiz: Int, segmentLimit: Int? = nil,
        maxSegments: Int = defaultMaxSegments
    ) -> [SPIMessage] {
        let messageLimit = max(1, bufsiz)
        let segmentSize = max(1, min(segmentLimit ?? messageLimit, messageLimit))
        let segmentsPerMessage = max(1, min(maxSegments, messageLimit / segmentSize))
        var messages: [SPIMessage] = []
        var segments: [SPISegment] = []
        var offset = 0
        while offset < byteCount {
            let end = min(offset + segmentSize, byteCount)
            segments.append(SPISegment(range: offset..<end, speedHz: speedHz))
            offset = end
            if segments.count == segmentsPerMessage {
                messages.append(SPIMessage(segments: segments))
                segments.removeAll(keepingCapacity: true)
            }
        }
        if !segments.isEmpty { messages.append(SPIMessage(segments: segments)) }
        return messages
    }
}
