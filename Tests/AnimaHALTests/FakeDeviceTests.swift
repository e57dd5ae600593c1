import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Fakes behave like the devices they stand in for")
struct FakeDeviceTests {
    @Test func gpioFakesRecordAndReplay() throws {
        let log = HardwareEventLog()
        let dc = FakeGPIOOutput(name: "dc", log: log)
        try dc.set(true)
        try dc.set(false)
        #expect(dc.values == [true, false] && dc.level == false)
        dc.failNextSet = .ioFailed(device: "GPIO dc", operation: "set value", errno: EIO)
        #expect(halError { try dc.set(true) } != nil)
        #expect(dc.values == [true, false])

        let button = FakeGPIOInput(name: "button")
        button.queuedLevels = [true, false]
        button.level = true
        #expect(try [button.read(), button.read(), button.read()] == [true, false, true])
        #expect(button.readCount == 3)
        #expect(log.events == [.gpio(line: "dc", high: true), .gpio(line: "dc", high: false)])
    }

    @Test func i2cFakeRecordsAndAnswers() throws {
        let log = HardwareEventLog()
        let device = FakeI2CDevice(bus: 1, address: 0x3C, log: log)
        try device.write([0x00, 0xAE])
        device.queuedReads = [[0x43]]
        #expect(try device.writeRead([0x00], readCount: 2) == [0x43, 0x00])
        #expect(device.writes == [[0x00, 0xAE], [0x00]])
        #expect(halError { try device.write(Array(repeating: 0, count: 8193)) } != nil)
        #expect(log.events.count == 2)
        device.queuedReads = [[0x01, 0x02]]
        #expect(try device.read(count: 2) == [0x01, 0x02])
        #expect(device.reads == 1)
    }

    /// i2c-bcm2835 (Pi 3, Zero 2 W) times out on a zero-length message; the fake refuses it the same way, so code
    /// that sends one fails in the fast tests as it would on the Pi.
    @Test func i2cFakeRefusesZeroLengthMessagesAsTheKernelDoes() {
        let device = FakeI2CDevice(bus: 1, address: 0x38)
        let refused = HALError.ioFailed(
            device: "fake i2c-1@0x38", operation: "I2C_RDWR with a zero-length message (i2c-bcm2835 times out on it)", errno: ETIMEDOUT)
        #expect(halError { try device.write([]) } == refused)
        #expect(halError { _ = try device.writeRead([], readCount: 7) } == refused)
        #expect(halError { _ = try device.writeRead([0x71], readCount: 0) } == refused)
        #expect(halError { _ = try device.read(count: 0) } == refused)
        #expect(device.writes.isEmpty && device.reads == 0)
    }

    @Test func recordingDelayRecordsWithoutSleeping() {
        let log = HardwareEventLog()
        let delay = RecordingDelay(log: log)
        delay.wait(milliseconds: 120)
        delay.wait(milliseconds: 5)
        #expect(delay.waits == [120, 5])
        #expect(delay.totalMilliseconds == 125)
        #expect(log.events == [.wait(milliseconds: 120), .wait(milliseconds: 5)])
        SystemDelay().wait(milliseconds: 0)
    }

    @Test func fakeCarriesEffectiveSpeedSeparately() {
        let device = FakeSPIDevice(requested: SPIConfiguration(speedHz: 80_000_000), effectiveSpeedHz: 62_500_000)
        #expect(device.requested.speedHz == 80_000_000)
        #expect(device.effectiveSpeedHz == 62_500_000)
    }
}

@Suite("SPI speed report")
struct SPISpeedReportTests {
    @Test func requestedAgainstReported() {
        let device = FakeSPIDevice(
            path: "/dev/spidev0.0", requested: SPIConfiguration(speedHz: 62_500_000, commandSpeedHz: 10_000_000),
            effectiveSpeedHz: 31_250_000)
        #expect(device.speedReport == "/dev/spidev0.0: requested 62.5 MHz (commands 10 MHz), kernel reports 31.25 MHz")
        let slow = FakeSPIDevice(path: "/dev/spidev0.1", requested: SPIConfiguration(speedHz: 400_000))
        #expect(slow.speedReport == "/dev/spidev0.1: requested 400 kHz, kernel reports 400 kHz")
        let odd = FakeSPIDevice(path: "x", requested: SPIConfiguration(speedHz: 3_814), effectiveSpeedHz: 1_999_999_999)
        #expect(odd.speedReport == "x: requested 3.814 kHz, kernel reports 2000 MHz")
    }
}
