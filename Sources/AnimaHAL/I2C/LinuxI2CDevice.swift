import CAnimaLinuxIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One device on an i2c-dev bus (/dev/i2c-N), talked to with I2C_RDWR: whole messages up to 8192 bytes with a
/// repeated start between write and read — not SMBus block calls, which stop at 32 bytes.
/// Owned by one thread; the file descriptor closes on deinit.
public final class LinuxI2CDevice: I2CDevice {
    public let bus: Int
    public let address: UInt16
    public let path: String
    private let fd: Int32

    /// Opens the bus node.
    /// - Parameters:
    ///   - address: the 7-bit address (0x03…0x77), e.g. 0x3C for an SSD1306.
    ///   - devicePath: defaults to /dev/i2c-`bus`.
    /// - Throws: `.deviceMissing` (enable I2C), `.permissionDenied` (group i2c), `.invalidArgument` for a bad address.
    public init(bus: Int, address: UInt16, devicePath: String? = nil) throws(HALError) {
        let path = devicePath ?? "/dev/i2c-\(bus)"
        guard address <= 0x7F else {
            throw .invalidArgument(
                device: path, detail: "I2C address \(I2CMessageLimit.hex(address)) is not a 7-bit address (0x03…0x77).")
        }
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw HALError.fromErrno(errno, path: path, operation: "open", advice: .i2c)
        }
        self.bus = bus
        self.address = address
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    private var deviceName: String { "\(path) address \(I2CMessageLimit.hex(address))" }

    public func write(_ bytes: [UInt8]) throws(HALError) {
        try I2CMessageLimit.check(bytes.count, device: deviceName)
        var payload = bytes
        let result = payload.withUnsafeMutableBufferPointer { buffer in
            var message = anima_i2c_message(
                address: address, read: 0, length: UInt16(buffer.count), buffer: buffer.baseAddress)
            return anima_i2c_rdwr(fd, &message, 1)
        }
        if result < 0 { throw transferError(-result, operation: "I2C_RDWR write of \(bytes.count) bytes") }
    }

    public func writeRead(_ bytes: [UInt8], readCount: Int) throws(HALError) -> [UInt8] {
        try I2CMessageLimit.check(bytes.count, device: deviceName)
        try I2CMessageLimit.check(readCount, device: deviceName)
        var payload = bytes
        var answer = [UInt8](repeating: 0, count: readCount)
        let result = payload.withUnsafeMutableBufferPointer { writeBuffer in
            answer.withUnsafeMutableBufferPointer { readBuffer in
                var messages = [
                    anima_i2c_message(
                        address: address, read: 0, length: UInt16(writeBuffer.count), buffer: writeBuffer.baseAddress),
                    anima_i2c_message(
                        address: address, read: 1, length: UInt16(readBuffer.count), buffer: readBuffer.baseAddress),
                ]
                return anima_i2c_rdwr(fd, &messages, 2)
            }
        }
        if result < 0 {
            throw transferError(-result, operation: "I2C_RDWR write \(bytes.count) / read \(readCount) bytes")
        }
        return answer
    }

    public func read(count: Int) throws(HALError) -> [UInt8] {
        try I2CMessageLimit.check(count, device: deviceName)
        var answer = [UInt8](repeating: 0, count: count)
        let result = answer.withUnsafeMutableBufferPointer { buffer in
            var message = anima_i2c_message(
                address: address, read: 1, length: UInt16(buffer.count), buffer: buffer.baseAddress)
            return anima_i2c_rdwr(fd, &message, 1)
        }
        if result < 0 { throw transferError(-result, operation: "I2C_RDWR read of \(count) bytes") }
        return answer
    }

    /// A missing acknowledge (ENXIO/EREMOTEIO) usually means nothing answers at this address.
    private func transferError(_ code: Int32, operation: String) -> HALError {
        let nack = code == ENXIO || code == EREMOTEIO
        let hint = nack ? " (no device acknowledged; check wiring and `i2cdetect -y \(bus)`)" : ""
        return .ioFailed(device: deviceName, operation: operation + hint, errno: code)
    }
}
