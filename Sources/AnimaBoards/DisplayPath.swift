/// How the display is driven on the Pi. One driver definition serves both; a board file lists the paths it supports
/// (`display.paths`), `anima flash --path` installs one and records it, and `anima run` drives the panel the same way.
public enum DisplayPath: String, Sendable, CaseIterable {
    /// Anima drives the panel itself through spidev and libgpiod: config.txt only enables the bus.
    case userspace
    /// The kernel's panel-mipi-dbi driver runs our .bin and owns spi0.N and the D/C line (spidev is gone); `anima run`
    /// writes RGB565 pixels into the /dev/fb* that driver creates.
    case kernel
}

extension BoardDefinition {
    /// `FILE: display.paths lists userspace only` — how every refusal of a path the board does not list begins.
    public var listedPathsOnly: String {
        "\(origin): display.paths lists \(display.paths.map(\.rawValue).joined(separator: ", ")) only"
    }
}
