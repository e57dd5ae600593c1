import AnimaFiles
import AnimaImage

/// An emulated controller whose glass can be looked at: `VirtualPanel` (DBI) and `VirtualSSD1306`.
public protocol EmulatedPanel: DisplayTransport {
    func glassImage() -> RGBImage
    func viewedImage(rotation: Rotation, mirrored: Bool) -> RGBImage
}

extension VirtualPanel: EmulatedPanel {}
extension VirtualSSD1306: EmulatedPanel {}

/// The right emulator for a configuration's controller family, with that configuration's glass.
public func makeVirtualPanel(for configuration: PanelConfiguration) -> any EmulatedPanel {
    if configuration.controller.isMonochrome { return VirtualSSD1306(configuration: configuration) }
    return VirtualPanel(configuration: configuration)
}

/// The `simulator` transport: drives a virtual panel and, at each end of frame, writes what a viewer sees as PNG
/// (`latest.png`, atomically, so a viewer never reads a torn file; numbered frames too if asked), and optionally
/// an ANSI truecolour preview using half-block characters (two pixel rows per text row).
public final class SimulatorTransport: DisplayTransport {
    public let panel: any EmulatedPanel
    public let directory: String
    public let rotation: Rotation
    public let mirrored: Bool
    public let keepEveryFrame: Bool
    /// Receives the ANSI preview of each frame; nil for none.
    public let preview: (@Sendable (String) -> Void)?
    /// Columns of the preview (the image is sampled down to fit).
    public let previewColumns: Int

    public init(
        configuration: PanelConfiguration, directory: String, keepEveryFrame: Bool = false,
        previewColumns: Int = 80, preview: (@Sendable (String) -> Void)? = nil
    ) {
        self.panel = makeVirtualPanel(for: configuration)
        self.directory = directory
        self.rotation = configuration.rotation
        self.mirrored = configuration.mirrored
        self.keepEveryFrame = keepEveryFrame
        self.previewColumns = max(previewColumns, 1)
        self.preview = preview
    }

    public func command(_ bytes: [UInt8]) throws(DisplayError) { try panel.command(bytes) }
    public func data(_ bytes: [UInt8]) throws(DisplayError) { try panel.data(bytes) }
    public func wait(milliseconds: UInt32) throws(DisplayError) {}
    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) { try panel.setLine(role, to: value) }

    public func endFrame(_ number: UInt32) throws(DisplayError) {
        let image = panel.viewedImage(rotation: rotation, mirrored: mirrored)
        let png = PNGEncoder.encode(image)
        try write(png, to: directory + "/latest.png")
        if keepEveryFrame {
            let digits = String(number)
            try write(png, to: directory + "/frame-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".png")
        }
        preview?(Self.ansiPreview(image, columns: previewColumns))
    }

    /// Truecolour half blocks: `▀` with the upper pixel as foreground and the lower as background.
    public static func ansiPreview(_ image: RGBImage, columns: Int) -> String {
        let step = max(1, (image.width + columns - 1) / columns)
        var text = ""
        var y = 0
        while y < image.height {
            var x = 0
            while x < image.width {
                let top = image[x, y]
                let bottom = y + step < image.height ? image[x, y + step] : RGB(0, 0, 0)
                text += "\u{1B}[38;2;\(top.r);\(top.g);\(top.b)m\u{1B}[48;2;\(bottom.r);\(bottom.g);\(bottom.b)m▀"
                x += step
            }
            text += "\u{1B}[0m\n"
            y += 2 * step
        }
        return text
    }

    private func write(_ bytes: [UInt8], to path: String) throws(DisplayError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .file(path: error.path, operation: error.operation, errno: error.errno)
        }
    }
}

/// The transports that need no hardware, chosen by the `--transport` text: `trace:PATH`, `virtual`,
/// `simulator` (PNG in the current directory) or `simulator:DIR`.
public enum OfflineTransport {
    public static func make(_ text: String, configuration: PanelConfiguration) throws(DisplayError) -> any DisplayTransport {
        if text.hasPrefix("trace:") {
            let path = String(text.dropFirst("trace:".count))
            guard !path.isEmpty else { throw .unknownTransport(text) }
            return try TraceTransport(path: path)
        }
        if text == "virtual" { return makeVirtualPanel(for: configuration) }
        if text == "simulator" { return SimulatorTransport(configuration: configuration, directory: ".") }
        if text.hasPrefix("simulator:") {
            let directory = String(text.dropFirst("simulator:".count))
            guard !directory.isEmpty else { throw .unknownTransport(text) }
            return SimulatorTransport(configuration: configuration, directory: directory)
        }
        throw .unknownTransport(text)
    }
}
