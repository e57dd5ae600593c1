/// The pull resistor an input asks for. Buttons on display HATs (Mini PiTFT, Display HAT Mini, BrainCraft joystick)
/// short to ground and rely on a pull-up; the kernel sets it at request time, no `raspi-gpio` call needed.
public enum GPIOBias: Sendable, Equatable {
    /// Leave whatever the firmware or device tree set.
    case asIs
    case disabled
    case pullUp
    case pullDown
}
