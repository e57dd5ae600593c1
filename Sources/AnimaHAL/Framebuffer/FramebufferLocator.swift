/// Finds the framebuffer the kernel's panel-mipi-dbi driver created. Its DRM fbdev emulation names the fb_info
/// `"<driver name>drmfb"` in a 16-byte `fix.id` (drm_fb_helper_fill_info), so `/sys/class/graphics/fbN/name` reads
/// `panel-mipi-dbid` — "panel-mipi-dbi" + "drmfb" cut to 15 characters; matching the prefix covers both spellings.
/// The HDMI or DSI framebuffer (fb0 on most Pis) is never chosen by accident. The directories are parameters so a
/// test can stand a tree in for /sys.
public struct FramebufferLocator: Sendable {
    /// The driver name panel-mipi-dbi registers (`panel_mipi_dbi_driver.name`).
    public static let driverName = "panel-mipi-dbi"

    public let graphicsClassDirectory: String
    public let deviceDirectory: String

    public init(graphicsClassDirectory: String = "/sys/class/graphics", deviceDirectory: String = "/dev") {
        self.graphicsClassDirectory = graphicsClassDirectory
        self.deviceDirectory = deviceDirectory
    }

    /// `/dev/fbN` of the panel-mipi-dbi framebuffer, or `.deviceMissing` listing what is there and what to do.
    public func panelFramebuffer() throws(HALError) -> String {
        var seen: [String] = []
        for entry in PosixFiles.entries(of: graphicsClassDirectory) where entry.hasPrefix("fb") && Int(entry.dropFirst(2)) != nil {
            let name: String
            switch PosixFiles.readText("\(graphicsClassDirectory)/\(entry)/name", limit: 64) {
            case let .success(text): name = PosixFiles.trimmed(text)
            case .failure: name = "?"
            }
            if name.hasPrefix(Self.driverName) { return "\(deviceDirectory)/\(entry)" }
            seen.append("\(entry) (\(name))")
        }
        throw .deviceMissing(
            path: "\(deviceDirectory)/fb* of \(Self.driverName)",
            hint: "\(graphicsClassDirectory) lists \(seen.isEmpty ? "no framebuffers" : seen.joined(separator: ", ")); "
                + "run `anima flash --path kernel`, add the lines it prints to /boot/firmware/config.txt and reboot, "
                + "or name the device with --framebuffer /dev/fbN")
    }
}
