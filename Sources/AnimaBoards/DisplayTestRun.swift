import AnimaDisplay

/// Drawing the calibration pattern on an opened display — the userspace driver or the kernel path's framebuffer:
/// initialise, draw, one full update. Shared by `anima display test` and `anima flash --test-pattern`.
public enum DisplayTestRun {
    public struct Report: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var bytes: Int
        public var windows: Int
        /// For emulated transports: whether the glass, viewed at the rotation, equals the framebuffer.
        public var virtualPanelMatches: Bool?
    }

    @discardableResult
    public static func drawCalibration(on display: any DisplaySurface) throws(FlashError) -> Report {
        do {
            try display.initialize()
            let width = display.framebuffer.width, height = display.framebuffer.height
            try display.framebuffer.draw(CalibrationPattern.image(width: width, height: height))
            let statistics = try display.update()
            var matches: Bool?
            if let display = display as? Display, let panel = display.transport as? any EmulatedPanel {
                let seen = panel.viewedImage(rotation: display.configuration.rotation, mirrored: display.configuration.mirrored)
                matches = seen == display.framebuffer.image()
            }
            return Report(width: width, height: height, bytes: statistics.bytes, windows: statistics.windows, virtualPanelMatches: matches)
        } catch {
            throw .display(error.description)
        }
    }
}
