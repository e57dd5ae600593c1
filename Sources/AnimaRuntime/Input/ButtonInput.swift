import AnimaHAL

/// The board's buttons and joystick switches, polled without waiting once per loop iteration: every pending edge
/// goes through the line's debouncer, every completed press becomes an intent. A line that fails is reported once
/// and skipped until it reads again; the creature never stops for a button.
public final class ButtonInput {
    struct Line {
        let role: String
        let input: any GPIOEdgeInput
        var debouncer: ButtonDebouncer
        var failing = false
    }

    private var lines: [Line]
    private let report: (String) -> Void

    public init(lines: [(role: String, input: any GPIOEdgeInput)], report: @escaping (String) -> Void) {
        self.lines = lines.map {
            Line(role: $0.role, input: $0.input,
                 debouncer: ButtonDebouncer(debounceNanoseconds: InputRoles.debounceNanoseconds(role: $0.role)))
        }
        self.report = report
    }

    public var roles: [String] { lines.map(\.role) }

    /// Intents from every press completed since the last poll, in line order then time order.
    public func poll() -> [InputIntent] {
        var intents: [InputIntent] = []
        for index in lines.indices {
            let events: [GPIOEdgeEvent]
            do {
                events = try lines[index].input.waitForEvents(timeoutMilliseconds: 0)
                if lines[index].failing {
                    lines[index].failing = false
                    report("input \(lines[index].role) reads again")
                }
            } catch {
                if !lines[index].failing {
                    lines[index].failing = true
                    report("input \(lines[index].role) (\(lines[index].input.name)): \(error); ignoring it until it reads again")
                }
                continue
            }
            for event in events {
                guard let held = lines[index].debouncer.feed(event),
                      let intent = InputRoles.intent(role: lines[index].role, long: held >= InputRoles.longPressSeconds)
                else { continue }
                intents.append(intent)
            }
        }
        return intents
    }
}
