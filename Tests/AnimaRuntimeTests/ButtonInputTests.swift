import AnimaDrawing
import AnimaHAL
import Foundation
import Testing

@testable import AnimaRuntime

/// Buttons through fake edge-event lines: debounce on kernel timestamps, garbage sequences, intents, and what the
/// intents do to the engine (save, next era, status screen).
@Suite struct ButtonInputTests {
    static func ms(_ value: UInt64) -> UInt64 { value * 1_000_000 }
    static func fall(_ at: UInt64) -> GPIOEdgeEvent { GPIOEdgeEvent(edge: .falling, timestampNanoseconds: ms(at)) }
    static func rise(_ at: UInt64) -> GPIOEdgeEvent { GPIOEdgeEvent(edge: .rising, timestampNanoseconds: ms(at)) }

    /// One press with contact bounce on both edges (reference debounce: 50 ms for buttons) is one press.
    @Test func bouncyPressIsOnePress() {
        var debouncer = ButtonDebouncer(debounceNanoseconds: Self.ms(50))
        let events = [Self.fall(1000), Self.rise(1002), Self.fall(1004), Self.rise(1200), Self.fall(1203), Self.rise(1206)]
        let presses = events.compactMap { debouncer.feed($0) }
        #expect(presses == [0.2])
    }

    @Test(arguments: [
        // release without press; backwards timestamps; double press without release; zero-length storm
        ([rise(10), rise(500)], [Double]()),
        ([fall(1000), rise(900), rise(2000)], [1.0]),
        ([fall(1000), fall(1100), fall(1200), rise(1300)], [0.3]),
        ([fall(5), rise(5), fall(5), rise(5)], [Double]()),
        ([fall(0), rise(60), fall(120), rise(180)], [0.06, 0.06]),
    ])
    func garbageSequences(events: [GPIOEdgeEvent], presses: [Double]) {
        var debouncer = ButtonDebouncer(debounceNanoseconds: Self.ms(50))
        let got = events.compactMap { debouncer.feed($0) }
        #expect(got.count == presses.count)
        for (a, b) in zip(got, presses) { #expect(abs(a - b) < 1e-9) }
    }

    @Test func rolesGiveTheIntents() {
        let braincraftButton = FakeGPIOEdgeInput(name: "GPIO17", level: true)
        let joystickRight = FakeGPIOEdgeInput(name: "GPIO24", level: true)
        let joystickPress = FakeGPIOEdgeInput(name: "GPIO16", level: true)
        let joystickUp = FakeGPIOEdgeInput(name: "GPIO23", level: true)
        var lines: [String] = []
        let input = ButtonInput(lines: [
            ("buttons.button", braincraftButton), ("joystick.right", joystickRight), ("joystick.press", joystickPress),
            ("joystick.up", joystickUp),
        ]) { lines.append($0) }
        braincraftButton.pendingEvents = [Self.fall(100), Self.rise(103), Self.fall(105), Self.rise(300)]
        joystickRight.pendingEvents = [Self.fall(100), Self.rise(180)]
        joystickPress.pendingEvents = [Self.fall(100)]
        joystickUp.pendingEvents = [Self.fall(100), Self.rise(200)]
        #expect(input.poll() == [.save, .nextEra])
        // The joystick press completes on the next poll; an I/O error on a line is reported once and skipped.
        joystickPress.pendingEvents = [Self.rise(400)]
        braincraftButton.failNextWait = .ioFailed(device: "gpiochip0", operation: "read edge events", errno: EIO)
        #expect(input.poll() == [.toggleScreen])
        #expect(lines.count == 1 && lines[0].contains("buttons.button"), "\(lines)")
        #expect(input.poll() == [])
        #expect(lines.last == "input buttons.button reads again")
        // Lettered buttons: a short → next era, a long (≥ 1 s) → save, b → status screen.
        #expect(InputRoles.intent(role: "buttons.a", long: false) == .nextEra)
        #expect(InputRoles.intent(role: "buttons.a", long: true) == .save)
        #expect(InputRoles.intent(role: "buttons.b", long: false) == .toggleScreen)
        #expect(InputRoles.intent(role: "joystick.up", long: false) == nil)
        #expect(InputRoles.intent(role: "", long: true) == nil)
    }

    @Test func intentsDriveSaveEraAndScreen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("buttons-\(UUID().uuidString)").path
        let clock = VirtualClock()
        let engine = DrawingEngine(configuration: DrawingEngineConfiguration(era: .pointillist), clock: clock, random: SeededRandom(seed: 2))
        let handler = IntentHandler(drawingsDirectory: directory)
        var status = false

        // Empty canvas: save is refused with the reason, nothing written.
        #expect(handler.handle(.save, engine: engine, showingStatus: &status).contains("empty canvas"))
        // Next era on an empty canvas switches at once, in registration order, wrapping round.
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        #expect(engine.era == .field)
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        #expect(engine.era == .gestural)
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        #expect(engine.era == .pointillist)

        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        while engine.pixelCount < 60 {
            _ = engine.draw(anima: anima)
            clock.advance(by: 1)
        }
        let line = handler.handle(.save, engine: engine, showingStatus: &status)
        #expect(line.hasPrefix("button: saved"), "\(line)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasSuffix("_pointillist_manual.png"), "\(files)")
        // With a drawing in progress the era switch is queued; a second press steps past the queued one.
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        _ = handler.handle(.nextEra, engine: engine, showingStatus: &status)
        #expect(engine.era == .pointillist)
        #expect(engine.record.pendingEraSwitch == .geometric)

        #expect(handler.handle(.toggleScreen, engine: engine, showingStatus: &status).contains("status screen"))
        #expect(status)
        _ = handler.handle(.toggleScreen, engine: engine, showingStatus: &status)
        #expect(!status)
    }
}
