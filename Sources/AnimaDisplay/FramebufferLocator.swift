#if canImport(Glibc)
import Glibc
#endif

/// Finds the framebuffer the kernel's panel-mipi-dbi driver created. Its DRM fbdev emulation names the fb_info
/// `"<driver name>drmfb"` in a 16-byte `fix.id` (drm_fb_helper_fill_info), so `/sys/class/graphics/fbN/name` reads
/// `panel-mipi-dbid` — "panel-mipi-dbi" + "drmfb" cut to 15 characters; matching the prefix covers both spellings.
/// The HDMI or DSI framebuffer (fb0 on most Pis) is never chosen by accident.
public struct FramebufferLocator: Sendable {
    /// The driver name panel-mipi-dbi registers (`panel_mipi_dbi_driver.name`).
    public static let driverName = "panel-mipi-dbi"

    public let graphicsClassDirectory: String
    public let deviceDirectory: String

    public init(graphicsClassDirectory: String = "/sys/class/graphics", deviceDirectory: String = "/dev") {
        self.graphicsClassDirectory = graphicsClassDirectory
        self.deviceDirectory = deviceDirectory
    }

    /// `/dev/fbN` of the panel-mipi-dbi framebuffer, or an error listing what is there and what to do.
    public func panelFramebuffer() throws(DisplayError) -> String {
        var seen: [String] = []
        for entry in Self.entries(of: graphicsClassDirectory) where entry.hasPrefix("fb") && Int(entry.dropFirst(2)) != nil {
            let name = Self.firstLine(of: "\(graphicsClassDirectory)/\(entry)/name") ?? "?"
            if name.hasPrefix(Self.driverName) { return "\(deviceDirectory)/\(entry)" }
            seen.append("\(entry) (\(name))")
        }
        let found = seen.isEmpty ? "no framebuffers" : seen.joined(separator: ", ")
        throw .invalidConfiguration(
            field: "framebuffer",
            detail: "no framebuffer of the \(Self.driverName) driver under \(graphicsClassDirectory) (found \(found)); "
                + "run `anima flash --path kernel`, add the lines it prints to /boot/firmware/config.txt and reboot, "
                + "or name the device with --framebuffer /dev/fbN")
    }

    static func entries(of directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    }

    static func firstLine(of path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
