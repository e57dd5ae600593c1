/// What every SPIDevice here does with a write: pick the speed, plan the ioctls, hand each to `send` in order.
/// The Linux device sends through the kernel; the fake records and checks — both run this same code.
struct SPIWritePath {
    var bufsiz: Int
    var segmentLimit: Int?
    var maxSegments: Int

    /// Sends `bytes` as planned; stops at the first failed message.
    func write(
        _ bytes: [UInt8], speedHz: UInt32,
        send: (UnsafeBufferPointer<UInt8>, SPIMessage) throws(HALError) -> Void
    ) throws(HALError) {
        let messages = SPIMessagePlanner.plan(
            byteCount: bytes.count, speedHz: speedHz, bufsiz: bufsiz, segmentLimit: segmentLimit,
            maxSegments: maxSegments)
        var failure: HALError?
        bytes.withUnsafeBufferPointer { buffer in
            for message in messages {
                do throws(HALError) {
                    try send(buffer, message)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// The wording for a message the kernel refused as too long, naming sizes so the bufsiz mismatch is visible.
    func operation(segmentCount: Int, byteCount: Int) -> String {
        "SPI_IOC_MESSAGE(\(segmentCount)) of \(byteCount) bytes (bufsiz \(bufsiz))"
    }
}

extension SPIDevice {
    /// Sends command or parameter bytes at the configured command speed (the pixel speed when none is set).
    public func writeCommand(_ bytes: [UInt8]) throws(HALError) {
        try write(bytes, speedHz: requested.commandSpeedHz)
    }
}
