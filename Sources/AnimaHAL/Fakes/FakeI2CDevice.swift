/// An I2C device that records writes and answers reads from a queue, with i2c-dev's per-message limit.
public final class FakeI2CDevice: I2CDevice {
    public let bus: Int
    public let address: UInt16
    /// Every write (including the write half of `writeRead`), in order.
    public private(set) var writes: [[UInt8]] = []
    /// Answers for successive `writeRead` calls; an empty queue answers zeros.
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
        try I2CMessageLimit.check(readCount, device: "fake i2c-\(bus)@\(I2CMessageLimit.hex(address))")
        writes.append(bytes)
        log?.append(.i2cWrite(bus: bus, address: address, bytes: bytes))
        let answer = queuedReads.isEmpty ? [] : queuedReads.removeFirst()
        return Array((answer + [UInt8](repeating: 0, count: readCount)).prefix(readCount))
    }

    private func check(_ count: Int) throws(HALError) {
        if let failure = failNextTransfer {
            failNextTransfer = nil
            throw failure
        }
        try I2CMessageLimit.check(count, device: "fake i2c-\(bus)@\(I2CMessageLimit.hex(address))")
    }
}
