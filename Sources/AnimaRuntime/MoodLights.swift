import AnimaDrawing
import AnimaHAL
import Foundation

/// The creature's three LEDs (drawing spec §2.4, simplified: the warm amber palette and the breathing wave, without
/// dances or smoothing). Logical led0 shows warmth, led1 clarity, led2 stability and presence; on the BrainCraft HAT they sit at
/// physical indices 2, 1, 0. Pure: the colours for an anima.
public enum MoodLights {
    public typealias Colour = (r: Int, g: Int, b: Int)

    /// The base brightness of the reference (0.04 of full), as the APA102's 5-bit global brightness.
    public static let brightness: UInt8 = 1

    /// Physical order (index 0 first) for a chain of three.
    public static func colours(for anima: AnimaState) -> [Colour] {
        [stabilityColour(0.6 * anima.stability + 0.4 * anima.presence), clarityColour(anima.clarity), warmthColour(anima.warmth)]
    }

    static func warmthColour(_ warmth: Double) -> Colour {
        if warmth < 0.3 { return (180, 110, 40) }
        if warmth < 0.6 { return lerp((180, 110, 40), (220, 130, 45), (warmth - 0.3) / 0.3) }
        return lerp((220, 130, 45), (255, 150, 50), min(1, (warmth - 0.6) / 0.4))
    }

    static func clarityColour(_ clarity: Double) -> Colour {
        let intensity = min(220, max(120, Int(80 + 140 * clarity)))
        return (intensity, Int(0.82 * Double(intensity)), Int(0.45 * Double(intensity)))
    }

    static func stabilityColour(_ level: Double) -> Colour {
        if level < 0.3 { return (180, 100, 30) }
        if level < 0.6 { return lerp((180, 100, 30), (200, 125, 42), (level - 0.3) / 0.3) }
        return lerp((200, 125, 42), (220, 150, 55), min(1, (level - 0.6) / 0.4))
    }

    static func lerp(_ a: Colour, _ b: Colour, _ t: Double) -> Colour {
        func mix(_ x: Int, _ y: Int) -> Int { Int(Double(x) + (Double(y) - Double(x)) * t) }
        return (mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// The reference's breathing (anima-mcp display/leds/display.py `_animation_loop`, config.py
    /// `breathing_cycle = 12.0`): every ~0.25 s each LED's colour is scaled by 0.92 + 0.08·sin(2πt/12 + i·2π/3),
    /// i the physical index, so a slow wave runs along the chain. (Its global-brightness pulse, at most 0.0032 on top
    /// of 0.04, is below one step of the APA102's 5-bit brightness, so it is not modelled.)
    public static let breathingCycleSeconds = 12.0

    public static func breathing(index: Int, time: Double) -> Double {
        0.92 + 0.08 * sin(time * 2 * Double.pi / breathingCycleSeconds + Double(index) * Double.pi * 2 / 3)
    }

    /// The frame for an APA102 chain of `count` (the mood on the first three, the rest dark), breathing at `time`
    /// (seconds) when given. A non-finite time shows the steady mood.
    public static func apa102(for anima: AnimaState, count: Int, time: Double? = nil) -> [APA102Color] {
        let mood = colours(for: anima).enumerated().map { index, colour in
            let scale = time.flatMap { $0.isFinite ? breathing(index: index, time: $0) : nil } ?? 1
            func channel(_ value: Int) -> UInt8 { UInt8(max(0, min(255, Int(Double(value) * scale)))) }
            return APA102Color(red: channel(colour.r), green: channel(colour.g), blue: channel(colour.b), brightness: brightness)
        }
        return (0..<count).map { $0 < mood.count ? mood[$0] : .off }
    }
}
