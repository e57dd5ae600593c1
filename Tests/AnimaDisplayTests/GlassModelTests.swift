import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A controller-RAM + MADCTL model written from the datasheets (ST7789V §8.12 / ILI9341 §8.2.29 MADCTL, CASET/RASET/
/// RAMWR), independent of AnimaDisplay's address math: a write at logical (c, r) goes to (u, v) = MV ? (r, c) : (c, r),
/// then RAM column = MX ? RAM_W−1−u : u, RAM row = MY ? RAM_H−1−v : v. ML and MH only change refresh order, never the
/// picture, so they are ignored. The glass shows the window (offX, offY, w×h) of RAM in its own fixed frame.
struct GlassModel {
    let ramWidth: Int, ramHeight: Int
    let offsetX: Int, offsetY: Int, width: Int, height: Int
    /// The glass's own wiring: ILI9341 modules show RAM columns right to left (the kernel's ili9341.c
    /// `yx240qv29_enable` needs MX at rotation 0 for an upright picture).
    var columnsReversed = false
    private(set) var ram: [UInt16]
    private(set) var madctl: UInt8 = 0

    init(ramWidth: Int, ramHeight: Int, offsetX: Int, offsetY: Int, width: Int, height: Int) {
        self.ramWidth = ramWidth; self.ramHeight = ramHeight
        self.offsetX = offsetX; self.offsetY = offsetY; self.width = width; self.height = height
        ram = Array(repeating: 0, count: ramWidth * ramHeight)
    }

    /// Replays command/data records (our trace format); only RGB565 pixels (COLMOD 0x55/0x05).
    mutating func replay(_ records: [TraceRecord]) {
        var command: UInt8 = 0
        var columns = (0, 0), rows = (0, 0)
        var cursor = (c: 0, r: 0)
        var pending: [UInt8] = []
        for record in records {
            switch record {
            case let .command(bytes):
                command = bytes.first ?? 0
                pending = []
                if command == 0x2C { cursor = (columns.0, rows.0) }
            case let .data(bytes):
                switch command {
                case 0x36: madctl = bytes.first ?? 0
                case 0x2A where bytes.count >= 4: columns = (Int(bytes[0]) << 8 | Int(bytes[1]), Int(bytes[2]) << 8 | Int(bytes[3]))
                case 0x2B where bytes.count >= 4: rows = (Int(bytes[0]) << 8 | Int(bytes[1]), Int(bytes[2]) << 8 | Int(bytes[3]))
                case 0x2C:
                    pending += bytes
                    var index = 0
                    while index + 1 < pending.count {
                        store(UInt16(pending[index]) << 8 | UInt16(pending[index + 1]), at: cursor)
                        cursor.c += 1
                        if cursor.c > columns.1 { cursor.c = columns.0; cursor.r += 1 }
                        if cursor.r > rows.1 { cursor.r = rows.0 }
                        index += 2
                    }
                    pending = Array(pending[index...])
                default: break
                }
            default: break
            }
        }
    }

    private mutating func store(_ word: UInt16, at point: (c: Int, r: Int)) {
        let (u, v) = madctl & 0x20 != 0 ? (point.r, point.c) : (point.c, point.r)
        let column = madctl & 0x40 != 0 ? ramWidth - 1 - u : u
        let row = madctl & 0x80 != 0 ? ramHeight - 1 - v : v
        guard column >= 0, column < ramWidth, row >= 0, row < ramHeight else { return }
        ram[row * ramWidth + column] = word
    }

    /// The picture on the glass, row-major, in the glass's fixed frame.
    var picture: [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(width * height)
        for y in 0..<height { for x in 0..<width { out.append(ram[(offsetY + y) * ramWidth + offsetX + (columnsReversed ? width - 1 - x : x)]) } }
        return out
    }
}

/// What a vendor's own driver sends at its default orientation: MADCTL, window offsets, and the turn it applies to
/// the image in software before sending it (Pimoroni turns with numpy.rot90, Adafruit's rgb_display with PIL's
/// Image.rotate(expand=True); both turn counter-clockwise).
struct VendorReference {
    let board: String
    let source: String
    let madctl: UInt8
    /// The window sent (CASET/RASET span), after the software turn.
    let logicalWidth: Int, logicalHeight: Int
    let offsetX: Int, offsetY: Int
    /// Counter-clockwise quarter turns applied to the image before sending (numpy.rot90's k, PIL rotate's degrees / 90).
    let imageQuarterTurns: Int

    /// The picture the vendor's program draws: the sent window before the turn.
    var pictureWidth: Int { imageQuarterTurns % 2 == 0 ? logicalWidth : logicalHeight }
    var pictureHeight: Int { imageQuarterTurns % 2 == 0 ? logicalHeight : logicalWidth }

    func records(drawing pixel: (Int, Int) -> UInt16) -> [TraceRecord] {
        let (w, h) = (pictureWidth, pictureHeight)
        // Window pixel (x, y) after k counter-clockwise quarter turns of a w×h picture comes from:
        func turned(_ x: Int, _ y: Int) -> UInt16 {
            switch imageQuarterTurns % 4 {
            case 1: return pixel(w - 1 - y, x)
            case 2: return pixel(w - 1 - x, h - 1 - y)
            case 3: return pixel(y, h - 1 - x)
            default: return pixel(x, y)
            }
        }
        func be(_ a: Int, _ b: Int) -> [UInt8] { [UInt8(a >> 8), UInt8(a & 0xFF), UInt8(b >> 8), UInt8(b & 0xFF)] }
        var bytes: [UInt8] = []
        for y in 0..<logicalHeight { for x in 0..<logicalWidth { let w = turned(x, y); bytes += [UInt8(w >> 8), UInt8(w & 0xFF)] } }
        return [
            .command([0x36]), .data([madctl]), .command([0x3A]), .data([0x55]),
            .command([0x2A]), .data(be(offsetX, offsetX + logicalWidth - 1)),
            .command([0x2B]), .data(be(offsetY, offsetY + logicalHeight - 1)),
            .command([0x2C]), .data(bytes),
        ]
    }
}

@Suite("Glass model: each board's default picture is the vendor's, no rotation is a mirror")
struct GlassModelTests {
    /// The shipped boards' panels as the board files declare them (controller, native glass size, offsets, order).
    static let boards: [(name: String, controller: String, width: Int, height: Int, offsetX: Int, offsetY: Int, order: ColorOrder)] = [
        ("adafruit-pitft-2.8", "ili9341", 240, 320, 0, 0, .bgr),
        ("pimoroni-display-hat-mini", "st7789", 240, 320, 0, 0, .rgb),
        ("waveshare-1.3-lcd-hat", "st7789", 240, 240, 0, 0, .rgb),
        ("adafruit-mini-pitft-1.3", "st7789", 240, 240, 0, 0, .rgb),
        ("adafruit-braincraft-hat", "st7789", 240, 240, 0, 0, .rgb),
        ("adafruit-mini-pitft-1.14", "st7789", 135, 240, 52, 40, .rgb),
        ("waveshare-1.28-round", "gc9a01", 240, 240, 0, 0, .bgr),
    ]

    static let references: [VendorReference] = [
        // Linux drivers/gpu/drm/tiny/ili9341.c yx240qv29_enable(): rotation 90 → addr_mode = ILI9341_MADCTL_MV, then
        // |= ILI9341_MADCTL_BGR = 0x28; Adafruit's pitft28-capacitive overlay / adafruit_ili9341_drm.txt use rotation=90.
        VendorReference(board: "adafruit-pitft-2.8", source: "linux ili9341.c yx240qv29_enable rotation 90",
                        madctl: 0x28, logicalWidth: 320, logicalHeight: 240, offsetX: 0, offsetY: 0, imageQuarterTurns: 0),
        // pimoroni/st7789-python st7789/__init__.py _init(): MADCTL data 0x70; image_to_data(): numpy.rot90(image,
        // rotation // 90); displayhatmini-python DisplayHATMini passes width=320, height=240, rotation=180.
        VendorReference(board: "pimoroni-display-hat-mini", source: "st7789-python _init 0x70 + rot90 k=2",
                        madctl: 0x70, logicalWidth: 320, logicalHeight: 240, offsetX: 0, offsetY: 0, imageQuarterTurns: 2),
        // Waveshare 1.3inch LCD HAT demo ST7789.py / LCD_1in3.c, scan direction HORIZONTAL: MADCTL 0x70, no offsets.
        VendorReference(board: "waveshare-1.3-lcd-hat", source: "Waveshare ST7789.py / LCD_1in3 HORIZONTAL 0x70",
                        madctl: 0x70, logicalWidth: 240, logicalHeight: 240, offsetX: 0, offsetY: 0, imageQuarterTurns: 0),
        // Adafruit_CircuitPython_RGB_Display examples/rgb_display_pillow_bonnet_buttons.py (the 1.3" TFT Bonnet, the
        // BrainCraft's panel: adafruit-pitft.py type "st7789v_bonnet_240x240", "BrainCraft HAT or 1.3\" TFT Bonnet"):
        // ST7789(height=240, y_offset=80, rotation=180); st7789.py init() ends with MADCTL 0xC0; rgb.py _block adds the
        // offsets to CASET/RASET and image() turns the picture with img.rotate(180, expand=True).
        VendorReference(board: "adafruit-braincraft-hat", source: "rgb_display bonnet example: MADCTL 0xC0, y_offset 80, rotate(180)",
                        madctl: 0xC0, logicalWidth: 240, logicalHeight: 240, offsetX: 0, offsetY: 80, imageQuarterTurns: 2),
        // Raspberry-Pi-Installer-Scripts adafruit-pitft.py type "st7789_240x240" ("PiTFT Mini 1.3\" or 1.54\""),
        // rotation "0": viewport "width=240,height=240" (no offsets), mirror_rotations "0": "0" (no desktop turn), and
        // compile_mipi_fw() uncomments mipi/adafruit_st7789_drm.txt's "command 0x36 0x00 # rotation 0".
        VendorReference(board: "adafruit-mini-pitft-1.3", source: "adafruit-pitft.py st7789_240x240 rotation 0: MADCTL 0x00",
                        madctl: 0x00, logicalWidth: 240, logicalHeight: 240, offsetX: 0, offsetY: 0, imageQuarterTurns: 0),
        // Adafruit_CircuitPython_RGB_Display examples/rgb_display_minipitftstats.py (the Mini PiTFT 1.14" guide's
        // stats program): ST7789(width=135, height=240, x_offset=53, y_offset=40), a 240×135 landscape picture sent
        // with rotation = 90 (img.rotate(90, expand=True): one counter-clockwise turn), MADCTL 0xC0 from st7789.py init().
        // With MX set the 53 counts from the right: RAM columns 186…52, the glass our board file puts at x_offset 52.
        VendorReference(board: "adafruit-mini-pitft-1.14", source: "rgb_display minipitftstats: MADCTL 0xC0, offsets 53/40, rotate(90)",
                        madctl: 0xC0, logicalWidth: 135, logicalHeight: 240, offsetX: 53, offsetY: 40, imageQuarterTurns: 1),
        // Waveshare 1.28inch LCD Module demo RaspberryPi/python/lib/LCD_1inch28.py: Init() writes MADCTL 0x08 (BGR),
        // SetWindows(0, 0, 240, 240) without offsets, ShowImage() sends the PIL image as it is (no turn).
        VendorReference(board: "waveshare-1.28-round", source: "Waveshare LCD_1inch28.py: MADCTL 0x08, no offsets, no turn",
                        madctl: 0x08, logicalWidth: 240, logicalHeight: 240, offsetX: 0, offsetY: 0, imageQuarterTurns: 0),
    ]

    /// The `rotation:` the board file ships (read from boards/NAME.yaml so the test follows the file).
    static func shippedRotation(_ board: String) throws -> Rotation {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        let path = parts.joined(separator: "/") + "/boards/\(board).yaml"
        let text = String(decoding: try #require(readAll(path)), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  rotation:") })
        let number = line.dropFirst("  rotation:".count).split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? ""
        return try #require(Int(number).flatMap(Rotation.init(degrees:)))
    }

    static func readAll(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// An asymmetric image: red rises to the right, green downwards, so any flip or turn changes the picture.
    static func gradient(_ width: Int, _ height: Int) -> (Int, Int) -> RGB {
        { x, y in RGB(UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), x < 8 && y < 4 ? 255 : 0) }
    }

    static func rgb565(_ color: RGB) -> UInt16 {
        UInt16(color.r >> 3) << 11 | UInt16(color.g >> 2) << 5 | UInt16(color.b >> 3)
    }

    static func glass(for board: (name: String, controller: String, width: Int, height: Int, offsetX: Int, offsetY: Int, order: ColorOrder)) -> GlassModel {
        let chip = controller(board.controller)
        var model = GlassModel(ramWidth: chip.ramWidth, ramHeight: chip.ramHeight, offsetX: board.offsetX, offsetY: board.offsetY,
                               width: board.width, height: board.height)
        model.columnsReversed = board.controller == "ili9341"  // a fact of the glass, from the vendor reference above
        return model
    }

    /// Our bytes for the board at a rotation, drawing `image`, replayed through a fresh glass.
    static func ourGlass(_ index: Int, rotation: Rotation, image: ((Int, Int) -> RGB)? = nil) throws -> (GlassModel, PanelConfiguration) {
        let board = boards[index]
        let configuration = PanelConfiguration(
            controller: controller(board.controller),
            geometry: PanelGeometry(width: board.width, height: board.height, offsetX: board.offsetX, offsetY: board.offsetY),
            rotation: rotation, colorOrder: board.order, inverted: false)
        let recorder = RecordingTransport()
        let display = try Display(configuration: configuration, transport: recorder)
        try display.initialize()
        let draw = image ?? gradient(configuration.logicalWidth, configuration.logicalHeight)
        for y in 0..<configuration.logicalHeight {
            for x in 0..<configuration.logicalWidth { display.framebuffer.set(x: x, y: y, to: draw(x, y)) }
        }
        try display.update()
        var model = glass(for: board)
        model.replay(recorder.records)
        return (model, configuration)
    }

    @Test("default rotation shows the vendor's picture", arguments: references.map(\.board))
    func matchesVendor(board name: String) throws {
        let reference = try #require(Self.references.first { $0.board == name })
        let index = try #require(Self.boards.firstIndex { $0.name == name })
        let rotation = try Self.shippedRotation(name)
        let (ours, configuration) = try Self.ourGlass(index, rotation: rotation)
        #expect(configuration.logicalWidth == reference.pictureWidth && configuration.logicalHeight == reference.pictureHeight,
                "\(name): \(reference.source)")
        let image = Self.gradient(reference.pictureWidth, reference.pictureHeight)
        var vendor = Self.glass(for: Self.boards[index])
        vendor.replay(reference.records { x, y in Self.rgb565(image(x, y)) })
        let differing = zip(ours.picture, vendor.picture).filter { $0 != $1 }.count
        #expect(differing == 0, "\(name) at \(rotation) differs from \(reference.source) in \(differing) pixels")
        #expect(ours.madctl & 0x08 == reference.madctl & 0x08, "\(name): colour order (BGR) bit")
    }

    /// Where logical (0,0), (1,0) and (0,1) land on the glass at a rotation.
    static func axes(_ index: Int, _ rotation: Rotation) throws -> (origin: (Int, Int), ex: (Int, Int), ey: (Int, Int)) {
        let markers: [RGB] = [RGB(255, 0, 0), RGB(0, 255, 0), RGB(0, 0, 255)]
        let (model, _) = try ourGlass(index, rotation: rotation) { x, y in
            if x == 0 && y == 0 { return markers[0] }
            if x == 1 && y == 0 { return markers[1] }
            if x == 0 && y == 1 { return markers[2] }
            return RGB(0, 0, 0)
        }
        let picture = model.picture
        func find(_ color: RGB) throws -> (Int, Int) {
            let at = try #require(picture.firstIndex(of: rgb565(color)), "marker not on glass")
            return (at % model.width, at / model.width)
        }
        let o = try find(markers[0]), a = try find(markers[1]), b = try find(markers[2])
        return (o, (a.0 - o.0, a.1 - o.1), (b.0 - o.0, b.1 - o.1))
    }

    @Test("every rotation is rotation 0 turned clockwise, never a mirror", arguments: boards.map(\.name))
    func rotationsAreTurns(board name: String) throws {
        let index = try #require(Self.boards.firstIndex { $0.name == name })
        let zero = try Self.axes(index, .deg0)
        for rotation in Rotation.allCases {
            let turned = try Self.axes(index, rotation)
            var expected = (zero.ex, zero.ey)
            for _ in 0..<(rotation.rawValue / 90) {  // clockwise on a y-down glass: (x, y) → (−y, x)
                expected = ((-expected.0.1, expected.0.0), (-expected.1.1, expected.1.0))
            }
            #expect(turned.ex == expected.0 && turned.ey == expected.1, "\(name) at \(rotation): x axis \(turned.ex), y axis \(turned.ey)")
            #expect(turned.ex.0 * turned.ey.1 - turned.ex.1 * turned.ey.0 == zero.ex.0 * zero.ey.1 - zero.ex.1 * zero.ey.0,
                    "\(name) at \(rotation) is a mirror image of rotation 0")
        }
    }

    @Test("garbage records replay to a bounded picture, never a crash")
    func garbage() {
        var model = GlassModel(ramWidth: 240, ramHeight: 320, offsetX: 0, offsetY: 0, width: 240, height: 240)
        model.replay([.command([0x2A]), .data([0xFF, 0xFF, 0x00]), .command([0x2B]), .data([0xFF, 0xFF, 0xFF, 0xFF]),
                      .command([0x2C]), .data([1, 2, 3]), .command([]), .data([9])])
        #expect(model.picture.count == 240 * 240)
    }
}
