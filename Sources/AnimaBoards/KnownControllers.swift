import AnimaDrivers

extension ControllerFacts {
    /// The controllers this binary has drivers for, taken from the driver registry so a new driver is a board
    /// option without touching this module.
    public static let builtIn: [ControllerFacts] = DriverRegistry.all.map {
        ControllerFacts(name: $0.name, ramWidth: $0.ramWidth, ramHeight: $0.ramHeight, monochrome: $0.isMonochrome)
    }
}
