/// A chain of APA102 LEDs on an SPI bus or on two GPIO lines (clock, data). The BrainCraft HAT's three DotStars sit
/// on GPIO 6 (clock) and GPIO 5 (data), which are not SPI pins, so they are bit-banged. Owned by one thread.
public final class APA102Chain {
    /// How the frame leaves.
    public enum Output {
        case spi(any SPIDevice)
        /// Mode 0, MSB first: data is set, then the clock rises (the LED samples) and falls.
        case bitBanged(clock: any GPIOOutput, data: any GPIOOutput)
    }

    public let count: Int
    public let output: Output

    /// - Throws: `.invalidArgument` for a negative count; the clock line's error if it cannot be set low.
    public init(count: Int, output: Output) throws(HALError) {
        guard count >= 0 else {
            throw .invalidArgument(device: Self.name(of: output), detail: "an LED chain has 0 or more LEDs; got \(count).")
        }
        self.count = count
        self.output = output
        if case let .bitBanged(clock, _) = output { try clock.set(false) }
    }

    /// Shows one colour per LED.
    /// - Throws: `.invalidArgument` when `colors.count` differs from the chain length; bus errors as they come.
    public func show(_ colors: [APA102Color]) throws(HALError) {
        guard colors.count == count else {
            throw .invalidArgument(
                device: Self.name(of: output), detail: "the chain has \(count) LEDs; \(colors.count) colours given.")
        }
        let frame = APA102Frame.encode(colors)
        switch output {
        case let .spi(device):
            try device.write(frame, speedHz: nil)
        case let .bitBanged(clock, data):
            for byte in frame {
                for bit in (0..<8).reversed() {
                    try data.set(byte >> UInt8(bit) & 1 == 1)
                    try clock.set(true)
                    try clock.set(false)
                }
            }
        }
    }

    /// Turns every LED off.
    public func clear() throws(HALError) {
        try show(Array(repeating: .off, count: count))
    }

    private static func name(of output: Output) -> String {
        switch output {
        case let .spi(device): return "APA102 chain on \(device.path)"
        case let .bitBanged(clock, data): return "APA102 chain on clock \(clock.name), data \(data.name)"
        }
    }
}
