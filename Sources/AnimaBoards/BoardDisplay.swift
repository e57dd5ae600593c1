import AnimaDisplay
import AnimaHAL

/// Builds a running `Display` for a board and a transport spec — the entry point `anima run`,
/// `anima display test` and `anima flash --test-pattern` share.
///
/// Transport specs: `hardware` (the board's own bus, through a `BoardHardware`), `trace:PATH`, `virtual`,
/// `simulator` (PNG files in the current directory) or `simulator:DIR`.
public enum BoardDisplay {
    public static func open(
        board: BoardDefinition, rotation: BoardRotation? = nil, transport spec: String,
        hardware: (any BoardHardware)? = nil, panelDirectories: [String] = BoardDefinition.standardPanelDirectories
    ) throws(FlashError) -> Display {
        let configuration = try board.panelConfiguration(rotation: rotation, panelDirectories: panelDirectories)
        let transport: any DisplayTransport
        if spec == "hardware" {
            guard let hardware else {
                throw .display("transport 'hardware' needs the HAL's device implementation; this build has none linked. Use trace:PATH, virtual or simulator.")
            }
            transport = try hardwareTransport(board: board, configuration: configuration, hardware: hardware)
        } else {
            do {
                transport = try OfflineTransport.make(spec, configuration: configuration)
            } catch {
                throw .display(error.description.replacingOccurrences(of: "use trace:PATH", with: "use hardware, trace:PATH"))
            }
        }
        do {
            return try Display(configuration: configuration, transport: transport, hardwareReset: board.pins.reset != nil)
        } catch {
            throw .display("\(board.origin): \(error)")
        }
    }

    /// The real bus: spidev + D/C (+ reset, backlight) or i2c-dev, opened through `hardware`.
    static func hardwareTransport(
        board: BoardDefinition, configuration: PanelConfiguration, hardware: any BoardHardware
    ) throws(FlashError) -> any DisplayTransport {
        let chips = board.gpioChips.all
        func output(_ line: Int, activeLow: Bool = false, role: String) throws(FlashError) -> any GPIOOutput {
            do {
                return try hardware.gpioOutput(chipLabels: chips, line: line, activeLow: activeLow, consumer: "anima")
            } catch {
                throw .display("\(board.name) \(role) (GPIO \(line)): \(error)")
            }
        }
        do {
            switch board.bus {
            case let .spi(spi):
                guard let dc = board.pins.dc else { throw FlashError.board(.missingField(file: board.origin, line: 1, field: "pins.dc")) }
                let device = try hardware.spiDevice(path: spi.device, configuration: SPIConfiguration(
                    mode: UInt8(spi.mode), speedHz: UInt32(spi.maxSpeedHz), commandSpeedHz: spi.commandSpeedHz.map(UInt32.init)))
                let reset = try board.pins.reset.map { line throws(FlashError) in try output(line, role: "reset") }
                var backlight: DisplayBacklight?
                if let light = board.pins.backlight {
                    if let pwm = light.pwm {
                        do {
                            // The board's frequency_hz and active level (decoder default 1 kHz; 0 Hz would divide by zero).
                            backlight = .pwm(
                                try hardware.pwmChannel(gpio: light.gpio, chip: pwm.chip, channel: pwm.channel),
                                periodNanoseconds: 1_000_000_000 / UInt64(max(pwm.frequencyHz, 1)), activeLow: !light.activeHigh)
                        } catch {
                            // No PWM overlay: a dark display is worse than no dimming.
                            hardware.warn("\(board.name) backlight: no PWM for GPIO \(light.gpio) (\(error)); "
                                + "using GPIO \(light.gpio) on/off instead. For dimming add the PWM overlay for GPIO \(light.gpio) to /boot/firmware/config.txt.")
                            backlight = .gpio(try output(light.gpio, activeLow: !light.activeHigh, role: "backlight"))
                        }
                    } else {
                        backlight = .gpio(try output(light.gpio, activeLow: !light.activeHigh, role: "backlight"))
                    }
                }
                return SPIDisplayTransport(spi: device, dataCommand: try output(dc, role: "dc"), reset: reset,
                                           backlight: backlight, delay: hardware.delay)
            case let .i2c(i2c):
                let device = try hardware.i2cDevice(bus: i2c.bus, address: UInt16(i2c.address))
                let reset = try board.pins.reset.map { line throws(FlashError) in try output(line, role: "reset") }
                return I2CDisplayTransport(device: device, reset: reset, delay: hardware.delay)
            case .simulator:
                throw FlashError.display("board \(board.name) has no hardware; use --transport simulator, virtual or trace:PATH.")
            }
        } catch let error as FlashError {
            throw error
        } catch let error as HALError {
            throw .display(error.description)
        } catch {
            throw .display("\(error)")
        }
    }
}
