/// One panel as a board uses it: which controller, the glass geometry (native orientation), where the glass sits in
/// controller RAM, how the picture is turned, and the colour facts that are wrong most often (order, inversion).
/// The boards layer builds this from a board file; `validate()` names the field that is wrong.
public struct PanelConfiguration: Sendable {
    public var controller: any DisplayController
    /// Glass size in its native (rotation 0) orientation, e.g. 240×320 for an ILI9341 used as 320×240 landscape.
    public var width: Int
    public var height: Int
    /// Where the glass's top-left pixel sits in controller RAM at rotation 0 (135×240 ST7789: 52, 40).
    public var offsetX: Int
    public var offsetY: Int
    public var rotation: Rotation
    /// Flip the picture left-right as viewed.
    public var mirrored: Bool
    public var colorOrder: ColorOrder
    /// Send INVON (most IPS ST7789 and GC9A01 glasses need it to show true colours).
    public var inverted: Bool
    public var pixelFormat: PixelFormat
    /// Pixel clock cap from the board file (the SPI max speed); informational here, used by transports and export.
    public var busSpeedHz: UInt32?
    /// Optional slower clock for commands and parameters.
    public var commandSpeedHz: UInt32?

    /// Geometry defaults to the controller's usual glass, pixel format to its first supported format.
    public init(
        controller: any DisplayController,
        geometry: PanelGeometry? = nil,
        rotation: Rotation = .deg0,
        mirrored: Bool = false,
        colorOrder: ColorOrder = .rgb,
        inverted: Bool = false,
        pixelFormat: PixelFormat? = nil,
        busSpeedHz: UInt32? = nil,
        commandSpeedHz: UInt32? = nil
    ) {
        let glass = geometry ?? controller.defaultGeometry
        self.controller = controller
        self.width = glass.width
        self.height = glass.height
        self.offsetX = glass.offsetX
        self.offsetY = glass.offsetY
        self.rotation = rotation
        self.mirrored = mirrored
        self.colorOrder = colorOrder
        self.inverted = inverted
        self.pixelFormat = pixelFormat ?? controller.pixelFormats.first ?? .rgb565
        self.busSpeedHz = busSpeedHz
        self.commandSpeedHz = commandSpeedHz
    }

    public var geometry: PanelGeometry {
        PanelGeometry(width: width, height: height, offsetX: offsetX, offsetY: offsetY)
    }

    /// The framebuffer's size: the glass turned by the rotation.
    public var logicalWidth: Int { rotation.swapsAxes ? height : width }
    public var logicalHeight: Int { rotation.swapsAxes ? width : height }

    public var addressMode: AddressMode { AddressMode(rotation: rotation, mirrored: mirrored) }

    /// The MADCTL byte sent for this configuration.
    public var madctl: UInt8 { controller.madctl(for: addressMode, colorOrder: colorOrder) }

    /// What to add to logical window addresses for this rotation.
    public var windowOffset: (x: Int, y: Int) {
        addressMode.windowOffset(
            ramWidth: controller.ramWidth, ramHeight: controller.ramHeight,
            glassWidth: width, glassHeight: height, offsetX: offsetX, offsetY: offsetY)
    }

    /// Checks the geometry fits the controller and the pixel format is supported.
    public func validate() throws(DisplayError) {
        let name = controller.name
        guard width > 0, height > 0 else {
            throw .invalidConfiguration(field: "width/height", detail: "\(width)×\(height) must both be positive")
        }
        guard offsetX >= 0, offsetY >= 0 else {
            throw .invalidConfiguration(field: "offset", detail: "offsets (\(offsetX), \(offsetY)) must not be negative")
        }
        guard offsetX + width <= controller.ramWidth, offsetY + height <= controller.ramHeight else {
            throw .invalidConfiguration(
                field: "width/height/offset",
                detail: "a \(width)×\(height) glass at (\(offsetX), \(offsetY)) does not fit \(name)'s \(controller.ramWidth)×\(controller.ramHeight) RAM; give the size in the native (rotation 0) orientation")
        }
        guard controller.pixelFormats.contains(pixelFormat) else {
            let allowed = controller.pixelFormats.map(\.rawValue).joined(separator: ", ")
            throw .invalidConfiguration(field: "pixel_format", detail: "\(name) does not take \(pixelFormat.rawValue); allowed: \(allowed)")
        }
        if controller.isMonochrome && height % 8 != 0 {
            throw .invalidConfiguration(field: "height", detail: "\(name) addresses 8-row pages; height \(height) is not a multiple of 8")
        }
    }

    /// The init sequence with the configuration's bytes filled in.
    public func resolvedInitSequence() -> [ResolvedStep] { resolve(controller.initSequence(for: self)) }

    /// Fills `.pixelFormat`, `.addressMode` and `.inversion` with this configuration's bytes.
    public func resolve(_ steps: [InitStep]) -> [ResolvedStep] {
        steps.map { step in
            switch step {
            case let .command(code, parameters): return .command(code, parameters)
            case let .wait(milliseconds): return .wait(milliseconds)
            case .pixelFormat: return .command(DCS.pixelFormat, [controller.pixelFormatParameter(for: pixelFormat)])
            case .addressMode: return .command(DCS.memoryAccessControl, [madctl])
            case .inversion: return .command(inverted ? DCS.inversionOn : DCS.inversionOff, [])
            }
        }
    }
}

/// A step with every byte known.
public enum ResolvedStep: Sendable, Hashable {
    case command(UInt8, [UInt8])
    case wait(UInt32)
}
