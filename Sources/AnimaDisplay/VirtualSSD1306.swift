import AnimaImage

/// An emulated SSD1306: interprets the command stream (addressing mode, column/page windows, page-mode start
/// addresses, segment remap, COM scan direction, normal/inverse, display on/off) and the page data into its
/// 128×64 (or 128×32) GDDRAM, and shows the glass. Commands and their arguments may arrive split across writes.
public final class VirtualSSD1306: DisplayTransport {
    public let columnCount: Int
    public let pageCount: Int
    /// Column offset of the glass in RAM (0 for SSD1306 modules).
    public let offsetX: Int
    public let glassWidth: Int
    /// Common 0.96" modules mount the glass turned 180° from COM0/SEG0, which is why every driver sends A1/C8
    /// (remap on, COM scan reversed) to look upright; the emulator models that mounting unless told otherwise.
    public let mountedTurned: Bool

    /// GDDRAM, `columnCount` bytes per page, bit 0 = top row of the page.
    public private(set) var ram: [UInt8]
    public private(set) var displayOn = false
    public private(set) var inverse = false
    public private(set) var segmentRemap = false
    public private(set) var comScanReversed = false
    public private(set) var horizontalAddressing = false

    private var pendingCommand: [UInt8] = []
    private var columns = 0...127
    private var pages = 0...7
    private var column = 0
    private var page = 0

    public init(glassWidth: Int = 128, glassHeight: Int = 64, offsetX: Int = 0, ramColumns: Int = 128, mountedTurned: Bool = true) {
        self.mountedTurned = mountedTurned
        self.columnCount = ramColumns
        self.pageCount = max(glassHeight / 8, 1)
        self.offsetX = offsetX
        self.glassWidth = glassWidth
        self.ram = [UInt8](repeating: 0, count: ramColumns * pageCount)
        columns = 0...(ramColumns - 1)
        pages = 0...(pageCount - 1)
    }

    public convenience init(configuration: PanelConfiguration) {
        self.init(glassWidth: configuration.width, glassHeight: configuration.height,
                  offsetX: configuration.offsetX, ramColumns: configuration.controller.ramWidth)
    }

    public func command(_ bytes: [UInt8]) throws(DisplayError) {
        for byte in bytes {
            pendingCommand.append(byte)
            if pendingCommand.count == 1 + Self.argumentCount(of: pendingCommand[0]) {
                execute(pendingCommand)
                pendingCommand = []
            }
        }
    }

    public func data(_ bytes: [UInt8]) throws(DisplayError) {
        for byte in bytes {
            if column < columnCount && page < pageCount { ram[page * columnCount + column] = byte }
            advance()
        }
    }

    public func wait(milliseconds: UInt32) throws(DisplayError) {}
    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {}
    public func endFrame(_ number: UInt32) throws(DisplayError) {}

    /// The glass in native orientation: lit pixels white.
    public func glassImage() -> RGBImage {
        var image = RGBImage(width: glassWidth, height: pageCount * 8)
        guard displayOn else { return image }
        for y in 0..<(pageCount * 8) {
            // COM scan reversed shows RAM row (H-1-y) on glass row y; segment remap shows column (W-1-x) at x.
            let ramRow = comScanReversed != mountedTurned ? pageCount * 8 - 1 - y : y
            for x in 0..<glassWidth {
                let ramColumn = segmentRemap != mountedTurned ? columnCount - 1 - (x + offsetX) : x + offsetX
                let lit = (ram[(ramRow / 8) * columnCount + ramColumn] >> UInt8(ramRow % 8)) & 1 == 1
                if lit != inverse { image[x, y] = RGB(255, 255, 255) }
            }
        }
        return image
    }

    public func viewedImage(rotation: Rotation, mirrored: Bool = false) -> RGBImage {
        ViewerTransform.view(glassImage(), rotation: rotation, mirrored: mirrored)
    }

    /// Argument bytes following each command (datasheet command table).
    static func argumentCount(of command: UInt8) -> Int {
        switch command {
        case 0x21, 0x22: return 2
        case 0x26, 0x27: return 6
        case 0x29, 0x2A: return 5
        case 0xA3: return 2
        case 0x20, 0x81, 0x8D, 0xA8, 0xD3, 0xD5, 0xD9, 0xDA, 0xDB: return 1
        default: return 0
        }
    }

    private func execute(_ bytes: [UInt8]) {
        let code = bytes[0]
        switch code {
        case 0x00...0x0F where !horizontalAddressing: column = (column & 0xF0) | Int(code & 0x0F)
        case 0x10...0x1F where !horizontalAddressing: column = (column & 0x0F) | Int(code & 0x0F) << 4
        case 0xB0...0xB7 where !horizontalAddressing: page = Int(code & 0x07)
        case SSD1306Command.memoryMode: horizontalAddressing = bytes[1] & 0x03 == 0
        case SSD1306Command.columnAddress:
            columns = Int(bytes[1])...max(Int(bytes[1]), Int(bytes[2]))
            column = columns.lowerBound
        case SSD1306Command.pageAddress:
            pages = Int(bytes[1] & 0x07)...max(Int(bytes[1] & 0x07), Int(bytes[2] & 0x07))
            page = pages.lowerBound
        case SSD1306Command.segmentRemapOff: segmentRemap = false
        case SSD1306Command.segmentRemapOn: segmentRemap = true
        case SSD1306Command.comScanIncrement: comScanReversed = false
        case SSD1306Command.comScanDecrement: comScanReversed = true
        case SSD1306Command.normalDisplay: inverse = false
        case SSD1306Command.invertDisplay: inverse = true
        case SSD1306Command.displayOff: displayOn = false
        case SSD1306Command.displayOn: displayOn = true
        default: break
        }
    }

    /// Horizontal mode wraps column then page inside the window; page mode wraps within the page.
    private func advance() {
        if horizontalAddressing {
            if column < columns.upperBound {
                column += 1
            } else {
                column = columns.lowerBound
                page = page < pages.upperBound ? page + 1 : pages.lowerBound
            }
        } else {
            column = column + 1 < columnCount ? column + 1 : 0
        }
    }
}
