import AnimaFiles
import Foundation

/// Copies the reference's `canvas.json` and `drawings/*.png` into anima's data directory. canvas.json has the same keys
/// and epoch-second times in both (anima-mcp `display/drawing_engine.py` `save_to_disk`; anima's `CanvasDocument`), so
/// its bytes carry over. A file anima already has is never overwritten: the same bytes count as present, different
/// bytes as anima's own (the creature has drawn since) and are kept.
struct ReferenceFilesImport {
    let sourceDirectory: String
    let targetDirectory: String

    func copy(into report: inout AdoptionReport) throws(AdoptionError) {
        report.canvas = try copyFile(from: sourceDirectory + "/canvas.json", to: targetDirectory + "/canvas.json")
        let drawings = sourceDirectory + "/drawings"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: drawings)) ?? [])
            .filter { $0.hasSuffix(".png") }
            .sorted()
        guard !names.isEmpty else { return }
        let targetDrawings = targetDirectory + "/drawings"
        do {
            try FileManager.default.createDirectory(atPath: targetDrawings, withIntermediateDirectories: true)
        } catch {
            throw .file(path: targetDrawings, message: error.localizedDescription)
        }
        for name in names {
            switch try copyFile(from: drawings + "/" + name, to: targetDrawings + "/" + name) {
            case .copied: report.drawingsCopied += 1
            case .identical: report.drawingsAlreadyPresent += 1
            case .keptExisting: report.drawingsKeptExisting.append(name)
            case .absent: break
            }
        }
    }

    private func copyFile(from source: String, to target: String) throws(AdoptionError) -> AdoptionReport.FileOutcome {
        guard let bytes = FileManager.default.contents(atPath: source) else { return .absent }
        if let existing = FileManager.default.contents(atPath: target) {
            return existing == bytes ? .identical : .keptExisting
        }
        do {
            try AtomicFile.write([UInt8](bytes), to: target)
        } catch {
            throw .file(path: target, message: error.description)
        }
        return .copied
    }
}
