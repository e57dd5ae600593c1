/// i2c-dev's limits on one I2C_RDWR message: the kernel refuses more than 8192 bytes (and `i2c_msg.len` is 16-bit).
/// An SSD1306 frame is 1025 bytes, well inside; a longer write cannot be split without changing its meaning
/// (each message restarts the device's control byte), so it is an error, not a silent chunking.
enum I2CMessageLimit {
    static let maxBytes = 8192

    static func check(_ count: Int, device: String) throws(HALError) {
        guard count >= 0, count <= maxBytes else {
            throw .invalidArgument(
                device: device,
                detail: "an I2C message carries 0…\(maxBytes) bytes (i2c-dev's I2C_RDWR limit); \(count) requested. Split the transfer at a point the device allows.")
        }
    }

    static func hex(_ address: UInt16) -> String {
        let digits = String(address, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
