#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An I2C device that records writes and answers reads from a queue, with i2c-dev's per-message limit, refusing a
/// zero-length message as a Pi 3's i2c-bcm2835 does (the transfer times out: ETIMEDOUT).
public final class FakeI2CDevice: I2CDevice {
    public let bus: Int
    public let address: UInt16
    /// Every write (including the write half of `writeRead`), in order.
    public private(set) var writes: [[UInt8]] = []
    /// Answers for successive `writeRead` and `read` calls; an empty queue answers zeros.
    public var queuedReads: [[UInt8]] = []
    /// When set, the next call throws it (and clears it), e.g. a NACK as `.ioFailed(…, errno: EREMOTEIO)`.
    public var failNextTransfer: HALError?
    public let log: HardwareEventLog?

    public init(bus: Int = 1, address: UInt16 = 0x3C, log: HardwareEventLog? = nil) {
        self.bus = bus
        self.address = address
        self.log = log
    }

    public func write(_ bytes: [UInt8]) throws(HALError) {
        try check(bytes.count)
        writes.append(bytes)
        log?.append(.i2cWrite(bus: bus, address: address, bytes: bytes))
    }

    public func writeRead(_ bytes: [UInt8], readCount: Int) throws(HALError) -> [UInt8] {
        try check(bytes.count)
        try check(readCount)
        writes.append(bytes)
        log?.append(.i2cWrite(bus: bus, address: address, bytes: bytes))
        return answer(readCount)
    }

    public func read(count: Int) throws(HALError) -> [UInt8] {
        try check(count)
        reads += 1
        return answer(count)
    }

    /// How many plain reads (`read(count:)`) were made.
    public private(set) var reads = 0

    private func answer(_ count: Int) -> [UInt8] {
        let answer = queuedReads.isEmpty ? [] : queuedReads.removeFirst()
        return Array((answer + [UInt8](repeating: 0, count: count)).prefix(count))
    }

    private func check(_ count: Int) throws(HALError) {
        if let failure = failNextTransfer {
            failNextTransfer = nil
            throw failure
        }
        let device = "fake i2c-\(bus)@\(I2CMessageLimit.hex(address))"
        try I2CMessageLimit.check(count, device: device)
        if count == 0 {
            throw .ioFailed(device: device, operation: "I2C_RDWR with a zero-length message (i2c-bcm2835 times out on it)", errno: ETIMEDOUT)
        }
    }
}
