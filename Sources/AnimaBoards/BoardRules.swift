/// What the board rules need to know about a controller: its RAM (to bound offsets) and its kind.
public struct ControllerFacts: Sendable, Equatable {
    public var name: String
    public var ramWidth: Int
    public var ramHeight: Int
    /// SSD1306-style page-addressed monochrome, rather than MIPI-DBI colour.
    public var monochrome: Bool

    public init(name: String, ramWidth: Int, ramHeight: Int, monochrome: Bool) {
        self.name = name
        self.ramWidth = ramWidth
        self.ramHeight = ramHeight
        self.monochrome = monochrome
    }
}

/// Rules that span fields, checked after the schema: each pin has one role (including the bus's own pins),
/// the chip select agrees with the spidev path, speeds are ordered, and the controller fits the bus, pixel
/// format and geometry.
struct BoardRules {
    let file: String
    let controllers: [ControllerFacts]

    func check(_ board: BoardDefinition, pinUses: [BoardDecoder.PinUse], lines: [String: Int]) throws(BoardError) {
        try checkPins(board, pinUses: pinUses, lines: lines)
        try checkBus(board, lines: lines)
        try checkController(board, lines: lines)
    }

    private func checkPins(_ board: BoardDefinition, pinUses: [BoardDecoder.PinUse], lines: [String: Int]) throws(BoardError) {
        var seen: [Int: BoardDecoder.PinUse] = [:]
        for busPin in board.bus.headerPins {
            let line = lines["bus.spi.device"] ?? lines["bus.i2c.bus"] ?? 1
            seen[busPin.pin] = BoardDecoder.PinUse(role: busPin.role, pin: busPin.pin, line: line)
        }
        for use in pinUses.sorted(by: { $0.line < $1.line }) {
            if let first = seen[use.pin] {
                throw .duplicatePin(file: file, line: use.line, pin: use.pin, role: use.role, otherRole: first.role, otherLine: first.line)
            }
            seen[use.pin] = use
        }
    }

    private func checkBus(_ board: BoardDefinition, lines: [String: Int]) throws(BoardError) {
        guard case let .spi(spi) = board.bus else { return }
        if let command = spi.commandSpeedHz, command > spi.maxSpeedHz {
            throw .conflict(file: file, line: lines["bus.spi.command_speed_hz"] ?? 1, field: "bus.spi.command_speed_hz",
                            detail: "\(command) Hz is faster than max_speed_hz (\(spi.maxSpeedHz) Hz); the command clock may only be slower.")
        }
        if let cs = board.pins.chipSelect, let (bus, index) = spi.busAndChipSelect, bus == 0, cs != "ce\(index)" {
            throw .conflict(file: file, line: lines["pins.cs"] ?? 1, field: "pins.cs",
                            detail: "\(cs) does not match \(spi.device) (chip select \(index) is ce\(index)); change one of them.")
        }
    }

    private func checkController(_ board: BoardDefinition, lines: [String: Int]) throws(BoardError) {
        let display = board.display
        let facts = display.controller.flatMap { name in controllers.first { $0.name == name } }
        let monochrome = facts?.monochrome ?? false
        let formatLine = lines["display.pixel_format"] ?? lines["display"] ?? 1
        if monochrome && display.pixelFormat != .mono1 {
            throw .conflict(file: file, line: formatLine, field: "display.pixel_format",
                            detail: "\(display.controller ?? "") is monochrome; use pixel_format: mono1.")
        }
        if !monochrome && display.pixelFormat == .mono1 {
            throw .conflict(file: file, line: formatLine, field: "display.pixel_format",
                            detail: "mono1 is for monochrome controllers (ssd1306); use rgb565 or rgb666.")
        }
        switch board.bus {
        case .i2c where !monochrome:
            throw .conflict(file: file, line: lines["bus.i2c"] ?? 1, field: "bus.i2c",
                            detail: "\(display.controller ?? display.panel ?? "this panel") is a MIPI-DBI controller and needs bus.spi; only ssd1306 runs over I2C.")
        case .spi where board.pins.dc == nil:
            throw .missingField(file: file, line: lines["pins"] ?? lines["bus.spi"] ?? 1, field: "pins.dc")
        default:
            break
        }
        if display.paths.contains(.kernel) {
            let spi: Bool
            if case .spi = board.bus { spi = true } else { spi = false }
            if monochrome || !spi {
                throw .conflict(file: file, line: lines["display.paths"] ?? 1, field: "display.paths",
                                detail: "kernel needs a MIPI-DBI controller on bus.spi (panel-mipi-dbi drives nothing else), "
                                    + "so this board supports userspace only; remove kernel from the list.")
            }
        }
        if let facts {
            let columnsUsed = display.xOffset + display.width
            let rowsUsed = display.yOffset + display.height
            if columnsUsed > facts.ramWidth {
                throw .conflict(file: file, line: lines["display.x_offset"] ?? lines["display.width"] ?? 1, field: "display.width",
                                detail: "x_offset \(display.xOffset) + width \(display.width) exceeds the \(facts.name) RAM width \(facts.ramWidth).")
            }
            if rowsUsed > facts.ramHeight {
                throw .conflict(file: file, line: lines["display.y_offset"] ?? lines["display.height"] ?? 1, field: "display.height",
                                detail: "y_offset \(display.yOffset) + height \(display.height) exceeds the \(facts.name) RAM height \(facts.ramHeight).")
            }
        }
    }
}
