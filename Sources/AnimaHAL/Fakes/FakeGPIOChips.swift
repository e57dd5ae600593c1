import Foundation

/// GPIO chips as a table (device path → label and line count), so code outside the HAL can test its chip lookup
/// without a kernel: a Pi 3's `pinctrl-bcm2835`, a Pi 4's `pinctrl-bcm2711`, a Pi 5's `pinctrl-rp1`. The locator still
/// lists the directory it is given, so a test creates empty `gpiochipN` files there. Every line request is recorded
/// as "label:line consumer kind", e.g. "pinctrl-bcm2835:17 anima edge-events pullUp".
public final class FakeGPIOChips: GPIOBackend, @unchecked Sendable {
    private let chips: [String: GPIOChipInfo]
    private let lock = NSLock()
    private var recorded: [String] = []

    /// - Parameter chips: device path → (label, line count).
    public init(_ chips: [String: (label: String, lines: UInt32)]) {
        var table: [String: GPIOChipInfo] = [:]
        for (path, chip) in chips {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            table[path] = GPIOChipInfo(path: path, name: name, label: chip.label, lineCount: chip.lines)
        }
        self.chips = table
    }

    /// Every line requested so far, in order.
    public var requests: [String] { lock.withLock { recorded } }

    /// A locator that finds these chips among the `gpiochip*` entries of `devDirectory`.
    public func locator(devDirectory: String) -> GPIOChipLocator {
        GPIOChipLocator(devDirectory: devDirectory, backend: self)
    }

    func openChip(path: String) throws(HALError) -> any GPIOChipBackend {
        guard let info = chips[path] else { throw .deviceMissing(path: path, hint: "no such fake chip") }
        return FakeGPIOChip(info: info, record: { [self] request in lock.withLock { recorded.append(request) } })
    }
}

/// One chip of `FakeGPIOChips`: lines out of range are refused as the kernel refuses them.
final class FakeGPIOChip: GPIOChipBackend {
    let info: GPIOChipInfo
    private let record: (String) -> Void

    init(info: GPIOChipInfo, record: @escaping (String) -> Void) {
        self.info = info
        self.record = record
    }

    private func request(_ line: UInt32, _ consumer: String, _ kind: String) throws(HALError) -> String {
        guard line < info.lineCount else { throw .lineOutOfRange(chip: info.label, line: line, lines: info.lineCount) }
        record("\(info.label):\(line) \(consumer) \(kind)")
        return "\(info.label):\(line)"
    }

    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        FakeGPIOOutput(name: try request(line, consumer, "output"), initial: initial)
    }

    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput {
        FakeGPIOInput(name: try request(line, consumer, "input \(bias)"), level: bias == .pullUp)
    }

    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput {
        FakeGPIOEdgeInput(name: try request(line, consumer, "edge-events \(bias)"), level: bias == .pullUp)
    }
}
