/// Why a sensor chip gave no reading. Every case names the chip and its address, so a log line says which part of
/// the board to look at.
public enum SensorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bus transfer failed (NACK: the chip is absent or unpowered).
    case io(chip: String, address: UInt16, underlying: HALError)
    /// The chip answered, but not as that chip does (wrong ID, bad CRC, busy, an impossible value).
    case badData(chip: String, address: UInt16, detail: String)

    public var description: String {
        switch self {
        case let .io(chip, address, underlying):
            return "\(chip) at \(I2CMessageLimit.hex(address)): \(underlying)"
        case let .badData(chip, address, detail):
            return "\(chip) at \(I2CMessageLimit.hex(address)): \(detail); check the wiring or replace the part"
        }
    }
}
