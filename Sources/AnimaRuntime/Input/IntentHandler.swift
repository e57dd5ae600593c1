import AnimaDrawing
import AnimaFiles
import AnimaImage
import Foundation

/// Applies button intents to the engine. Returns one line per intent for the log.
struct IntentHandler {
    let drawingsDirectory: String

    /// The era after `era` in registration order, wrapping round.
    static func era(after era: EraName) -> EraName {
        let all = EraName.allCases
        let index = all.firstIndex(of: era) ?? 0
        return all[(index + 1) % all.count]
    }

    /// `showingStatus` is the panel's mode, flipped by `.toggleScreen`.
    func handle(_ intent: InputIntent, engine: DrawingEngine, showingStatus: inout Bool) -> String {
        switch intent {
        case .save:
            guard let (image, fileName) = engine.saveManually() else {
                return "button: save ignored (\(engine.pixelCount == 0 ? "empty canvas" : "the gestural era has no manual save"))"
            }
            let path = drawingsDirectory + "/" + fileName
            do {
                try? FileManager.default.createDirectory(atPath: drawingsDirectory, withIntermediateDirectories: true)
                try AtomicFile.write(PNGEncoder.encode(image), to: path)
                return "button: saved \(path)"
            } catch {
                return "button: could not save \(path): \(error)"
            }
        case .nextEra:
            // Step from the era already queued, so repeated presses walk through the eras.
            let next = Self.era(after: engine.record.pendingEraSwitch ?? engine.era)
            let queued = engine.setEra(next)
            return queued ? "button: next era \(next.rawValue), after this drawing" : "button: era \(next.rawValue)"
        case .toggleScreen:
            showingStatus.toggle()
            return "button: panel shows \(showingStatus ? "the status screen" : "the canvas")"
        }
    }
}
