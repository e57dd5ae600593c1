/// A board (a HAT, a module wiring, or the simulator) as data: which controller, how big, on which bus, and
/// which BCM pins do what. Drivers know controllers and nothing of boards; a board names a driver and supplies
/// everything else, as a Zephyr board or shield does. Values are validated when loaded (`BoardLoader`), so a
/// `BoardDefinition` is always internally consistent.
public struct BoardDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var vendorURL: String?
    public var vendorSource: String?
    public var display: DisplaySpec
    public var bus: Bus
    public var pins: Pins
    public var gpioChips: GPIOChipLabels
    /// Buttons and joystick switches in file order, each a role such as `buttons.a` or `joystick.up`.
    public var inputs: [NamedPin]
    public var leds: LEDs
    /// Where the definition came from: a file path, or `<built-in>` for the embedded simulator.
    public var origin: String
    /// The exact text it was parsed from (what `anima flash` copies to /etc/anima/boards).
    public var sourceText: String

    public init(
        name: String, description: String, vendorURL: String? = nil, vendorSource: String? = nil,
        display: DisplaySpec, bus: Bus, pins: Pins = Pins(), gpioChips: GPIOChipLabels = GPIOChipLabels(),
        inputs: [NamedPin] = [], leds: LEDs = LEDs(), origin: String, sourceText: String
    ) {
        self.name = name
        self.description = description
        self.vendorURL = vendorURL
        self.vendorSource = vendorSource
        self.display = display
        self.bus = bus
        self.pins = pins
        self.gpioChips = gpioChips
        self.inputs = inputs
        self.leds = leds
        self.origin = origin
        self.sourceText = sourceText
    }
}

/// Degrees clockwise from the controller's native orientation.
public enum BoardRotation: Int, Sendable, CaseIterable, Equatable {
    case deg0 = 0, deg90 = 90, deg180 = 180, deg270 = 270
}

public enum BoardColorOrder: String, Sendable, Equatable { case rgb, bgr }

public enum BoardPixelFormat: String, Sendable, Equatable {
    case rgb565, rgb666
    /// One bit per pixel, SSD1306 pages.
    case mono1
}

/// The glass and its controller. `width`/`height`/offsets are at rotation 0, in controller RAM terms.
public struct DisplaySpec: Sendable, Equatable {
    /// A built-in controller name (`st7789`, …) or nil when `panel` names a declarative panel file.
    public var controller: String?
    public var panel: String?
    public var width: Int
    public var height: Int
    public var xOffset: Int
    public var yOffset: Int
    public var rotation: BoardRotation
    public var colorOrder: BoardColorOrder
    public var inverted: Bool
    public var pixelFormat: BoardPixelFormat
    /// The display paths this board supports (`display.paths`; default userspace only).
    public var paths: [DisplayPath]

    public init(
        controller: String?, panel: String? = nil, width: Int, height: Int, xOffset: Int = 0, yOffset: Int = 0,
        rotation: BoardRotation = .deg0, colorOrder: BoardColorOrder = .rgb, inverted: Bool = false,
        pixelFormat: BoardPixelFormat = .rgb565, paths: [DisplayPath] = [.userspace]
    ) {
        self.controller = controller
        self.panel = panel
        self.width = width
        self.height = height
        self.xOffset = xOffset
        self.yOffset = yOffset
        self.rotation = rotation
        self.colorOrder = colorOrder
        self.inverted = inverted
        self.pixelFormat = pixelFormat
        self.paths = paths
    }
}

/// How the Pi talks to the display.
public enum Bus: Sendable, Equatable {
    case spi(SPIBus)
    case i2c(I2CBus)
    /// No hardware: the simulator transports only.
    case simulator
}

extension Bus {
    /// Header pins the bus itself occupies (BCM). MISO is left out: write-only panels may use it for D/C, as the
    /// Display HAT Mini does. Used by the duplicate-pin rule and the `boards show` pin map.
    public var headerPins: [NamedPin] {
        switch self {
        case let .spi(spi):
            guard let (number, cs) = spi.busAndChipSelect else { return [] }
            switch number {
            case 0:
                return [NamedPin(role: "bus.spi (SCLK)", pin: 11), NamedPin(role: "bus.spi (MOSI)", pin: 10),
                        NamedPin(role: "bus.spi (CE\(cs))", pin: cs == 0 ? 8 : 7)]
            case 1:
                let enables = [18, 17, 16]
                return [NamedPin(role: "bus.spi (SCLK)", pin: 21), NamedPin(role: "bus.spi (MOSI)", pin: 20)]
                    + (cs < enables.count ? [NamedPin(role: "bus.spi (CE\(cs))", pin: enables[cs])] : [])
            default:
                return []
            }
        case let .i2c(i2c):
            switch i2c.bus {
            case 1: return [NamedPin(role: "bus.i2c (SDA)", pin: 2), NamedPin(role: "bus.i2c (SCL)", pin: 3)]
            case 0: return [NamedPin(role: "bus.i2c (SDA)", pin: 0), NamedPin(role: "bus.i2c (SCL)", pin: 1)]
            default: return []
            }
        case .simulator:
            return []
        }
    }
}

public struct SPIBus: Sendable, Equatable {
    public var device: String
    public var maxSpeedHz: Int
    public var commandSpeedHz: Int?
    public var mode: Int

    public init(device: String, maxSpeedHz: Int, commandSpeedHz: Int? = nil, mode: Int = 0) {
        self.device = device
        self.maxSpeedHz = maxSpeedHz
        self.commandSpeedHz = commandSpeedHz
        self.mode = mode
    }

    /// The bus and chip-select numbers from `/dev/spidevB.C`.
    public var busAndChipSelect: (bus: Int, chipSelect: Int)? {
        guard device.hasPrefix("/dev/spidev") else { return nil }
        let parts = device.dropFirst("/dev/spidev".count).split(separator: ".")
        guard parts.count == 2, let bus = Int(parts[0]), let cs = Int(parts[1]) else { return nil }
        return (bus, cs)
    }
}

public struct I2CBus: Sendable, Equatable {
    public var bus: Int
    public var address: Int
    public var speedHz: Int

    public init(bus: Int, address: Int, speedHz: Int = 400_000) {
        self.bus = bus
        self.address = address
        self.speedHz = speedHz
    }

    public var devicePath: String { "/dev/i2c-\(bus)" }
}

/// Display control pins (BCM numbers).
public struct Pins: Sendable, Equatable {
    /// `ce0` or `ce1`, when the board names it.
    public var chipSelect: String?
    public var dc: Int?
    public var reset: Int?
    public var backlight: BoardBacklight?

    public init(chipSelect: String? = nil, dc: Int? = nil, reset: Int? = nil, backlight: BoardBacklight? = nil) {
        self.chipSelect = chipSelect
        self.dc = dc
        self.reset = reset
        self.backlight = backlight
    }
}

public struct BoardBacklight: Sendable, Equatable {
    public var gpio: Int
    public var activeHigh: Bool
    /// Set when brightness is driven through sysfs PWM rather than plain on/off.
    public var pwm: PWMReference?

    public init(gpio: Int, activeHigh: Bool = true, pwm: PWMReference? = nil) {
        self.gpio = gpio
        self.activeHigh = activeHigh
        self.pwm = pwm
    }
}

public struct PWMReference: Sendable, Equatable {
    public var chip: Int
    public var channel: Int
    public var frequencyHz: Int

    public init(chip: Int, channel: Int, frequencyHz: Int = 1000) {
        self.chip = chip
        self.channel = channel
        self.frequencyHz = frequencyHz
    }
}

/// Chip labels to look up with libgpiod on each Pi generation. The defaults are the kernel's gpio_chip labels:
/// Raspberry Pi kernel drivers/pinctrl/bcm/pinctrl-bcm2835.c labels the BCM2835/6/7 chip (Pi 3, Zero 2 W) with
/// MODULE_NAME "pinctrl-bcm2835" and the BCM2711 one (Pi 4, 400) "pinctrl-bcm2711"; drivers/pinctrl/pinctrl-rp1.c
/// labels the Pi 5's RP1 "pinctrl-rp1".
public struct GPIOChipLabels: Sendable, Equatable {
    public var pi3: String
    public var pi4: String
    public var pi5: String

    public init(pi3: String = "pinctrl-bcm2835", pi4: String = "pinctrl-bcm2711", pi5: String = "pinctrl-rp1") {
        self.pi3 = pi3
        self.pi4 = pi4
        self.pi5 = pi5
    }

    /// Every label, in the order a lookup tries them (only one exists on any one Pi).
    public var all: [String] { [pi4, pi5, pi3] }
}

/// A pin with the role it plays (`buttons.a`, `joystick.up`).
public struct NamedPin: Sendable, Equatable {
    public var role: String
    public var pin: Int

    public init(role: String, pin: Int) {
        self.role = role
        self.pin = pin
    }
}

public struct LEDs: Sendable, Equatable {
    public var apa102: BoardAPA102Chain?
    public var rgb: BoardRGBLED?

    public init(apa102: BoardAPA102Chain? = nil, rgb: BoardRGBLED? = nil) {
        self.apa102 = apa102
        self.rgb = rgb
    }
}

public struct BoardAPA102Chain: Sendable, Equatable {
    public var data: Int
    public var clock: Int
    public var count: Int

    public init(data: Int, clock: Int, count: Int) {
        self.data = data
        self.clock = clock
        self.count = count
    }
}

public struct BoardRGBLED: Sendable, Equatable {
    public var red: Int
    public var green: Int
    public var blue: Int
    public var activeHigh: Bool

    public init(red: Int, green: Int, blue: Int, activeHigh: Bool = true) {
        self.red = red
        self.green = green
        self.blue = blue
        self.activeHigh = activeHigh
    }
}
