import AnimaDisplay
import AnimaHAL
import Testing

/// Tiny doubles for the HAL protocols, recording what the real transports ask of the hardware.
final class SPIDouble: SPIDevice {
    let path = "/dev/spidev0.0"
    let requested = SPIConfiguration(speedHz: 40_000_000, commandSpeedHz: 10_000_000)
    var effectiveSpeedHz: UInt32 { requested.speedHz }
    var writes: [(bytes: [UInt8], speed: UInt32?)] = []
    func write(_ bytes: [UInt8], speedHz: UInt32?) throws(HALError) { writes.append((bytes, speedHz)) }
}

final class LineDouble: GPIOOutput {
    let name: String
    var values: [Bool] = []
    var failure: HALError?
    init(_ name: String) { self.name = name }
    func set(_ high: Bool) throws(HALError) {
        if let failure { throw failure }
        values.append(high)
    }
}

final class I2CDouble: I2CDevice {
    let bus = 1
    let address: UInt16 = 0x3C
    var writes: [[UInt8]] = []
    func write(_ bytes: [UInt8]) throws(HALError) { writes.append(bytes) }
    func writeRead(_ bytes: [UInt8], readCount: Int) throws(HALError) -> [UInt8] { [] }
    func read(count: Int) throws(HALError) -> [UInt8] { [] }
}

final class PWMDouble: PWMChannel {
    let name = "pwmchip0/pwm1"
    var duty: [Double] = []
    var period: UInt64?
    func enable(periodNanoseconds: UInt64) throws(HALError) { period = periodNanoseconds }
    func setDutyCycle(_ fraction: Double) throws(HALError) { duty.append(fraction) }
    func disable() throws(HALError) {}
}

struct NoDelay: Delay {
    func wait(milliseconds: UInt32) {}
}

@Suite("Hardware transports over the HAL protocols")
struct TransportTests {
    @Test("SPI: D/C low for commands, high for data, toggled only on change; parameters at command speed, pixels at full speed")
    func spi() throws {
        let spi = SPIDouble(), dc = LineDouble("dc"), reset = LineDouble("reset"), backlight = LineDouble("bl")
        let transport = SPIDisplayTransport(spi: spi, dataCommand: dc, reset: reset, backlight: .gpio(backlight), delay: NoDelay())
        try transport.command([0x2A])
        try transport.data([0, 0, 0, 9])
        try transport.command([0x2C])
        try transport.data([1, 2])
        try transport.data([3, 4])
        try transport.setLine(.reset, to: 0)
        try transport.setLine(.backlightPWM, to: 128)
        #expect(dc.values == [false, true, false, true])
        #expect(spi.writes.map(\.bytes) == [[0x2A], [0, 0, 0, 9], [0x2C], [1, 2], [3, 4]])
        #expect(spi.writes.map(\.speed) == [10_000_000, 10_000_000, 10_000_000, nil, nil])
        #expect(reset.values == [false] && backlight.values == [true])
    }

    @Test("I2C: control byte 0x00 before commands, 0x40 before data, one message each")
    func i2c() throws {
        let device = I2CDouble()
        let transport = I2CDisplayTransport(device: device, delay: NoDelay())
        try transport.command([0x21, 0, 127])
        try transport.data([0xFF, 0x01])
        #expect(device.writes == [[0x00, 0x21, 0, 127], [0x40, 0xFF, 0x01]])
    }

    @Test("PWM backlight: enabled once at 1 kHz, level scaled to a duty cycle")
    func pwmBacklight() throws {
        let pwm = PWMDouble()
        let transport = SPIDisplayTransport(spi: SPIDouble(), dataCommand: LineDouble("dc"), backlight: .pwm(pwm), delay: NoDelay())
        try transport.setLine(.backlight, to: 1)
        try transport.setLine(.backlightPWM, to: 51)
        #expect(pwm.period == 1_000_000 && pwm.duty == [1.0, 0.2])
    }

    @Test("PWM backlight honours the board's period and an active-low polarity (duty inverted)")
    func pwmFrequencyAndPolarity() throws {
        let pwm = PWMDouble()
        let transport = SPIDisplayTransport(
            spi: SPIDouble(), dataCommand: LineDouble("dc"), backlight: .pwm(pwm, periodNanoseconds: 2_000_000, activeLow: true), delay: NoDelay())
        try transport.setLine(.backlight, to: 1)
        try transport.setLine(.backlightPWM, to: 51)
        #expect(pwm.period == 2_000_000 && pwm.duty == [0.0, 0.8])
    }

    @Test("a HAL failure surfaces as DisplayError.hardware naming the line")
    func halFailure() {
        let dc = LineDouble("dc")
        dc.failure = .lineBusy(chip: "pinctrl-bcm2711", line: 25, holder: "spi0 CS")
        let transport = SPIDisplayTransport(spi: SPIDouble(), dataCommand: dc, delay: NoDelay())
        #expect(throws: DisplayError.hardware(.lineBusy(chip: "pinctrl-bcm2711", line: 25, holder: "spi0 CS"))) {
            try transport.command([0x29])
        }
    }
}
