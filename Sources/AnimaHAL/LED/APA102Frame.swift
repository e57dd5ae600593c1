/// One APA102 ("DotStar") LED: 8-bit colour plus the chip's 5-bit global brightness, which dims by switching the
/// LED's current rather than by PWM, so low levels keep their colour resolution.
public struct APA102Color: Sendable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    /// 0…31; larger values saturate at 31.
    public var brightness: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, brightness: UInt8 = 31) {
        self.red = red
        self.green = green
        self.blue = blue
        self.brightness = min(brightness, 31)
    }

    public static let off = APA102Color(red: 0, green: 0, blue: 0, brightness: 0)
}

/// The bytes for one update of an APA102 chain.
///
/// Start frame: 32 zero bits. Each LED: `0b111` + 5 brightness bits, then blue, green, red. End frame: each LED
/// delays the data by half a clock, so ⌈n/2⌉ extra clock edges push the last LED's bits home: ⌈n/16⌉ bytes of ones
/// (ones, not zeros, so an SK9822 clone does not take them for a new start frame).
public enum APA102Frame {
    public static func encode(_ leds: [APA102Color]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 0]
        bytes.reserveCapacity(4 + leds.count * 4 + endFrameLength(count: leds.count))
        for led in leds {
            bytes.append(0b1110_0000 | min(led.brightness, 31))
            bytes.append(led.blue)
            bytes.append(led.green)
            bytes.append(led.red)
        }
        bytes.append(contentsOf: repeatElement(0xFF, count: endFrameLength(count: leds.count)))
        return bytes
    }

    /// ⌈n/16⌉ bytes: at least n/2 one-bits.
    public static func endFrameLength(count: Int) -> Int {
        (max(0, count) + 15) / 16
    }
}
