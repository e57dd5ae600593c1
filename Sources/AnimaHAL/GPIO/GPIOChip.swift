/// An open GPIO chip. Lines requested from it keep it open; they are released when dropped.
/// Owned by one thread (see Protocols.swift).
public final class GPIOChip {
    /// Where the chip was found and what it is called.
    public var info: GPIOChipInfo { backend.info }
    /// The consumer name lines are requested with, so `gpioinfo` shows who holds them.
    public static let consumer = "anima"
    private let backend: any GPIOChipBackend

    init(_ backend: any GPIOChipBackend) {
        self.backend = backend
    }

    /// Requests `line` (the chip offset, BCM number on a Pi header chip) as an output, driven to `initial`.
    /// - Throws: `.lineOutOfRange`, `.lineBusy` naming the holder, `.permissionDenied`.
    public func output(line: UInt32, initial: Bool = false) throws(HALError) -> any GPIOOutput {
        try backend.requestOutput(line: line, initial: initial, consumer: Self.consumer)
    }

    /// Requests `line` as an input, with a pull resistor if asked (buttons to ground want `.pullUp`).
    public func input(line: UInt32, bias: GPIOBias = .asIs) throws(HALError) -> any GPIOInput {
        try backend.requestInput(line: line, bias: bias, consumer: Self.consumer)
    }

    /// Requests `line` as an input that reports rising and falling edges (buttons), with a pull resistor if asked.
    public func edgeInput(line: UInt32, bias: GPIOBias = .asIs) throws(HALError) -> any GPIOEdgeInput {
        try backend.requestEdgeEvents(line: line, bias: bias, consumer: Self.consumer)
    }
}
