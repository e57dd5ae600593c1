import AnimaHAL

/// Turns one active-low button line's kernel edge events into presses. Buttons pull to ground, so falling = pressed.
/// An edge within the debounce window of the last accepted edge is contact bounce and ignored; timestamps come from
/// the kernel (`GPIOEdgeEvent.timestampNanoseconds`), so a slow loop cannot stretch or merge presses. Garbage —
/// timestamps going backwards, a release without a press, a second press without a release — is ignored.
public struct ButtonDebouncer: Sendable {
    public let debounceNanoseconds: UInt64
    private var pressedAt: UInt64?
    private var lastAccepted: UInt64?

    public init(debounceNanoseconds: UInt64) {
        self.debounceNanoseconds = debounceNanoseconds
    }

    /// Feeds one event; returns the held duration in seconds when it completes a press (the release).
    public mutating func feed(_ event: GPIOEdgeEvent) -> Double? {
        let time = event.timestampNanoseconds
        if let lastAccepted {
            guard time >= lastAccepted, time - lastAccepted >= debounceNanoseconds else { return nil }
        }
        switch event.edge {
        case .falling:
            guard pressedAt == nil else { return nil }
            pressedAt = time
            lastAccepted = time
            return nil
        case .rising:
            guard let start = pressedAt else { return nil }
            pressedAt = nil
            lastAccepted = time
            return Double(time - start) / 1e9
        }
    }
}
