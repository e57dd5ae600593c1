import Foundation

/// Short human descriptions of a board's parts, shared by `anima boards`, `boards show` and `flash`.
extension BoardDefinition {
    /// The controller or panel file name.
    public var controllerName: String { display.controller ?? display.panel.map { "panel:\($0)" } ?? "?" }

    /// Size as drawn at the board's default rotation, e.g. "320×240" for a 240×320 glass turned 90°.
    public var defaultSizeDescription: String {
        let turned = display.rotation == .deg90 || display.rotation == .deg270
        return turned ? "\(display.height)×\(display.width)" : "\(display.width)×\(display.height)"
    }

    public var busDescription: String {
        switch bus {
        case let .spi(spi):
            return "spi \(spi.device) @ \(Self.megahertz(spi.maxSpeedHz))"
        case let .i2c(i2c):
            return "i2c \(i2c.devicePath) 0x\(String(i2c.address, radix: 16, uppercase: true))"
        case .simulator:
            return "simulator (no hardware)"
        }
    }

    /// Every pin the board uses with its role, including the bus's own pins, sorted by pin.
    public var pinMap: [NamedPin] {
        var pins = bus.headerPins
        if let dc = self.pins.dc { pins.append(NamedPin(role: "dc", pin: dc)) }
        if let reset = self.pins.reset { pins.append(NamedPin(role: "reset (active low)", pin: reset)) }
        if let backlight = self.pins.backlight {
            var role = "backlight (active \(backlight.activeHigh ? "high" : "low")"
            if let pwm = backlight.pwm { role += ", pwmchip\(pwm.chip)/pwm\(pwm.channel) @ \(pwm.frequencyHz) Hz" }
            pins.append(NamedPin(role: role + ")", pin: backlight.gpio))
        }
        pins += inputs
        if let chain = leds.apa102 {
            pins += [NamedPin(role: "apa102 data (\(chain.count) LEDs)", pin: chain.data), NamedPin(role: "apa102 clock", pin: chain.clock)]
        }
        if let rgb = leds.rgb {
            let level = rgb.activeHigh ? "active high" : "active low"
            pins += [NamedPin(role: "led red (\(level))", pin: rgb.red), NamedPin(role: "led green (\(level))", pin: rgb.green),
                     NamedPin(role: "led blue (\(level))", pin: rgb.blue)]
        }
        return pins.sorted { $0.pin < $1.pin }
    }

    static func megahertz(_ hertz: Int) -> String {
        if hertz % 1_000_000 == 0 { return "\(hertz / 1_000_000) MHz" }
        if hertz % 1_000 == 0 { return "\(hertz / 1_000) kHz" }
        return "\(hertz) Hz"
    }
}

/// The `anima boards` table.
public enum BoardTable {
    public static let header = ["NAME", "CONTROLLER", "SIZE", "BUS"]

    public static func rows(_ boards: [BoardDefinition]) -> [[String]] {
        boards.map { [$0.name, $0.controllerName, $0.defaultSizeDescription, $0.busDescription] }
    }
}
