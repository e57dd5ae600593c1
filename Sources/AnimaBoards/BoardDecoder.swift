import Yams

/// Reads values out of a node tree that `SchemaValidator` has already accepted, filling absent optional
/// fields with the schema's defaults. Also records the line of every pin so later rules can name both
/// places a pin is used.
struct BoardDecoder {
    let schema: BoardSchema
    let file: String

    /// A pin role with the line it was written on.
    struct PinUse: Equatable {
        var role: String
        var pin: Int
        var line: Int
    }

    func decode(_ root: Node, text: String) throws(BoardError) -> (board: BoardDefinition, pinUses: [PinUse], lines: [String: Int]) {
        var uses: [PinUse] = []
        var lines: [String: Int] = [:]

        /// The node at a dotted path; records the line of its key for messages about it.
        func node(_ path: String) -> Node? {
            var current: Node? = root
            var keyLine = 1
            for component in path.split(separator: ".") {
                guard let pair = current?.mapping?.first(where: { $0.key.string == String(component) }) else { return nil }
                current = pair.value
                keyLine = pair.key.line
                if pair.value.isNull { return nil }
            }
            lines[path] = keyLine
            return current
        }
        func string(_ path: String) -> String? {
            node(path)?.scalar?.string ?? schema.field(at: path)?.defaultValue
        }
        func int(_ path: String) -> Int? { string(path).flatMap(ScalarText.integer) }
        func bool(_ path: String) -> Bool? { string(path).map { $0 == "true" } }
        func pin(_ path: String) -> Int? {
            guard let found = node(path), let value = found.scalar.flatMap({ ScalarText.integer($0.string) }) else { return nil }
            uses.append(PinUse(role: path, pin: value, line: lines[path] ?? found.line))
            return value
        }
        func require<T>(_ value: T?, _ path: String) throws(BoardError) -> T {
            guard let value else { throw .missingField(file: file, line: root.line, field: path) }
            return value
        }

        // Record the sections' key lines: rules about a field that is absent point at its section.
        for section in ["display", "bus", "pins"] { _ = node(section) }

        let display = DisplaySpec(
            controller: string("display.controller"),
            panel: string("display.panel"),
            width: try require(int("display.width"), "display.width"),
            height: try require(int("display.height"), "display.height"),
            xOffset: int("display.x_offset") ?? 0,
            yOffset: int("display.y_offset") ?? 0,
            rotation: int("display.rotation").flatMap(BoardRotation.init(rawValue:)) ?? .deg0,
            colorOrder: string("display.color_order").flatMap(BoardColorOrder.init(rawValue:)) ?? .rgb,
            inverted: bool("display.inverted") ?? false,
            pixelFormat: string("display.pixel_format").flatMap(BoardPixelFormat.init(rawValue:)) ?? .rgb565,
            paths: node("display.paths")?.sequence.map { $0.compactMap { $0.string.flatMap(DisplayPath.init(rawValue:)) } } ?? [.userspace])

        let bus: Bus
        if node("bus.spi") != nil {
            bus = .spi(SPIBus(
                device: try require(string("bus.spi.device"), "bus.spi.device"),
                maxSpeedHz: try require(int("bus.spi.max_speed_hz"), "bus.spi.max_speed_hz"),
                commandSpeedHz: int("bus.spi.command_speed_hz"),
                mode: int("bus.spi.mode") ?? 0))
        } else if node("bus.i2c") != nil {
            bus = .i2c(I2CBus(
                bus: try require(int("bus.i2c.bus"), "bus.i2c.bus"),
                address: try require(int("bus.i2c.address"), "bus.i2c.address"),
                speedHz: int("bus.i2c.speed_hz") ?? 400_000))
        } else {
            bus = .simulator
        }

        var backlight: BoardBacklight?
        if node("pins.backlight") != nil {
            var pwm: PWMReference?
            if node("pins.backlight.pwm") != nil {
                pwm = PWMReference(
                    chip: try require(int("pins.backlight.pwm.chip"), "pins.backlight.pwm.chip"),
                    channel: try require(int("pins.backlight.pwm.channel"), "pins.backlight.pwm.channel"),
                    frequencyHz: int("pins.backlight.pwm.frequency_hz") ?? 1000)
            }
            backlight = BoardBacklight(
                gpio: try require(pin("pins.backlight.gpio"), "pins.backlight.gpio"),
                activeHigh: string("pins.backlight.active") != "low",
                pwm: pwm)
        }
        let pins = Pins(chipSelect: string("pins.cs"), dc: pin("pins.dc"), reset: pin("pins.reset"), backlight: backlight)

        var inputs: [NamedPin] = []
        if let buttons = node("buttons")?.mapping {
            for (key, _) in buttons {
                guard let name = key.string, let value = pin("buttons.\(name)") else { continue }
                inputs.append(NamedPin(role: "buttons.\(name)", pin: value))
            }
        }
        for direction in ["up", "down", "left", "right", "press"] {
            if let value = pin("joystick.\(direction)") { inputs.append(NamedPin(role: "joystick.\(direction)", pin: value)) }
        }

        var leds = LEDs()
        if node("leds.apa102") != nil {
            leds.apa102 = BoardAPA102Chain(
                data: try require(pin("leds.apa102.data"), "leds.apa102.data"),
                clock: try require(pin("leds.apa102.clock"), "leds.apa102.clock"),
                count: try require(int("leds.apa102.count"), "leds.apa102.count"))
        }
        if node("leds.rgb") != nil {
            leds.rgb = BoardRGBLED(
                red: try require(pin("leds.rgb.red"), "leds.rgb.red"),
                green: try require(pin("leds.rgb.green"), "leds.rgb.green"),
                blue: try require(pin("leds.rgb.blue"), "leds.rgb.blue"),
                activeHigh: string("leds.rgb.active") != "low")
        }

        let board = BoardDefinition(
            name: try require(string("name"), "name"),
            description: try require(string("description"), "description"),
            vendorURL: string("vendor.url"),
            vendorSource: string("vendor.source"),
            display: display,
            bus: bus,
            pins: pins,
            gpioChips: GPIOChipLabels(
                pi3: string("gpio_chips.pi3") ?? "pinctrl-bcm2835", pi4: string("gpio_chips.pi4") ?? "pinctrl-bcm2711",
                pi5: string("gpio_chips.pi5") ?? "pinctrl-rp1"),
            inputs: inputs,
            leds: leds,
            origin: file,
            sourceText: text)
        return (board, uses, lines)
    }
}
