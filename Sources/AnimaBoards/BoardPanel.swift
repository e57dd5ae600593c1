import AnimaDisplay
import AnimaDrivers

extension BoardRotation {
    /// The display layer's rotation (the same degrees, clockwise).
    public var displayRotation: Rotation {
        switch self {
        case .deg0: return .deg0
        case .deg90: return .deg90
        case .deg180: return .deg180
        case .deg270: return .deg270
        }
    }
}

extension BoardDefinition {
    /// Directories searched for declarative panel files named by `display.panel`, in order.
    public static let standardPanelDirectories = ["/etc/anima/panels", "/usr/share/anima/panels", "./Drivers/panels"]

    /// The driver configuration this board describes, at `rotation` (default: the board's own). This is the one
    /// place board data becomes a `PanelConfiguration`, so the runtime, `flash` and `display test` agree.
    public func panelConfiguration(
        rotation: BoardRotation? = nil, panelDirectories: [String] = BoardDefinition.standardPanelDirectories
    ) throws(FlashError) -> PanelConfiguration {
        let controllerName = display.controller ?? display.panel ?? ""
        let controller: any DisplayController
        do {
            guard let found = try DriverRegistry.controller(named: controllerName, panelDirectories: panelDirectories) else {
                let field = display.controller == nil ? "display.panel" : "display.controller"
                throw FlashError.board(.conflict(
                    file: origin, line: 1, field: field,
                    detail: "no driver or panel file named '\(controllerName)' (panel files are searched in \(panelDirectories.joined(separator: ", "))."))
            }
            controller = found
        } catch let error as FlashError {
            throw error
        } catch {
            throw .display("\(origin): display.panel: \(error)")
        }
        let format: PixelFormat = switch display.pixelFormat {
        case .rgb565: .rgb565
        case .rgb666: .rgb666
        case .mono1: .mono1
        }
        var speed: UInt32?
        var commandSpeed: UInt32?
        if case let .spi(spi) = bus {
            speed = UInt32(spi.maxSpeedHz)
            commandSpeed = spi.commandSpeedHz.map(UInt32.init)
        }
        // A panel file knows where its glass sits in RAM (240×280: row 20). A board naming it with the same size and
        // no offsets of its own takes the panel's, instead of silently drawing 20 rows off the glass.
        var offsetX = display.xOffset, offsetY = display.yOffset
        let panelGlass = controller.defaultGeometry
        if display.panel != nil, offsetX == 0, offsetY == 0, panelGlass.width == display.width, panelGlass.height == display.height {
            offsetX = panelGlass.offsetX
            offsetY = panelGlass.offsetY
        }
        let configuration = PanelConfiguration(
            controller: controller,
            geometry: PanelGeometry(width: display.width, height: display.height, offsetX: offsetX, offsetY: offsetY),
            rotation: (rotation ?? display.rotation).displayRotation,
            colorOrder: display.colorOrder == .bgr ? .bgr : .rgb,
            inverted: display.inverted,
            pixelFormat: format,
            busSpeedHz: speed,
            commandSpeedHz: commandSpeed)
        do {
            try configuration.validate()
        } catch {
            throw .display("\(origin): \(error)")
        }
        return configuration
    }
}
