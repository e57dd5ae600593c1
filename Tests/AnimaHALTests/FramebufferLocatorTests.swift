import AnimaHAL
import Testing

/// drivers/gpu/drm/drm_fb_helper.c drm_fb_helper_fill_info: `snprintf(info->fix.id, sizeof(info->fix.id), "%sdrmfb",
/// driver name)` into a 16-byte id, which /sys/class/graphics/fbN/name shows: for panel-mipi-dbi.c's driver
/// (`.name = "panel-mipi-dbi"`) that is "panel-mipi-dbidrmfb" cut to "panel-mipi-dbid"; vc4's HDMI one is "vc4drmfb".
@Suite("Kernel path: finding the panel-mipi-dbi framebuffer by its sysfs name")
struct FramebufferLocatorTests {
    static func graphicsClass(_ names: [String: String]) throws -> TemporaryDirectory {
        let sys = try TemporaryDirectory()
        for (entry, name) in names { try sys.file("\(entry)/name", contents: name + "\n") }
        return sys
    }

    @Test("the fb whose name is panel-mipi-dbi's (cut to 15 characters) is chosen, never the HDMI one")
    func locatesPanelFramebuffer() throws {
        let sys = try Self.graphicsClass(["fb0": "vc4drmfb", "fb1": "panel-mipi-dbid", "fbcon": "x"])
        defer { sys.remove() }
        #expect(try FramebufferLocator(graphicsClassDirectory: sys.path).panelFramebuffer() == "/dev/fb1")
        let untruncated = try Self.graphicsClass(["fb2": "panel-mipi-dbidrmfb"])
        defer { untruncated.remove() }
        #expect(try FramebufferLocator(graphicsClassDirectory: untruncated.path, deviceDirectory: "/tmp/dev").panelFramebuffer() == "/tmp/dev/fb2")
    }

    @Test("no panel-mipi-dbi framebuffer: the error lists what is there and says how to get one")
    func noPanelFramebuffer() throws {
        let sys = try Self.graphicsClass(["fb0": "vc4drmfb"])
        defer { sys.remove() }
        do {
            _ = try FramebufferLocator(graphicsClassDirectory: sys.path).panelFramebuffer()
            Issue.record("found a framebuffer that is not the panel's")
        } catch {
            #expect(error.description == "/dev/fb* of panel-mipi-dbi does not exist: \(sys.path) lists fb0 (vc4drmfb); run "
                + "`anima flash --path kernel`, add the lines it prints to /boot/firmware/config.txt and reboot, or name the "
                + "device with --framebuffer /dev/fbN")
        }
    }
}
