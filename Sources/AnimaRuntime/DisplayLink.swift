import AnimaBoards
import AnimaDisplay
import AnimaDrawing
import AnimaImage
import Logging

/// The creature's connection to its panel. A display that fails (device missing, SPI error) never stops the creature:
/// the link reports the failure in `state`, keeps the canvas, and reopens the display with backoff (5 s doubling to
/// 5 min), then repaints the whole canvas.
///
/// With the `hardware` transport the display path decides the route: userspace drives the board's bus, kernel writes
/// into the panel-mipi-dbi framebuffer (`framebuffer`, or the one found by name).
final class DisplayLink {
    /// How the kernel path reaches its framebuffer.
    struct KernelFramebuffer {
        var device: String?
        var geometrySource: any FramebufferGeometrySource
    }

    private let board: BoardDefinition
    private let rotation: BoardRotation?
    private let transportSpec: String
    private let path: DisplayPath
    private let kernelFramebuffer: KernelFramebuffer
    private let hardware: (any BoardHardware)?
    private let logger: Logger
    private var display: (any DisplaySurface)?
    private var retryDelay = 5.0
    private var nextAttempt = 0.0
    private var needsFullRepaint = true

    private(set) var state = "starting"
    private(set) var updates = 0
    private(set) var bytesSent = 0
    private(set) var lastError: String?

    init(
        board: BoardDefinition, rotation: BoardRotation?, transportSpec: String, path: DisplayPath, kernelFramebuffer: KernelFramebuffer,
        hardware: (any BoardHardware)?, logger: Logger
    ) {
        self.board = board
        self.rotation = rotation
        self.transportSpec = transportSpec
        self.path = path
        self.kernelFramebuffer = kernelFramebuffer
        self.hardware = hardware
        self.logger = logger
    }

    /// The canvas size the panel shows (logical, after rotation).
    static func canvasSize(board: BoardDefinition, rotation: BoardRotation?) -> (width: Int, height: Int) {
        guard let configuration = try? board.panelConfiguration(rotation: rotation) else {
            return (board.display.width, board.display.height)
        }
        return (configuration.logicalWidth, configuration.logicalHeight)
    }

    /// Pushes the canvas (only what changed, or everything after a (re)open) to the panel. `now` is monotonic
    /// (`RunClock.elapsed()`) for the retry schedule, so a step of the system clock cannot stall a reopen.
    func show(canvas: DrawingCanvas, damage: CanvasDamage, now: Double) {
        if display == nil {
            guard now >= nextAttempt else { return }
            open(now: now)
            guard display != nil else { return }
        }
        guard let display else { return }
        do {
            if needsFullRepaint {
                try display.framebuffer.draw(fitted(canvas.image(), to: display))
                needsFullRepaint = false
            } else {
                let (width, height) = (display.framebuffer.width, display.framebuffer.height)
                for write in damage.writes where write.x >= 0 && write.y >= 0 && write.x < width && write.y < height {
                    display.framebuffer.set(x: write.x, y: write.y, to: write.color)
                }
            }
            let statistics = try display.update()
            updates += 1
            bytesSent += statistics.bytes
        } catch {
            fail("update failed: \(error)", now: now)
        }
    }

    /// The next `show` repaints the whole canvas (after a clear, whose erased pixels are not damage).
    func requestFullRepaint() { needsFullRepaint = true }

    /// Leaves the panel in a defined state: the last canvas in panel memory, backlight off, controller asleep.
    func shutdown() {
        guard let display else { return }
        do {
            try display.setBacklight(0)
            try display.sleep()
            state = "asleep"
        } catch {
            logger.warning("display shutdown: \(error)")
        }
    }

    /// The framebuffer's current picture (what the panel shows), for `--snapshot`.
    func framebufferImage() -> RGBImage? { display?.framebuffer.image() }

    /// The kernel path replaces only the board's own bus; traces and simulators stay what they are.
    private var usesKernelFramebuffer: Bool { transportSpec == "hardware" && path == .kernel }

    private func open(now: Double) {
        do {
            let display: any DisplaySurface
            if usesKernelFramebuffer {
                display = try BoardDisplay.openFramebuffer(
                    board: board, rotation: rotation, device: kernelFramebuffer.device, geometrySource: kernelFramebuffer.geometrySource)
            } else {
                display = try BoardDisplay.open(board: board, rotation: rotation, transport: transportSpec, hardware: hardware)
            }
            try display.initialize()
            try? display.setBacklight(1)
            self.display = display
            state = "ok"
            lastError = nil
            retryDelay = 5
            needsFullRepaint = true
            if let framebuffer = display as? FramebufferDisplay {
                logger.info("display \(board.name) open on the kernel path: \(framebuffer.device.path)")
            } else {
                logger.info("display \(board.name) open on \(transportSpec)")
            }
        } catch {
            fail("\(error)", now: now)
        }
    }

    private func fail(_ message: String, now: Double) {
        display = nil
        needsFullRepaint = true
        if lastError != message { logger.error("display: \(message); the creature keeps drawing, retrying in \(Int(retryDelay)) s") }
        lastError = message
        state = "failed: \(message)"
        nextAttempt = now + retryDelay
        retryDelay = min(300, retryDelay * 2)
    }

    /// The canvas image cropped or padded to the framebuffer (they match unless the board changed size).
    private func fitted(_ image: RGBImage, to display: any DisplaySurface) -> RGBImage {
        let width = display.framebuffer.width
        let height = display.framebuffer.height
        if image.width == width && image.height == height { return image }
        var fitted = RGBImage(width: width, height: height)
        for y in 0..<min(height, image.height) {
            for x in 0..<min(width, image.width) { fitted[x, y] = image[x, y] }
        }
        return fitted
    }
}
