import Testing

@testable import AnimaDrawing

/// The reference creature's figures (spec "Reference figures to compare against"): anima (0.41, 0.82, 0.89, 0.83),
/// 1 s per draw() call, ten seeds per era. Seeded, so the figures are exact for this RNG; the bounds are the
/// reference's ranges, so the test fails if a change to the rules moves an era away from the reference behaviour.
/// Measured values are in docs/drawing-engine.md.
@Suite struct ReferenceFiguresTests {
    struct Figures {
        var marks: [Int] = []
        var paths: [CompletionPath] = []
        var meanMarks: Double { Double(marks.reduce(0, +)) / Double(marks.count) }
    }

    func measure(_ era: EraName) -> Figures {
        var figures = Figures()
        for seed in UInt64(1)...10 {
            var simulation = DrawingSimulation(era: era, seed: seed, anima: referenceAnima)
            simulation.run(drawings: 1) { event in
                if case let .completed(drawing) = event.kind {
                    figures.marks.append(drawing.marks)
                    figures.paths.append(drawing.path)
                }
            }
        }
        return figures
    }

    @Test func gesturalEndsNearEightHundredSeventyMarksBySatisfaction() {
        let figures = measure(.gestural)
        #expect(figures.marks.count == 10)
        #expect((750...1000).contains(figures.meanMarks), "mean \(figures.meanMarks)")
        #expect(figures.paths.filter { $0 == .compositionalSatisfaction }.count >= 6)
    }

    @Test func pointillistEndsNearEightHundredSeventyMarksByFatigue() {
        let figures = measure(.pointillist)
        #expect((750...1000).contains(figures.meanMarks), "mean \(figures.meanMarks)")
        #expect(figures.paths.allSatisfy { $0 == .fatigue })
    }

    @Test func fieldDrawsAboutSixHundredThirtyMarksThenWaitsForTheEightHourLimit() {
        let figures = measure(.field)
        #expect((550...750).contains(figures.meanMarks), "mean \(figures.meanMarks)")
        #expect(figures.paths.allSatisfy { $0 == .timeLimit })
    }

    @Test func geometricEndsAtThePixelLimitAfterAboutEightyMarks() {
        let figures = measure(.geometric)
        #expect((60...100).contains(figures.meanMarks), "mean \(figures.meanMarks)")
        #expect(figures.paths.allSatisfy { $0 == .pixelLimit })
    }
}
