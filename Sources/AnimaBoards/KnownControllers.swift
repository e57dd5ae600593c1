extension ControllerFacts {
    /// The controllers this binary has drivers for, with their RAM geometry (from each controller's datasheet).
    public static let builtIn: [ControllerFacts] = [
        ControllerFacts(name: "st7789", ramWidth: 240, ramHeight: 320, monochrome: false),
        ControllerFacts(name: "st7735r", ramWidth: 132, ramHeight: 162, monochrome: false),
        ControllerFacts(name: "ili9341", ramWidth: 240, ramHeight: 320, monochrome: false),
        ControllerFacts(name: "gc9a01", ramWidth: 240, ramHeight: 240, monochrome: false),
        ControllerFacts(name: "ssd1306", ramWidth: 128, ramHeight: 64, monochrome: true),
    ]
}
