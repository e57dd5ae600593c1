/// The text of `anima boards show`: identity, bus, pin map and geometry per rotation.
public enum BoardReport {
    public static func render(_ board: BoardDefinition, rotation: BoardRotation? = nil) throws(FlashError) -> String {
        let chosen = rotation ?? board.display.rotation
        var lines: [String] = []
        lines.append("\(board.name): \(board.description)")
        lines.append("  file:       \(board.origin)")
        if let url = board.vendorURL { lines.append("  vendor:     \(url)") }
        if let source = board.vendorSource { lines.append("  source:     \(source)") }
        let display = board.display
        var panel = "\(board.controllerName), glass \(display.width)×\(display.height) at RAM (\(display.xOffset), \(display.yOffset)), "
        panel += "\(display.colorOrder.rawValue), \(display.inverted ? "inverted (INVON)" : "not inverted"), \(display.pixelFormat.rawValue)"
        lines.append("  display:    \(panel)")
        lines.append("  bus:        \(busDetail(board))")
        lines.append("  gpio chips: Pi 3/Zero 2 W \(board.gpioChips.pi3), Pi 4 \(board.gpioChips.pi4), Pi 5 \(board.gpioChips.pi5)")
        lines.append("  pins (BCM):")
        for pin in board.pinMap {
            let number = pin.pin < 10 ? " \(pin.pin)" : "\(pin.pin)"
            lines.append("    GPIO \(number)  \(pin.role)")
        }
        if board.pinMap.isEmpty { lines.append("    none") }
        lines.append("  geometry (rotation clockwise; offsets are where the picture sits in controller RAM):")
        lines.append("    rotation  size     ram offset  madctl")
        for row in try BoardGeometry.table(board) {
            let mark = row.rotation == chosen ? "  ← in use" : ""
            let size = "\(row.width)×\(row.height)".padded(to: 8)
            let offset = "(\(row.xOffset), \(row.yOffset))".padded(to: 10)
            let madctl = row.madctl.map { "0x" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) } ?? "-"
            lines.append("    \(String(row.rotation.rawValue).padded(to: 8))  \(size) \(offset)  \(madctl)\(mark)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func busDetail(_ board: BoardDefinition) -> String {
        switch board.bus {
        case let .spi(spi):
            var text = "SPI \(spi.device)"
            if let cs = board.pins.chipSelect { text += " (\(cs.uppercased()))" }
            text += ", mode \(spi.mode), max \(BoardDefinition.megahertz(spi.maxSpeedHz))"
            text += spi.commandSpeedHz.map { ", commands at \(BoardDefinition.megahertz($0))" } ?? ", commands at the same speed"
            return text
        case let .i2c(i2c):
            return "I2C \(i2c.devicePath), address 0x\(String(i2c.address, radix: 16, uppercase: true)), \(BoardDefinition.megahertz(i2c.speedHz))"
        case .simulator:
            return "none (simulator: virtual panel, PNG files)"
        }
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
