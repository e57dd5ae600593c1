import AnimaDisplay
import AnimaHAL

extension BoardDisplay {
    /// The kernel path's surface for a board: the framebuffer the panel-mipi-dbi driver created (`device`, or the one
    /// `locator` finds by name), checked against the size the board has at this rotation — the overlay `anima flash
    /// --path kernel` printed gives the kernel the rotated width and height, so anything else means the firmware or
    /// overlay installed is another board's or another rotation's.
    public static func openFramebuffer(
        board: BoardDefinition, rotation: BoardRotation? = nil, device: String? = nil,
        locator: FramebufferLocator = FramebufferLocator(), geometrySource: any FramebufferGeometrySource = KernelFramebufferGeometry(),
        panelDirectories: [String] = BoardDefinition.standardPanelDirectories
    ) throws(FlashError) -> FramebufferDisplay {
        guard board.display.paths.contains(.kernel) else {
            throw .display("\(board.listedPathsOnly), "
                + "so \(board.name) has no kernel framebuffer to draw into; use display_path userspace (--display-path userspace).")
        }
        let configuration = try board.panelConfiguration(rotation: rotation, panelDirectories: panelDirectories)
        do {
            let path = try device ?? locator.panelFramebuffer()
            let geometry = try geometrySource.geometry(device: path)
            let (width, height) = (configuration.logicalWidth, configuration.logicalHeight)
            guard geometry.width == width, geometry.height == height, geometry.bitsPerPixel == 16 else {
                throw FlashError.display(
                    "\(path) is \(geometry.width)×\(geometry.height) at \(geometry.bitsPerPixel) bits per pixel, but \(board.name) at rotation "
                    + "\(configuration.rotation.rawValue) needs \(width)×\(height) at 16 (RGB565): the kernel was set up for another board or "
                    + "rotation. Run `sudo anima flash --board \(board.name) --path kernel --rotation \(configuration.rotation.rawValue)`, "
                    + "put the lines it prints in /boot/firmware/config.txt and reboot.")
            }
            return FramebufferDisplay(device: try FramebufferDevice(path: path, geometry: geometry))
        } catch let error as FlashError {
            throw error
        } catch {
            throw .display("\(board.name) kernel path: \(error)")
        }
    }
}
