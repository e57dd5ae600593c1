import AnimaHAL
import Testing

@Suite("APA102 / DotStar frames")
struct APA102Tests {
    let colors = [
        APA102Color(red: 0xFF, green: 0x00, blue: 0x00, brightness: 31),
        APA102Color(red: 0x01, green: 0x02, blue: 0x03, brightness: 1),
        APA102Color(red: 0x00, green: 0x80, blue: 0xFF, brightness: 16),
    ]

    @Test func threeLEDFrameExactBytes() {
        #expect(APA102Frame.encode(colors) == [
            0x00, 0x00, 0x00, 0x00,  // start frame
            0xFF, 0x00, 0x00, 0xFF,  // 0b111_11111, B, G, R
            0xE1, 0x03, 0x02, 0x01,
            0xF0, 0xFF, 0x80, 0x00,
            0xFF,  // end frame: ⌈3/16⌉ byte of ones ≥ 3/2 bits
        ])
    }

    @Test func endFrameGrowsWithTheChain() {
        #expect([0, 1, 16, 17, 32, 33].map { APA102Frame.endFrameLength(count: $0) } == [0, 1, 1, 2, 2, 3])
        #expect(APA102Frame.encode([]) == [0, 0, 0, 0])
        #expect(APA102Frame.encode(Array(repeating: .off, count: 17)).suffix(2) == [0xFF, 0xFF])
    }

    @Test func brightnessSaturatesAt31() {
        #expect(APA102Color(red: 0, green: 0, blue: 0, brightness: 200).brightness == 31)
    }

    @Test func spiOutputSendsTheFrame() throws {
        let spi = FakeSPIDevice(path: "/dev/spidev0.1")
        let chain = try APA102Chain(count: 3, output: .spi(spi))
        try chain.show(colors)
        #expect(spi.transmittedBytes == APA102Frame.encode(colors))
        try chain.clear()
        #expect(spi.writes.last?.bytes == [0, 0, 0, 0, 0xE0, 0, 0, 0, 0xE0, 0, 0, 0, 0xE0, 0, 0, 0, 0xFF])
    }

    @Test func bitBangedOutputClocksEachBitMSBFirst() throws {
        let log = HardwareEventLog()
        let clock = FakeGPIOOutput(name: "clk6", initial: true, log: log)
        let data = FakeGPIOOutput(name: "dat5", log: log)
        let chain = try APA102Chain(count: 1, output: .bitBanged(clock: clock, data: data))
        try chain.show([APA102Color(red: 0x81, green: 0x00, blue: 0x40, brightness: 3)])
        // Frame: 00 00 00 00 | E3 40 00 81 | FF.
        let bits: [Bool] =
            Array(repeating: false, count: 32)
            + [true, true, true, false, false, false, true, true]  // E3
            + [false, true, false, false, false, false, false, false]  // 40 blue
            + Array(repeating: false, count: 8)  // 00 green
            + [true, false, false, false, false, false, false, true]  // 81 red
            + Array(repeating: true, count: 8)  // FF end
        var expected: [HardwareEvent] = [.gpio(line: "clk6", high: false)]
        for bit in bits {
            expected += [.gpio(line: "dat5", high: bit), .gpio(line: "clk6", high: true), .gpio(line: "clk6", high: false)]
        }
        #expect(log.events == expected)
        #expect(data.values == bits)
    }

    @Test func wrongColourCountIsAnError() throws {
        let chain = try APA102Chain(count: 3, output: .spi(FakeSPIDevice()))
        #expect(halError { try chain.show([.off]) } == .invalidArgument(device: "APA102 chain on /dev/spidev0.0", detail: "the chain has 3 LEDs; 1 colours given."))
        #expect(halError { try APA102Chain(count: -1, output: .spi(FakeSPIDevice())) } != nil)
    }
}
