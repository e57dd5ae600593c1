import AnimaBoards
import AnimaHAL

/// Requests the board's buttons and joystick switches (boards/*.yaml `buttons`, `joystick`) as edge-event lines with
/// pull-ups on the header's GPIO chip. A line that cannot be had is reported and left out; nil when none can.
/// The chip is found as the display and LEDs find theirs: every label the board names, `board.gpioChips.all` (Pi 4,
/// Pi 5, Pi 3 / Zero 2 W), so a board whose display works has working buttons too.
enum ButtonLines {
    static func open(
        board: BoardDefinition, locator: GPIOChipLocator = GPIOChipLocator(), report: @escaping (String) -> Void
    ) -> ButtonInput? {
        guard !board.inputs.isEmpty else { return nil }
        let chip: GPIOChip
        do {
            chip = try locator.open(board.gpioChips.all.map(GPIOChipSelector.label))
        } catch {
            report("buttons: \(error); the board's buttons do nothing this run")
            return nil
        }
        var lines: [(role: String, input: any GPIOEdgeInput)] = []
        for pin in board.inputs where InputRoles.intent(role: pin.role, long: false) != nil
            || InputRoles.intent(role: pin.role, long: true) != nil {
            do {
                lines.append((pin.role, try chip.edgeInput(line: UInt32(pin.pin), bias: .pullUp)))
            } catch {
                report("buttons: \(pin.role) on GPIO \(pin.pin): \(error)")
            }
        }
        guard !lines.isEmpty else { return nil }
        return ButtonInput(lines: lines, report: report)
    }
}
