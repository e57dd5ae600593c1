@testable import AnimaHAL
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A backend whose chips are a table, so the locator's search order and error choice are tested without a kernel.
struct TableBackend: GPIOBackend {
    var chips: [String: GPIOChipInfo]
    var refused: [String: Int32] = [:]

    func openChip(path: String) throws(HALError) -> any GPIOChipBackend {
        if let code = refused[path] { throw HALError.fromErrno(code, path: path, operation: "open GPIO chip", advice: .gpio) }
        guard let info = chips[path] else { throw .deviceMissing(path: path, hint: "test") }
        return TableChip(info: info)
    }
}

final class TableChip: GPIOChipBackend {
    let info: GPIOChipInfo
    init(info: GPIOChipInfo) { self.info = info }

    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        guard line < info.lineCount else { throw .lineOutOfRange(chip: info.label, line: line, lines: info.lineCount) }
        return FakeGPIOOutput(name: "\(info.label):\(line)/\(consumer)", initial: initial)
    }

    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput {
        FakeGPIOInput(name: "\(info.label):\(line)/\(consumer)", level: bias == .pullUp)
    }

    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput {
        FakeGPIOEdgeInput(name: "\(info.label):\(line)/\(consumer)", level: bias == .pullUp)
    }
}

@Suite("GPIO chip lookup by label and path")
struct GPIOChipLocatorTests {
    func devTree(_ names: [String]) throws -> TemporaryDirectory {
        let dev = try TemporaryDirectory()
        for name in names { try dev.file(name) }
        return dev
    }

    func info(_ dev: TemporaryDirectory, _ number: Int, _ label: String, lines: UInt32 = 54) -> (String, GPIOChipInfo) {
        let path = "\(dev.path)/gpiochip\(number)"
        return (path, GPIOChipInfo(path: path, name: "gpiochip\(number)", label: label, lineCount: lines))
    }

    @Test func firstMatchingSelectorWinsInTheBoardsOrder() throws {
        let dev = try devTree(["gpiochip0", "gpiochip1", "gpiochip10", "gpiochip4"])
        defer { dev.remove() }
        let backend = TableBackend(chips: Dictionary(uniqueKeysWithValues: [
            info(dev, 0, "pinctrl-bcm2711"), info(dev, 1, "raspberrypi-exp-gpio", lines: 8),
            info(dev, 4, "pinctrl-rp1"), info(dev, 10, "other"),
        ]))
        let locator = GPIOChipLocator(devDirectory: dev.path, backend: backend)
        #expect(try locator.open(GPIOChipSelector.raspberryPiHeader).info.label == "pinctrl-rp1")
        #expect(try locator.open([.label("nope"), .raspberryPi4]).info.path == dev.path + "/gpiochip0")
        #expect(try locator.open(path: dev.path + "/gpiochip1").info.label == "raspberrypi-exp-gpio")
        #expect(locator.scan().chips.map(\.name) == ["gpiochip0", "gpiochip1", "gpiochip4", "gpiochip10"])
    }

    @Test func aPi3OrZero2WHeaderChipIsFound() throws {
        // A Pi 3 / Zero 2 W: the BCM2837's chip is labelled MODULE_NAME "pinctrl-bcm2835" (Raspberry Pi kernel,
        // drivers/pinctrl/bcm/pinctrl-bcm2835.c, 54 lines), beside the firmware's expander chip.
        let dev = try devTree(["gpiochip0", "gpiochip1"])
        defer { dev.remove() }
        let backend = TableBackend(chips: Dictionary(uniqueKeysWithValues: [
            info(dev, 0, "pinctrl-bcm2835", lines: 54), info(dev, 1, "raspberrypi-exp-gpio", lines: 8),
        ]))
        let locator = GPIOChipLocator(devDirectory: dev.path, backend: backend)
        #expect(try locator.open(GPIOChipSelector.raspberryPiHeader).info.path == dev.path + "/gpiochip0")
        #expect(try locator.open([.raspberryPi3]).info.label == "pinctrl-bcm2835")
        #expect(try locator.open(label: "pinctrl-bcm2835").output(line: 25).name == "pinctrl-bcm2835:25/anima")
    }

    @Test func notFoundListsTheChipsThatExist() throws {
        let dev = try devTree(["gpiochip0", "gpiochip1"])
        defer { dev.remove() }
        let backend = TableBackend(chips: Dictionary(uniqueKeysWithValues: [
            info(dev, 0, "pinctrl-bcm2711", lines: 58), info(dev, 1, "raspberrypi-exp-gpio", lines: 8),
        ]))
        let error = halError { try GPIOChipLocator(devDirectory: dev.path, backend: backend).open(label: "pinctrl-rp1") }
        #expect(error == .chipNotFound(label: "pinctrl-rp1", available: [
            "pinctrl-bcm2711 (\(dev.path)/gpiochip0, 58 lines)", "raspberrypi-exp-gpio (\(dev.path)/gpiochip1, 8 lines)",
        ]))
    }

    @Test func unreadableChipMeansJoinGroupGPIO() throws {
        let dev = try devTree(["gpiochip0"])
        defer { dev.remove() }
        let backend = TableBackend(chips: [:], refused: [dev.path + "/gpiochip0": EACCES])
        let locator = GPIOChipLocator(devDirectory: dev.path, backend: backend)
        let error = halError { try locator.open(label: "pinctrl-bcm2711") }
        #expect(error == .permissionDenied(path: dev.path + "/gpiochip0", group: "gpio"))
        #expect(locator.scan().unavailable == [GPIOChipUnavailable(path: dev.path + "/gpiochip0", errno: EACCES)])
    }

    @Test func linesAreRequestedAsAnima() throws {
        let dev = try devTree(["gpiochip0"])
        defer { dev.remove() }
        let backend = TableBackend(chips: Dictionary(uniqueKeysWithValues: [info(dev, 0, "pinctrl-bcm2711", lines: 58)]))
        let chip = try GPIOChipLocator(devDirectory: dev.path, backend: backend).open(label: "pinctrl-bcm2711")
        #expect(try chip.output(line: 25).name == "pinctrl-bcm2711:25/anima")
        #expect(try chip.input(line: 17).name == "pinctrl-bcm2711:17/anima")
        #expect(try chip.input(line: 23, bias: .pullUp).read())  // the bias reaches the backend
        #expect(halError { try chip.output(line: 58) } == .lineOutOfRange(chip: "pinctrl-bcm2711", line: 58, lines: 58))
    }
}
