import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// This machine has no GPIO, SPI or I2C: the real Linux paths must fail with clear errors, never crash.
@Suite("Linux devices fail clearly when absent")
struct NoDevicePresentTests {
    @Test func missingSpidevSaysToEnableSPI() {
        let error = halError { try LinuxSPIDevice(path: "/dev/spidev0.0", configuration: SPIConfiguration(speedHz: 32_000_000)) }
        #expect(error == .deviceMissing(path: "/dev/spidev0.0", hint: DeviceAccessAdvice.spi.missingHint))
        #expect(error?.description == "/dev/spidev0.0 does not exist: SPI is disabled; add `dtparam=spi=on` to /boot/firmware/config.txt (or run `raspi-config nonint do_spi 0`) and reboot. Check the board's chip select (CE0 = spidev0.0, CE1 = spidev0.1).")
    }

    @Test func missingI2CBusSaysToEnableI2C() {
        let error = halError { try LinuxI2CDevice(bus: 1, address: 0x3C) }
        #expect(error == .deviceMissing(path: "/dev/i2c-1", hint: DeviceAccessAdvice.i2c.missingHint))
        #expect(error?.description == "/dev/i2c-1 does not exist: I2C is disabled; add `dtparam=i2c_arm=on` to /boot/firmware/config.txt (or run `raspi-config nonint do_i2c 0`) and reboot. The header's bus is /dev/i2c-1.")
    }

    @Test func missingGPIOChipListsWhatExists() {
        let error = halError { try GPIOChipLocator().open(label: "pinctrl-bcm2711") }
        #expect(error == .chipNotFound(label: "pinctrl-bcm2711", available: []))
        #expect(error?.description == "GPIO chip 'pinctrl-bcm2711' not found; available chips: none (is this a Raspberry Pi? `gpiodetect` lists chips). Set the board's chip label or path.")
    }

    @Test func locatorTriesEveryPiLabelAndNamesThemAll() {
        let error = halError { try GPIOChipLocator().open(GPIOChipSelector.raspberryPiHeader) }
        #expect(error == .chipNotFound(label: "pinctrl-rp1 or pinctrl-bcm2711 or pinctrl-bcm2835", available: []))
    }

    @Test func missingChipPath() {
        let error = halError { try GPIOChipLocator().open(path: "/dev/gpiochip0") }
        #expect(error == .chipNotFound(label: "/dev/gpiochip0", available: []))
    }

    @Test func nodeThatIsNotAGPIOChipIsListedWithItsReason() throws {
        let dev = try TemporaryDirectory()
        defer { dev.remove() }
        try dev.file("gpiochip0")
        let locator = GPIOChipLocator(devDirectory: dev.path)
        let scan = locator.scan()
        #expect(scan.chips.isEmpty)
        #expect(scan.unavailable == [GPIOChipUnavailable(path: dev.path + "/gpiochip0", errno: ENOTTY)])
        let error = halError { try locator.open(label: "pinctrl-rp1") }
        #expect(error == .chipNotFound(
            label: "pinctrl-rp1", available: [dev.path + "/gpiochip0 (cannot open: Inappropriate ioctl for device)"]))
    }

    @Test func nonSPINodeFailsAtConfiguration() {
        let error = halError { try LinuxSPIDevice(path: "/dev/null", configuration: SPIConfiguration(speedHz: 32_000_000)) }
        #expect(error == .ioFailed(device: "/dev/null", operation: "configure SPI mode 0, 8 bits, 32000000 Hz", errno: ENOTTY))
    }

    @Test func zeroSPISpeedIsRefusedBeforeOpening() {
        let error = halError { try LinuxSPIDevice(path: "/dev/spidev0.0", configuration: SPIConfiguration(speedHz: 0)) }
        #expect(error == .invalidArgument(device: "/dev/spidev0.0", detail: "SPI speed must be above 0 Hz; set the board's max_speed_hz."))
    }

    @Test func nonI2CNodeFailsAtTransferNamingTheAddress() throws {
        let device = try LinuxI2CDevice(bus: 9, address: 0x3C, devicePath: "/dev/null")
        #expect(halError { try device.write([0x00, 0xAF]) } == .ioFailed(device: "/dev/null address 0x3C", operation: "I2C_RDWR write of 2 bytes", errno: ENOTTY))
        #expect(halError { try device.writeRead([0x00], readCount: 1) } == .ioFailed(device: "/dev/null address 0x3C", operation: "I2C_RDWR write 1 / read 1 bytes", errno: ENOTTY))
    }

    @Test func i2cLimitsAreCheckedBeforeTheKernel() throws {
        #expect(halError { try LinuxI2CDevice(bus: 1, address: 0x80) } == .invalidArgument(device: "/dev/i2c-1", detail: "I2C address 0x80 is not a 7-bit address (0x03…0x77)."))
        let device = try LinuxI2CDevice(bus: 9, address: 0x3C, devicePath: "/dev/null")
        let error = halError { try device.write(Array(repeating: 0, count: 8193)) }
        #expect(error == .invalidArgument(device: "/dev/null address 0x3C", detail: "an I2C message carries 0…8192 bytes (i2c-dev's I2C_RDWR limit); 8193 requested. Split the transfer at a point the device allows."))
    }
}

@Suite("Permission and busy messages")
struct PermissionAndBusyMessageTests {
    @Test func errnoMapsToTheRightAdvice() {
        #expect(HALError.fromErrno(EACCES, path: "/dev/gpiochip0", operation: "open", advice: .gpio) == .permissionDenied(path: "/dev/gpiochip0", group: "gpio"))
        #expect(HALError.fromErrno(EACCES, path: "/dev/spidev0.0", operation: "open", advice: .spi) == .permissionDenied(path: "/dev/spidev0.0", group: "spi"))
        #expect(HALError.fromErrno(EPERM, path: "/dev/i2c-1", operation: "open", advice: .i2c) == .permissionDenied(path: "/dev/i2c-1", group: "i2c"))
        #expect(HALError.fromErrno(ENOENT, path: "/dev/i2c-1", operation: "open", advice: .i2c) == .deviceMissing(path: "/dev/i2c-1", hint: DeviceAccessAdvice.i2c.missingHint))
        #expect(HALError.fromErrno(EIO, path: "/dev/i2c-1", operation: "open", advice: .i2c) == .ioFailed(device: "/dev/i2c-1", operation: "open", errno: EIO))
    }

    @Test func permissionMessagesNameTheGroup() {
        #expect(HALError.permissionDenied(path: "/dev/gpiochip0", group: "gpio").description == "permission denied opening /dev/gpiochip0: add the user to the 'gpio' group (`sudo usermod -aG gpio $USER`, then log in again).")
        #expect(HALError.permissionDenied(path: "/dev/spidev0.0", group: "spi").description == "permission denied opening /dev/spidev0.0: add the user to the 'spi' group (`sudo usermod -aG spi $USER`, then log in again).")
    }

    @Test func busyMessageNamesChipLineAndHolder() {
        let busy = HALError.lineBusy(chip: "pinctrl-bcm2711 (/dev/gpiochip0)", line: 25, holder: "spi0 CS0")
        #expect(busy.description == "GPIO line 25 on pinctrl-bcm2711 (/dev/gpiochip0) is busy (held by 'spi0 CS0'). Stop that process or free the pin in /boot/firmware/config.txt; `gpioinfo` shows the holder.")
        #expect(HALError.lineBusy(chip: "pinctrl-rp1 (/dev/gpiochip0)", line: 8, holder: nil).description.contains("held by another process"))
    }

    @Test func outOfRangeNamesTheLineCount() {
        #expect(HALError.lineOutOfRange(chip: "pinctrl-bcm2711 (/dev/gpiochip0)", line: 58, lines: 58).description == "GPIO line 58 does not exist on pinctrl-bcm2711 (/dev/gpiochip0) (it has 58 lines, 0–57). Check the pin number in the board file.")
    }
}
