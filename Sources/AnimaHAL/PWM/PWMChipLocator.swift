/// Finds the sysfs PWM chip and channel that drive a header GPIO, by what the chip *is* rather than its number:
/// the number depends on probe order and differs between a Pi 4 (pwmchip0) and a Pi 5 (pwmchip2 with the
/// pwm-2chan overlay), and the channel differs too.
///
/// Each `/sys/class/pwm/pwmchipN/device/uevent` carries the controller's device-tree node (drivers/of/device.c
/// `of_device_uevent`: `OF_FULLNAME=`, `OF_COMPATIBLE_0=`). Facts:
/// - Pi 3/4: one `brcm,bcm2835-pwm` controller with two channels; the overlay README's "PWM0: 12,4(Alt0) 18,2(Alt5)"
///   and "PWM1: 13,4(Alt0) 19,2(Alt5)" (raspberrypi/linux arch/arm/boot/dts/overlays/README, `pwm`, `pwm-2chan`).
/// - Pi 5: the header pins belong to RP1's first PWM block, `raspberrypi,rp1-pwm` at `pwm@…98000`
///   (raspberrypi/linux rp1 device tree; the second block, `pwm@…9c000`, is not on the header pins), with GPIO 12, 13,
///   18, 19 on channels 0, 1, 2, 3 (RP1 peripherals datasheet GPIO function table: PWM0_CHAN0–3).
public struct PWMChipLocator: Sendable {
    /// Where a GPIO's PWM is: `/sys/class/pwm/pwmchip<chip>/pwm<channel>`, and the controller that was recognised.
    public struct Location: Sendable, Equatable {
        public var chip: Int
        public var channel: Int
        public var controller: String

        public init(chip: Int, channel: Int, controller: String) {
            self.chip = chip
            self.channel = channel
            self.controller = controller
        }
    }

    static let bcm2835Channels = [12: 0, 18: 0, 13: 1, 19: 1]
    static let rp1Channels = [12: 0, 13: 1, 18: 2, 19: 3]

    public let sysfsRoot: String

    public init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// The chip and channel for `gpio`, or nil when no recognised controller on this machine drives that pin.
    public func location(forGPIO gpio: Int) -> Location? {
        let classDirectory = "\(sysfsRoot)/class/pwm"
        for entry in PosixFiles.entries(of: classDirectory) where entry.hasPrefix("pwmchip") {
            guard let chip = Int(entry.dropFirst("pwmchip".count)),
                  case let .success(uevent) = PosixFiles.readText("\(classDirectory)/\(entry)/device/uevent") else { continue }
            let fields = Self.fields(of: uevent)
            let compatible = fields["OF_COMPATIBLE_0"] ?? ""
            if compatible == "raspberrypi,rp1-pwm", fields["OF_FULLNAME"]?.hasSuffix("98000") == true,
               let channel = Self.rp1Channels[gpio] {
                return Location(chip: chip, channel: channel, controller: "RP1 pwm0 (\(compatible))")
            }
            if compatible == "brcm,bcm2835-pwm", let channel = Self.bcm2835Channels[gpio] {
                return Location(chip: chip, channel: channel, controller: "BCM283x pwm (\(compatible))")
            }
        }
        return nil
    }

    /// `KEY=value` lines of a uevent file.
    static func fields(of uevent: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in uevent.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return fields
    }
}
