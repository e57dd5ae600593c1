/// What one display update put on the bus.
public struct UpdateStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Command, parameter and pixel bytes, everything the bus carried.
    public var bytes = 0
    /// Address windows written.
    public var windows = 0
    /// Command records (DBI: command bytes; SSD1306: command-stream writes).
    public var commands = 0
    /// True when the whole frame was sent (first frame, or a diff that would have cost more).
    public var fullFrame = false

    public init() {}

    public var description: String {
        "\(bytes) bytes, \(windows) window\(windows == 1 ? "" : "s"), \(commands) commands\(fullFrame ? " (full frame)" : "")"
    }
}

/// Writes windows of a DBI framebuffer: CASET/RASET (only when they change) then RAMWR and the pixel bytes.
struct DBIWindowWriter {
    /// The window the controller is addressed to, in RAM coordinates; nil after init or wake.
    var columns: ClosedRange<Int>?
    var rows: ClosedRange<Int>?

    /// Bytes a window costs at most: CASET + 4, RASET + 4, RAMWR, pixels.
    static func cost(of window: Window, format: PixelFormat) -> Int {
        11 + window.pixelCount * format.bytesPerPixel
    }

    mutating func write(
        _ window: Window, of framebuffer: Framebuffer, offset: (x: Int, y: Int),
        to transport: any DisplayTransport, statistics: inout UpdateStatistics
    ) throws(DisplayError) {
        let wantColumns = (window.x + offset.x)...(window.maxX + offset.x)
        let wantRows = (window.y + offset.y)...(window.maxY + offset.y)
        if wantColumns != columns {
            try send(DCS.columnAddressSet, Self.range(wantColumns), transport, &statistics)
            columns = wantColumns
        }
        if wantRows != rows {
            try send(DCS.rowAddressSet, Self.range(wantRows), transport, &statistics)
            rows = wantRows
        }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(window.pixelCount * framebuffer.format.bytesPerPixel)
        let format = framebuffer.format
        framebuffer.pixels.withUnsafeBufferPointer { words in
            for y in window.y...window.maxY {
                let row = y * framebuffer.width
                for x in window.x...window.maxX { format.append(words[row + x], to: &pixels) }
            }
        }
        try send(DCS.memoryWrite, pixels, transport, &statistics)
        statistics.windows += 1
    }

    /// Start and end (inclusive) as two big-endian 16-bit values: the CASET/RASET parameter layout.
    static func range(_ range: ClosedRange<Int>) -> [UInt8] {
        [UInt8(truncatingIfNeeded: range.lowerBound >> 8), UInt8(truncatingIfNeeded: range.lowerBound),
         UInt8(truncatingIfNeeded: range.upperBound >> 8), UInt8(truncatingIfNeeded: range.upperBound)]
    }

    private func send(
        _ code: UInt8, _ parameters: [UInt8], _ transport: any DisplayTransport, _ statistics: inout UpdateStatistics
    ) throws(DisplayError) {
        try transport.command([code])
        statistics.commands += 1
        statistics.bytes += 1
        if !parameters.isEmpty {
            try transport.data(parameters)
            statistics.bytes += parameters.count
        }
    }
}

/// Packs a 1-bit framebuffer into SSD1306 pages (byte = 8 vertical pixels, bit 0 on top) in the glass's native
/// orientation — the rotation is done here in software, with `Rotation.glassPoint` — and writes page windows.
struct PageWindowWriter {
    /// Page bytes of the glass, `glassWidth` per page, as words so `SpanDiff` can compare them.
    static func pages(of framebuffer: Framebuffer, configuration: PanelConfiguration) -> [UInt32] {
        let glassWidth = configuration.width, glassHeight = configuration.height
        var pages = [UInt32](repeating: 0, count: glassWidth * (glassHeight / 8))
        for y in 0..<framebuffer.height {
            for x in 0..<framebuffer.width where framebuffer.word(x: x, y: y) & 1 == 1 {
                let glass = configuration.rotation.glassPoint(
                    x: x, y: y, glassWidth: glassWidth, glassHeight: glassHeight, mirrored: configuration.mirrored)
                pages[(glass.y / 8) * glassWidth + glass.x] |= 1 << UInt32(glass.y % 8)
            }
        }
        return pages
    }

    /// Bytes a page window costs at most: two 3-byte address commands plus the page bytes.
    static func cost(of window: Window) -> Int { 6 + window.pixelCount }

    /// `window` is in (column, page) units.
    static func write(
        _ window: Window, pages: [UInt32], configuration: PanelConfiguration,
        to transport: any DisplayTransport, statistics: inout UpdateStatistics
    ) throws(DisplayError) {
        let column0 = window.x + configuration.offsetX
        try transport.command([SSD1306Command.columnAddress, UInt8(truncatingIfNeeded: column0),
                               UInt8(truncatingIfNeeded: column0 + window.width - 1)])
        try transport.command([SSD1306Command.pageAddress, UInt8(truncatingIfNeeded: window.y),
                               UInt8(truncatingIfNeeded: window.maxY)])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(window.pixelCount)
        for page in window.y...window.maxY {
            let row = page * configuration.width
            for column in window.x...window.maxX { bytes.append(UInt8(truncatingIfNeeded: pages[row + column])) }
        }
        try transport.data(bytes)
        statistics.commands += 2
        statistics.bytes += 6 + bytes.count
        statistics.windows += 1
    }
}

/// SSD1306 command bytes the shared code and the virtual panel need.
public enum SSD1306Command {
    public static let memoryMode: UInt8 = 0x20
    public static let columnAddress: UInt8 = 0x21
    public static let pageAddress: UInt8 = 0x22
    public static let contrast: UInt8 = 0x81
    public static let chargePump: UInt8 = 0x8D
    public static let segmentRemapOff: UInt8 = 0xA0
    public static let segmentRemapOn: UInt8 = 0xA1
    public static let resumeFromRAM: UInt8 = 0xA4
    public static let normalDisplay: UInt8 = 0xA6
    public static let invertDisplay: UInt8 = 0xA7
    public static let multiplexRatio: UInt8 = 0xA8
    public static let displayOff: UInt8 = 0xAE
    public static let displayOn: UInt8 = 0xAF
    public static let comScanIncrement: UInt8 = 0xC0
    public static let comScanDecrement: UInt8 = 0xC8
    public static let displayOffset: UInt8 = 0xD3
    public static let clockDivide: UInt8 = 0xD5
    public static let precharge: UInt8 = 0xD9
    public static let comPins: UInt8 = 0xDA
    public static let vcomDetect: UInt8 = 0xDB
}
