import CAnimaLinuxIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An spidev node (/dev/spidevB.C), opened once and configured once; writes are chunked to the kernel's bufsiz and
/// batched into `SPI_IOC_MESSAGE(n)` ioctls through the C shim (the kernel struct is 32 bytes on every architecture).
/// Owned by one thread; the file descriptor closes on deinit.
public final class LinuxSPIDevice: SPIDevice {
    public let path: String
    public let requested: SPIConfiguration
    /// The speed the kernel reports after configuration. spidev echoes an accepted request; the real clock on a Pi
    /// is the core clock over an even divisor, see `SPIClock.bcm2835`.
    public let effectiveSpeedHz: UInt32
    public let effectiveMode: UInt8
    public let effectiveBitsPerWord: UInt8
    /// The per-ioctl byte limit in force (read from sysfs, or the kernel default).
    public let bufsiz: Int
    private let fd: Int32
    private let writePath: SPIWritePath

    /// Opens and configures the device.
    /// - Parameters:
    ///   - bufsizPath: where to read spidev's bufsiz (a test may point elsewhere); 4096 when unreadable.
    ///   - segmentLimit: the largest single transfer the controller takes, when smaller than bufsiz.
    /// - Throws: `.deviceMissing` (enable SPI), `.permissionDenied` (group spi), `.ioFailed` when configuring fails.
    public init(
        path: String, configuration: SPIConfiguration,
        bufsizPath: String = SpidevBufferSize.sysfsPath, segmentLimit: Int? = nil
    ) throws(HALError) {
        if configuration.speedHz == 0 {
            throw .invalidArgument(device: path, detail: "SPI speed must be above 0 Hz; set the board's max_speed_hz.")
        }
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw HALError.fromErrno(errno, path: path, operation: "open", advice: .spi)
        }
        var mode: UInt8 = 0
        var bits: UInt8 = 0
        var speed: UInt32 = 0
        let result = anima_spi_configure(
            fd, configuration.mode, configuration.bitsPerWord, configuration.speedHz, &mode, &bits, &speed)
        if result < 0 {
            close(fd)
            throw .ioFailed(
                device: path,
                operation: "configure SPI mode \(configuration.mode), \(configuration.bitsPerWord) bits, \(configuration.speedHz) Hz",
                errno: -result)
        }
        self.path = path
        self.requested = configuration
        self.fd = fd
        self.effectiveMode = mode
        self.effectiveBitsPerWord = bits
        self.effectiveSpeedHz = speed
        self.bufsiz = SpidevBufferSize.current(from: bufsizPath)
        self.writePath = SPIWritePath(
            bufsiz: bufsiz, segmentLimit: segmentLimit, maxSegments: Int(anima_spi_max_segments()))
    }

    deinit { close(fd) }

    public func write(_ bytes: [UInt8], speedHz: UInt32?) throws(HALError) {
        let fd = fd
        let writePath = writePath
        let path = path
        try writePath.write(bytes, speedHz: speedHz ?? requested.speedHz) { buffer, message throws(HALError) in
            guard let base = buffer.baseAddress else { return }
            let segments = message.segments.map { segment in
                anima_spi_segment(
                    tx: base + segment.range.lowerBound, rx: nil, length: UInt32(segment.range.count),
                    speed_hz: segment.speedHz, bits_per_word: 0, cs_change: 0)
            }
            let result = segments.withUnsafeBufferPointer { anima_spi_transfer(fd, $0.baseAddress, UInt32($0.count)) }
            if result < 0 {
                throw .ioFailed(device: path, operation: writePath.operation(segmentCount: message.segments.count, byteCount: message.byteCount), errno: -result)
            }
        }
    }
}
