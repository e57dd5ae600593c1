/// MIPI DCS command bytes shared by the DBI controllers (ST7789, ST7735R, ILI9341, GC9A01).
public enum DCS {
    public static let nop: UInt8 = 0x00
    public static let softwareReset: UInt8 = 0x01
    public static let sleepIn: UInt8 = 0x10
    public static let sleepOut: UInt8 = 0x11
    public static let normalDisplayOn: UInt8 = 0x13
    public static let inversionOff: UInt8 = 0x20
    public static let inversionOn: UInt8 = 0x21
    public static let displayOff: UInt8 = 0x28
    public static let displayOn: UInt8 = 0x29
    public static let columnAddressSet: UInt8 = 0x2A
    public static let rowAddressSet: UInt8 = 0x2B
    public static let memoryWrite: UInt8 = 0x2C
    public static let tearingEffectOff: UInt8 = 0x34
    public static let tearingEffectOn: UInt8 = 0x35
    public static let memoryAccessControl: UInt8 = 0x36
    public static let pixelFormat: UInt8 = 0x3A
}

/// The MADCTL (0x36) parameter bits.
public struct MADCTL: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Row address order reversed.
    public static let my = MADCTL(rawValue: 0x80)
    /// Column address order reversed.
    public static let mx = MADCTL(rawValue: 0x40)
    /// Row/column exchange.
    public static let mv = MADCTL(rawValue: 0x20)
    /// Vertical refresh order (bottom to top).
    public static let ml = MADCTL(rawValue: 0x10)
    /// Sub-pixel order BGR.
    public static let bgr = MADCTL(rawValue: 0x08)
    /// Horizontal refresh order (right to left).
    public static let mh = MADCTL(rawValue: 0x04)
}

/// How logical (CASET/RASET) addresses land in the controller's RAM for one rotation: the three MADCTL bits
/// and the window offset they imply. Written once for every DBI controller.
///
/// Semantics (what the virtual panel emulates): a logical address (c, r) becomes (u, v) = MV ? (r, c) : (c, r);
/// then RAM column = MX ? RAM_W − 1 − u : u and RAM row = MY ? RAM_H − 1 − v : v.
public struct AddressMode: Sendable, Hashable {
    public var reverseRows: Bool
    public var reverseColumns: Bool
    public var swapAxes: Bool

    public init(reverseRows: Bool, reverseColumns: Bool, swapAxes: Bool) {
        self.reverseRows = reverseRows
        self.reverseColumns = reverseColumns
        self.swapAxes = swapAxes
    }

    /// 0° → none; 90° → MX|MV; 180° → MX|MY; 270° → MY|MV. Mirroring flips the picture left-right as viewed,
    /// which is a column flip at 0°/180° and a row flip at 90°/270° (the picture's x runs along the glass's rows there).
    public init(rotation: Rotation, mirrored: Bool = false) {
        switch rotation {
        case .deg0: self.init(reverseRows: false, reverseColumns: false, swapAxes: false)
        case .deg90: self.init(reverseRows: false, reverseColumns: true, swapAxes: true)
        case .deg180: self.init(reverseRows: true, reverseColumns: true, swapAxes: false)
        case .deg270: self.init(reverseRows: true, reverseColumns: false, swapAxes: true)
        }
        if mirrored {
            if rotation.swapsAxes { reverseRows.toggle() } else { reverseColumns.toggle() }
        }
    }

    /// The standard MADCTL byte for this mode and colour order (ML and MH left at 0).
    public func madctl(colorOrder: ColorOrder) -> UInt8 {
        var bits: MADCTL = []
        if reverseRows { bits.insert(.my) }
        if reverseColumns { bits.insert(.mx) }
        if swapAxes { bits.insert(.mv) }
        if colorOrder == .bgr { bits.insert(.bgr) }
        return bits.rawValue
    }

    /// The offset to add to logical CASET/RASET addresses (mipidsi's rule): a reversed axis counts from the far end
    /// of RAM, so its offset becomes RAM − (glass + offset); MV then exchanges the pair.
    /// `offsetX`/`offsetY` are where the glass sits in RAM at rotation 0; sizes are native (rotation 0).
    public func windowOffset(
        ramWidth: Int, ramHeight: Int, glassWidth: Int, glassHeight: Int, offsetX: Int, offsetY: Int
    ) -> (x: Int, y: Int) {
        let x = reverseColumns ? ramWidth - (glassWidth + offsetX) : offsetX
        let y = reverseRows ? ramHeight - (glassHeight + offsetY) : offsetY
        return swapAxes ? (y, x) : (x, y)
    }
}
