import AnimaDrawing
import Testing

@testable import AnimaFiles
@testable import AnimaRuntime

/// The `era` setting of `anima run`: anima.toml key `era`, `ANIMA_ERA`, `--era`.
@Suite struct EraSettingTests {
    @Test func defaultRotates() throws {
        let configuration = try RuntimeConfiguration(file: nil, environment: [:], flags: [:])
        #expect(try configuration.era == .rotate)
    }

    @Test func fileEnvironmentAndFlagPinAnEra() throws {
        let file = try ConfigFile(path: "/etc/anima/anima.toml", text: "era = \"field\"\n")
        #expect(try RuntimeConfiguration(file: file, environment: [:], flags: [:]).era == .pinned(.field))
        #expect(try RuntimeConfiguration(file: file, environment: ["ANIMA_ERA": "geometric"], flags: [:]).era == .pinned(.geometric))
        #expect(try RuntimeConfiguration(file: file, environment: [:], flags: ["era": "rotate"]).era == .rotate)
    }

    @Test(arguments: ["cubist", "", "Field", "rotate,field", "0"])
    func garbageNamesTheSettingAndTheChoices(_ value: String) throws {
        let file = try ConfigFile(path: "/etc/anima/anima.toml", text: "fps = 20\nera = \"\(value)\"\n")
        do {
            _ = try RuntimeConfiguration(file: file, environment: [:], flags: [:])
            Issue.record("era '\(value)' should be refused")
        } catch {
            #expect(error.key == "era")
            #expect(error.source == .file(path: "/etc/anima/anima.toml", line: 2))
            #expect(error.description.contains("must be one of: rotate, gestural, pointillist, field, geometric"))
        }
    }

    /// Pinning on restart: an empty canvas switches at once; a drawing in progress finishes in its own era first.
    @Test func pinningQueuesBehindADrawingInProgress() {
        let clock = VirtualClock()
        let empty = DrawingEngine(clock: clock, random: SeededRandom(seed: 1))
        _ = EraPinning.apply(.pinned(.geometric), to: empty)
        #expect(empty.era == .geometric)

        let busy = DrawingEngine(clock: clock, random: SeededRandom(seed: 1))
        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        while busy.pixelCount < 50 {
            _ = busy.draw(anima: anima)
            clock.advance(by: 1)
        }
        _ = EraPinning.apply(.pinned(.field), to: busy)
        #expect(busy.era == .gestural)
        #expect(busy.record.pendingEraSwitch == .field)
        _ = EraPinning.apply(.rotate, to: busy)
        #expect(busy.record.pendingEraSwitch == .field, "rotate leaves a resumed canvas as it was")
        _ = EraPinning.apply(.pinned(.gestural), to: busy)
        #expect(busy.record.pendingEraSwitch == nil, "pinned back to the era in progress: the queued switch is dropped")
    }
}
