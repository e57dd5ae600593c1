import AnimaHAL
import Testing

/// Fake /sys trees with the uevent a Pi's PWM controllers report (drivers/of/device.c of_device_uevent writes
/// OF_FULLNAME and OF_COMPATIBLE_0 for the device behind /sys/class/pwm/pwmchipN/device).
@Suite("PWM chip lookup by controller, not by number (Pi 4 BCM2835, Pi 5 RP1)")
struct PWMChipLocatorTests {
    static func uevent(driver: String, fullName: String, compatible: String) -> String {
        "DRIVER=\(driver)\nOF_NAME=pwm\nOF_FULLNAME=\(fullName)\nOF_COMPATIBLE_0=\(compatible)\nOF_COMPATIBLE_N=1\n"
    }

    /// A Pi 5 with `dtoverlay=pwm-2chan`: RP1's second block (pwm@…9c000, not on the header) probed first as
    /// pwmchip0, the header's block (pwm@…98000) as pwmchip2 — the numbering seen on Pi 5 (GPIO 18 = pwmchip2/pwm2).
    static func pi5() throws -> TemporaryDirectory {
        let sys = try TemporaryDirectory()
        try sys.file("class/pwm/pwmchip0/device/uevent", contents: uevent(
            driver: "rp1-pwm", fullName: "/axi/pcie@120000/rp1/pwm@4009c000", compatible: "raspberrypi,rp1-pwm"))
        try sys.file("class/pwm/pwmchip2/device/uevent", contents: uevent(
            driver: "rp1-pwm", fullName: "/axi/pcie@120000/rp1/pwm@40098000", compatible: "raspberrypi,rp1-pwm"))
        try sys.file("class/pwm/pwmchip2/export")
        return sys
    }

    @Test("Pi 5: GPIO 12, 13, 18, 19 are RP1 pwm0 channels 0–3 on whichever pwmchip it is")
    func pi5RP1() throws {
        let sys = try Self.pi5()
        defer { sys.remove() }
        let locator = PWMChipLocator(sysfsRoot: sys.path)
        #expect(locator.location(forGPIO: 13) == .init(chip: 2, channel: 1, controller: "RP1 pwm0 (raspberrypi,rp1-pwm)"))
        #expect([12, 18, 19].map { locator.location(forGPIO: $0)?.channel } == [0, 2, 3])
        #expect([12, 18, 19].allSatisfy { locator.location(forGPIO: $0)?.chip == 2 })
        #expect(locator.location(forGPIO: 26) == nil, "GPIO 26 has no PWM function")
    }

    @Test("Pi 4: the BCM2835 controller, channel 0 for GPIO 12/18 and 1 for 13/19")
    func pi4BCM2835() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        try sys.file("class/pwm/pwmchip0/device/uevent", contents: Self.uevent(
            driver: "bcm2835-pwm", fullName: "/soc/pwm@7e20c000", compatible: "brcm,bcm2835-pwm"))
        let locator = PWMChipLocator(sysfsRoot: sys.path)
        #expect([12, 13, 18, 19].map { locator.location(forGPIO: $0)?.channel } == [0, 1, 0, 1])
        #expect(locator.location(forGPIO: 13)?.chip == 0)
    }

    @Test("no PWM overlay: no chip, so the board file's numbers are used (and the backlight falls back to GPIO)")
    func noOverlay() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        #expect(PWMChipLocator(sysfsRoot: sys.path).location(forGPIO: 13) == nil)
    }
}
