import AnimaHAL
import Testing

@Suite("Hardware probe, spidev bufsiz and SPI clock arithmetic")
struct ProbeAndClockTests {
    @Test func probeReportsWhatExists() throws {
        let dev = try TemporaryDirectory()
        let sys = try TemporaryDirectory()
        defer { dev.remove(); sys.remove() }
        for node in ["spidev0.1", "spidev0.0", "i2c-1", "i2c-20", "tty0"] { try dev.file(node) }
        try sys.file("module/spidev/parameters/bufsiz", contents: "4096\n")
        try sys.file("class/pwm/pwmchip0/export")
        let report = HardwareProbe(devDirectory: dev.path, sysfsRoot: sys.path).probe()
        #expect(report.gpioChips.isEmpty && report.unavailableGPIOChips.isEmpty)
        #expect(report.spiDevices == [dev.path + "/spidev0.0", dev.path + "/spidev0.1"])
        #expect(report.i2cDevices == [dev.path + "/i2c-1", dev.path + "/i2c-20"])
        #expect(report.pwmChips == ["pwmchip0"])
        #expect(report.spidevBufsiz == 4096)
        #expect(report.lines == [
            "GPIO chips: none (no GPIO character devices; not a Raspberry Pi?)",
            "SPI devices: \(dev.path)/spidev0.0, \(dev.path)/spidev0.1",
            "spidev bufsiz: 4096 bytes per ioctl (raise with `spidev.bufsiz=65536` on the kernel command line)",
            "I2C buses: \(dev.path)/i2c-1, \(dev.path)/i2c-20",
            "PWM chips: pwmchip0",
        ])
    }

    @Test func probeOfThisMachineFindsNoBuses() {
        let report = HardwareProbe().probe()
        #expect(report.gpioChips.isEmpty && report.spiDevices.isEmpty && report.i2cDevices.isEmpty)
        #expect(report.lines.contains("spidev bufsiz: unknown (spidev not loaded); 4096 assumed"))
    }

    @Test func bufsizIsReadFromAnInjectedPath() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        try sys.file("big", contents: "65536\n")
        try sys.file("junk", contents: "lots\n")
        try sys.file("zero", contents: "0")
        #expect(SpidevBufferSize.read(from: sys.path + "/big") == 65536)
        #expect(SpidevBufferSize.read(from: sys.path + "/junk") == nil)
        #expect(SpidevBufferSize.read(from: sys.path + "/zero") == nil)
        #expect(SpidevBufferSize.current(from: sys.path + "/missing") == 4096)
        #expect(SpidevBufferSize.current(from: sys.path + "/big") == 65536)
    }

    @Test func bcm2835DividesTheCoreClockByAnEvenNumber() {
        #expect(SPIClock.bcm2835(requestedHz: 32_000_000, coreClockHz: 250_000_000) == 31_250_000)  // ÷8
        #expect(SPIClock.bcm2835(requestedHz: 40_000_000, coreClockHz: 250_000_000) == 31_250_000)  // ⌈6.25⌉=7 → 8
        #expect(SPIClock.bcm2835(requestedHz: 62_500_000, coreClockHz: 500_000_000) == 62_500_000)  // ÷8
        #expect(SPIClock.bcm2835(requestedHz: 80_000_000, coreClockHz: 250_000_000) == 62_500_000)  // ⌈3.125⌉=4
        #expect(SPIClock.bcm2835(requestedHz: 200_000_000, coreClockHz: 250_000_000) == 125_000_000)  // ÷2 floor
        #expect(SPIClock.bcm2835(requestedHz: 1000, coreClockHz: 250_000_000) == 3814)  // ÷65536 floor
    }

    @Test func designWareDividesItsInputClockByAnEvenNumber() {
        #expect(SPIClock.designWare(requestedHz: 62_500_000) == 50_000_000)  // ⌈3.2⌉=4
        #expect(SPIClock.designWare(requestedHz: 32_000_000) == 25_000_000)  // ⌈6.25⌉=7 → 8
        #expect(SPIClock.designWare(requestedHz: 50_000_000) == 50_000_000)
        #expect(SPIClock.designWare(requestedHz: 0) == 0)
    }
}
