/// The SCK a Pi's SPI controller really produces for a requested speed. spidev reports back the speed it accepted,
/// not the divided clock, so `anima doctor` computes it: both controllers divide their input clock by an even number,
/// rounding the speed down (ceil of the divisor). Mirrors the divisor arithmetic of the kernel drivers.
public enum SPIClock {
    /// Pi 4 and earlier (spi-bcm2835): divisor 2…65534 of the core clock (250 MHz when not pinned; 500 MHz on a
    /// Pi 4 with `force_turbo=1` or `core_freq=500`).
    public static func bcm2835(requestedHz: UInt32, coreClockHz: UInt32) -> UInt32 {
        guard requestedHz > 0 else { return coreClockHz / 65536 }
        if requestedHz >= coreClockHz / 2 { return coreClockHz / 2 }
        var divisor = (UInt64(coreClockHz) + UInt64(requestedHz) - 1) / UInt64(requestedHz)
        divisor += divisor % 2
        if divisor >= 65536 { return coreClockHz / 65536 }
        return UInt32(UInt64(coreClockHz) / divisor)
    }

    /// Pi 5 (RP1's DesignWare SSI, spi-dw): an even divisor of the 200 MHz input clock.
    public static func designWare(requestedHz: UInt32, inputClockHz: UInt32 = 200_000_000) -> UInt32 {
        guard requestedHz > 0 else { return 0 }
        let divisor = ((UInt64(inputClockHz) + UInt64(requestedHz) - 1) / UInt64(requestedHz) + 1) & ~UInt64(1)
        return UInt32(UInt64(inputClockHz) / max(2, divisor))
    }
}
