/// An output line that records every value it is set to.
public final class FakeGPIOOutput: GPIOOutput {
    public let name: String
    /// Every value set, in order.
    public private(set) var values: [Bool] = []
    /// The current level (the initial level until set).
    public private(set) var level: Bool
    /// When set, the next `set` throws it (and clears it).
    public var failNextSet: HALError?
    public let log: HardwareEventLog?

    public init(name: String, initial: Bool = false, log: HardwareEventLog? = nil) {
        self.name = name
        self.level = initial
        self.log = log
    }

    public func set(_ high: Bool) throws(HALError) {
        if let failure = failNextSet {
            failNextSet = nil
            throw failure
        }
        values.append(high)
        level = high
        log?.append(.gpio(line: name, high: high))
    }
}

/// An input line whose level a test sets; records how often it was read.
public final class FakeGPIOInput: GPIOInput {
    public let name: String
    /// The level `read()` returns.
    public var level: Bool
    /// Levels returned by successive reads before falling back to `level` (a button press sequence).
    public var queuedLevels: [Bool] = []
    public private(set) var readCount = 0

    public init(name: String, level: Bool = false) {
        self.name = name
        self.level = level
    }

    public func read() throws(HALError) -> Bool {
        readCount += 1
        if !queuedLevels.isEmpty { return queuedLevels.removeFirst() }
        return level
    }
}

/// An edge-event input whose events a test queues; `waitForEvents` hands them over without sleeping.
public final class FakeGPIOEdgeInput: GPIOEdgeInput {
    public let name: String
    /// The level `read()` returns.
    public var level: Bool
    /// Events returned (all at once) by the next `waitForEvents`.
    public var pendingEvents: [GPIOEdgeEvent] = []
    /// When set, the next `waitForEvents` throws it (and clears it).
    public var failNextWait: HALError?
    public private(set) var waitCount = 0

    public init(name: String, level: Bool = false) {
        self.name = name
        self.level = level
    }

    public func read() throws(HALError) -> Bool { level }

    public func waitForEvents(timeoutMilliseconds: Int) throws(HALError) -> [GPIOEdgeEvent] {
        waitCount += 1
        if let failure = failNextWait {
            failNextWait = nil
            throw failure
        }
        defer { pendingEvents.removeAll() }
        return pendingEvents
    }
}
