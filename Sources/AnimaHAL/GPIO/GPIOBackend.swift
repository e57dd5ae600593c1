/// The seam between callers and a libgpiod major version. libgpiod v1 (Debian 12) and v2 (Debian 13) are
/// source-incompatible; each is one type conforming to these two protocols, chosen at run time by which library
/// loads (`LibgpiodLoader`, see docs/hal.md, "libgpiod v1 and v2"). Callers only see `GPIOChip` and the line protocols.
protocol GPIOBackend: Sendable {
    /// Opens the chip at a device path; fails with the errno-derived HALError.
    func openChip(path: String) throws(HALError) -> any GPIOChipBackend
    /// Set when no GPIO library could be loaded: the error every lookup reports.
    var unavailable: HALError? { get }
}

extension GPIOBackend {
    var unavailable: HALError? { nil }
}

/// One open chip of a backend.
protocol GPIOChipBackend: AnyObject {
    var info: GPIOChipInfo { get }
    /// Requests `line` as an output driven to `initial`, consumer "anima".
    func requestOutput(line: UInt32, initial: Bool, consumer: String) throws(HALError) -> any GPIOOutput
    /// Requests `line` as an input with `bias`, consumer "anima".
    func requestInput(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOInput
    /// Requests `line` as an input with `bias` that reports both edges, consumer "anima".
    func requestEdgeEvents(line: UInt32, bias: GPIOBias, consumer: String) throws(HALError) -> any GPIOEdgeInput
}

enum GPIOBackends {
    /// Loaded at first use (never for the simulator board, which opens no GPIO): v2 if present, else v1.
    static let current: any GPIOBackend = LibgpiodLoader.dynamic.backend()
}
