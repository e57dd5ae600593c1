import AnimaImage
import Testing

@testable import AnimaDrawing

/// Each era's intentionality, vocabulary and rules that can be pinned exactly (spec §1.14–1.17).
@Suite struct EraTests {
    @Test func gesturalIntentionality() {
        // 0.15 + 0.55·0.5 + min(0.3, 10/20·0.3) = 0.575
        #expect(abs(GesturalEra(gestureRemaining: 10, commitment: 0.5).intentionality() - 0.575) < 1e-15)
        #expect(abs(GesturalEra(gestureRemaining: 30, commitment: 0.5).intentionality() - 0.725) < 1e-15)
        #expect(abs(GesturalEra(gestureRemaining: 0, commitment: 0).intentionality() - 0.15) < 1e-15)
        #expect(GesturalEra(gestureRemaining: 20, commitment: 1).intentionality() == 1.0)
        #expect(GesturalEra.gestureNames.count == 5)
    }

    @Test func pointillistIntentionality() {
        #expect(abs(PointillistEra(gestureRemaining: 15, zoneRemaining: 5).intentionality() - 0.6) < 1e-15)
        #expect(abs(PointillistEra(gestureRemaining: 0, zoneRemaining: 0).intentionality() - 0.1) < 1e-15)
        #expect(abs(PointillistEra(gestureRemaining: 60, zoneRemaining: 1).intentionality() - 0.7) < 1e-15)
        #expect(PointillistEra.gestureNames.count == 3)
    }

    @Test func fieldIntentionality() {
        // 0.1 + 0.4·(10/40) + 5/25·0.2 = 0.24
        #expect(abs(FieldEra(gestureRemaining: 5, flowSteps: 10, flowMax: 40).intentionality() - 0.24) < 1e-15)
        #expect(abs(FieldEra(gestureRemaining: 0, flowSteps: 0, flowMax: 40).intentionality() - 0.1) < 1e-15)
        #expect(abs(FieldEra(gestureRemaining: 50, flowSteps: 90, flowMax: 40).intentionality() - 0.7) < 1e-15)
        #expect(FieldEra.gestureNames.count == 3)
    }

    @Test func geometricIntentionalityIsPointSixBeforeAndPointOneAfter() {
        #expect(abs(GeometricEra(gestureRemaining: 1).intentionality() - 0.6) < 1e-15)
        #expect(abs(GeometricEra(gestureRemaining: 0).intentionality() - 0.1) < 1e-15)
        #expect(GeometricEra.gestureNames.count == 16)
    }

    @Test func geometricWeights() {
        let weights = GeometricEra.gestureWeights(clarity: 0.82, stability: 0.89)
        #expect(weights == [3, 1.5, 2, 1, 1.5, 1, 1, 1.5, 1, 1.5, 1.5, 1.5, 1, 1.5, 1, 1])
        let unstable = GeometricEra.gestureWeights(clarity: 0.3, stability: 0.3)
        #expect(unstable == [3, 1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1.5])
    }

    @Test func fieldAngle() {
        let era = FieldEra(gestureRemaining: 0, flowSteps: 0, flowMax: 1, seedA: 0, seedB: 0)
        // θ(0, 0) = (sin 0·cos 0 + 0.5·sin 0·cos 0)·π = 0; θ(30π/2, 0) = (1 + 0.5·sin(π/4))·π
        #expect(era.fieldAngle(0, 0) == 0)
        let x = 15 * Double.pi
        #expect(abs(era.fieldAngle(x, 0) - (1 + 0.5 * 0.7071067811865476) * Double.pi) < 1e-12)
    }

    @Test func hsvMatchesColorsys() {
        #expect(EraColor.hsv(0, 1, 1) == RGB(255, 0, 0))
        // h·6 = 3 → (p, q, v) = (0.25, 0.5, 0.5) → int(c·255)
        #expect(EraColor.hsv(0.5, 0.5, 0.5) == RGB(63, 127, 127))
        #expect(EraColor.hsv(0.3, 0, 0.8) == RGB(204, 204, 204))
        // h = 1/3 → i = 1 (q, v, p) with f = 0 → (v, v, p)
        #expect(EraColor.hsvDegrees(120, 1, 1) == RGB(0, 255, 0))
        #expect(EraColor.pyMod(-30, 360) == 330)
        #expect(EraColor.category(forHue: 59.9) == .warm)
        #expect(EraColor.category(forHue: 300.1) == .warm)
        #expect(EraColor.category(forHue: 179) == .cool)
        #expect(EraColor.category(forHue: 200) == .neutral)
    }

    @Test func pointillistMarksAreOneTwoOrThreePixels() {
        var random = SeededRandom(seed: 3)
        for gesture in 0..<3 {
            var era = PointillistEra(gestureRemaining: 5, zoneRemaining: 5)
            while era.gesture != gesture {
                era.chooseGesture(random: &random, clarity: 0.8, stability: 0.8, presence: 0.8, coherence: 0.5)
            }
            var canvas = DrawingCanvas()
            era.placeMark(on: &canvas, random: &random, focusX: 100.7, focusY: 50.2, direction: 0, energy: 1, color: RGB(1, 2, 3))
            #expect(canvas.pixelCount == gesture + 1)
            #expect(canvas.pixel(100, 50) == RGB(1, 2, 3))
        }
    }

    @Test func geometricCircleFillsADisc() {
        var shapes = GeometricShapes(canvas: DrawingCanvas(), random: SeededRandom(seed: 1))
        shapes.circle(100, 100, radius: 2, RGB(9, 9, 9))
        // dx² + dy² ≤ 4 over a 5×5 square: 13 pixels
        #expect(shapes.canvas.pixelCount == 13)
        shapes.line(0, 0, 5, 2, RGB(1, 1, 1))
        #expect(shapes.canvas.pixel(5, 2) == RGB(1, 1, 1))
        #expect(floorDiv(-3, 2) == -2)
        #expect(floorDiv(3, 2) == 1)
    }

    @Test func eraRegistry() {
        #expect(EraName.allCases.map(\.rawValue) == ["gestural", "pointillist", "field", "geometric"])
        #expect(EraName.resolving("expressive") == .gestural)
        var random = SeededRandom(seed: 1)
        #expect(EraName.next(after: .field, autoRotate: false, random: &random) == .field)
        var seen = Set<EraName>()
        for _ in 0..<200 { seen.insert(EraName.next(after: .field, autoRotate: true, random: &random)) }
        #expect(seen.count == 4)
    }
}
