import AnimaDisplay
import AnimaHAL
import Foundation
import Testing
@testable import AnimaBoards

/// A `BoardHardware` that hands out the HAL's fakes and records what the board asked for.
final class FakeBoardHardware: BoardHardware {
    var requests: [String] = []
    var spi: FakeSPIDevice?
    var outputs: [Int: FakeGPIOOutput] = [:]
    let pwm = FakePWMChannel()
    var pwmMissing = false
    var warnings: [String] = []

    func warn(_ message: String) { warnings.append(message) }
    let delay: any Delay = RecordingDelay()

    func spiDevice(path: String, configuration: SPIConfiguration) throws(HALError) -> any SPIDevice {
        requests.append("spi \(path) \(configuration.speedHz) mode \(configuration.mode)")
        let device = FakeSPIDevice(path: path, requested: configuration)
        spi = device
        return device
    }

    func i2cDevice(bus: Int, address: UInt16) throws(HALError) -> any I2CDevice {
        requests.append("i2c \(bus) \(address)")
        return FakeI2CDevice(bus: bus, address: address)
    }

    func gpioOutput(chipLabels: [String], line: Int, activeLow: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        requests.append("gpio \(chipLabels.joined(separator: "|")):\(line)\(activeLow ? " active-low" : "") \(consumer)")
        let output = FakeGPIOOutput(name: "\(line)")
        outputs[line] = output
        return output
    }

    func pwmChannel(gpio: Int, chip: Int, channel: Int) throws(HALError) -> any PWMChannel {
        requests.append("pwm gpio \(gpio) \(chip)/\(channel)")
        if pwmMissing { throw .deviceMissing(path: "/sys/class/pwm/pwmchip\(chip)", hint: "no PWM overlay") }
        return pwm
    }
}

@Suite("Board → real transport (with HAL fakes)")
struct BoardHardwareTests {
    @Test("the BrainCraft opens spidev0.0 at 40 MHz, D/C 25 and backlight 26 on the Pi chips, and draws")
    func brainCraft() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/adafruit-braincraft-hat.yaml")
        let hardware = FakeBoardHardware()
        let display = try BoardDisplay.open(board: board, transport: "hardware", hardware: hardware)
        #expect(hardware.requests == [
            "spi /dev/spidev0.0 40000000 mode 0",
            "gpio pinctrl-bcm2711|pinctrl-rp1|pinctrl-bcm2835:26 anima",
            "gpio pinctrl-bcm2711|pinctrl-rp1|pinctrl-bcm2835:25 anima",
        ])
        let report = try DisplayTestRun.drawCalibration(on: display)
        #expect(report.width == 240 && report.virtualPanelMatches == nil)
        #expect(hardware.outputs[26]?.level == true, "backlight on after init")
        let spi = try #require(hardware.spi)
        #expect(Array(spi.transmittedBytes.prefix(2)) == [0x01, 0x11], "SWRESET then SLPOUT first")
        // init: SWRESET, SLPOUT, COLMOD 0x55, MADCTL 0x00, INVON, NORON, DISPON = 9 bytes, then the frame
        #expect(spi.transmittedBytes.count == report.bytes + 9)
    }

    @Test("the Display HAT Mini drives its backlight through PWM; the Waveshare HAT pulses reset 27")
    func pwmAndReset() throws {
        let hatMini = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/pimoroni-display-hat-mini.yaml")
        let hardware = FakeBoardHardware()
        _ = try BoardDisplay.open(board: hatMini, transport: "hardware", hardware: hardware)
        #expect(hardware.requests == ["spi /dev/spidev0.1 60000000 mode 0", "pwm gpio 13 0/1", "gpio pinctrl-bcm2711|pinctrl-rp1|pinctrl-bcm2835:9 anima"])
        let lit = try BoardDisplay.open(board: hatMini, transport: "hardware", hardware: hardware)
        try lit.initialize()
        #expect(hardware.pwm.periodNanoseconds == 2_000_000, "frequency_hz: 500 from the board file")

        let waveshare = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/waveshare-1.3-lcd-hat.yaml")
        let other = FakeBoardHardware()
        let display = try BoardDisplay.open(board: waveshare, transport: "hardware", hardware: other)
        try display.initialize()
        #expect(other.outputs[27]?.values.prefix(2) == [false, true], "reset pulsed low then high")
    }

    @Test("a missing PWM chip falls back to the backlight GPIO on/off with one warning, and the display opens")
    func pwmMissingFallsBack() throws {
        let hatMini = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/pimoroni-display-hat-mini.yaml")
        let hardware = FakeBoardHardware()
        hardware.pwmMissing = true
        let display = try BoardDisplay.open(board: hatMini, transport: "hardware", hardware: hardware)
        try display.initialize()
        #expect(hardware.warnings.count == 1)
        #expect(hardware.warnings.first?.hasPrefix("pimoroni-display-hat-mini backlight: no PWM for GPIO 13 (") == true, "\(hardware.warnings)")
        #expect(hardware.warnings.first?.contains("/sys/class/pwm/pwmchip0") == true)
        #expect(hardware.outputs[13]?.level == true, "backlight on through GPIO 13")
    }

    @Test("without devices the Linux hardware fails with the HAL's message naming the device")
    func linuxWithoutDevices() throws {
        let board = try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/adafruit-braincraft-hat.yaml")
        #expect(throws: FlashError.self) {
            try BoardDisplay.open(board: board, transport: "hardware", hardware: LinuxBoardHardware(devDirectory: "/nonexistent"))
        }
        do {
            _ = try BoardDisplay.open(board: board, transport: "hardware", hardware: LinuxBoardHardware())
        } catch {
            #expect(error.description.hasPrefix("/dev/spidev0.0 does not exist"), "\(error)")
        }
    }

    /// The Display HAT Mini's backlight (GPIO 13; its board file says pwmchip0 channel 1, the Pi 4 numbers) on a fake
    /// Pi 5 sysfs where RP1's header PWM block is pwmchip2: the Linux hardware finds pwmchip2, channel 1.
    @Test("on a Pi 5 the backlight PWM is found on the RP1 chip, whatever its number")
    func pi5PWMChip() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func put(_ path: String, _ text: String = "") throws {
            try FileManager.default.createDirectory(atPath: root + "/" + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: false, encoding: .utf8)
        }
        try put("class/pwm/pwmchip0/device/uevent", "OF_FULLNAME=/axi/pcie@120000/rp1/pwm@4009c000\nOF_COMPATIBLE_0=raspberrypi,rp1-pwm\n")
        try put("class/pwm/pwmchip2/device/uevent", "OF_FULLNAME=/axi/pcie@120000/rp1/pwm@40098000\nOF_COMPATIBLE_0=raspberrypi,rp1-pwm\n")
        for attribute in ["export", "pwm1/period", "pwm1/duty_cycle", "pwm1/enable"] { try put("class/pwm/pwmchip2/" + attribute) }
        let channel = try LinuxBoardHardware(sysfsRoot: root).pwmChannel(gpio: 13, chip: 0, channel: 1)
        #expect(channel.name == "pwmchip2/pwm1")
    }
}
