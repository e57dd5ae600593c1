import AnimaDrawing
import AnimaFiles
import AnimaImage
import Foundation
import Logging

/// The canvas on disk: `<data>/canvas.json` (written atomically when the engine says it is due) and the finished
/// drawings `<data>/drawings/*.png`. A corrupt canvas file is renamed aside (`canvas.json.corrupt`) and reported,
/// never deleted silently.
struct CanvasStorage {
    let canvasPath: String
    let drawingsDirectory: String
    let logger: Logger

    init(dataDirectory: String, logger: Logger) {
        canvasPath = dataDirectory + "/canvas.json"
        drawingsDirectory = dataDirectory + "/drawings"
        self.logger = logger
    }

    /// The saved canvas, if there is a readable one. Fields that are invalid or absurd (a time in the future of `now`)
    /// are dropped or clamped, each named in one warning; the rest of the canvas is used.
    func load(width: Int, height: Int, now: Double) -> CanvasDocument? {
        guard let data = FileManager.default.contents(atPath: canvasPath) else { return nil }
        do {
            let (document, skipped) = try CanvasDocument.decode(Array(data), width: width, height: height, now: now)
            if !skipped.isEmpty {
                logger.warning("canvas file \(canvasPath): \(skipped.count) saved values not used as written (\(skipped.prefix(5).joined(separator: "; ")))")
            }
            return document
        } catch {
            let aside = canvasPath + ".corrupt"
            try? FileManager.default.removeItem(atPath: aside)
            try? FileManager.default.moveItem(atPath: canvasPath, toPath: aside)
            logger.error("canvas file \(canvasPath) is unreadable (\(error)); moved it to \(aside) and starting a fresh canvas")
            return nil
        }
    }

    func save(_ document: CanvasDocument) throws(AtomicFile.WriteError) {
        try AtomicFile.write(document.encoded(), to: canvasPath)
    }

    /// Writes a finished drawing; returns its path and the PNG bytes written.
    func saveDrawing(_ drawing: CompletedDrawing) throws(AtomicFile.WriteError) -> (path: String, png: [UInt8]) {
        try? FileManager.default.createDirectory(atPath: drawingsDirectory, withIntermediateDirectories: true)
        let path = drawingsDirectory + "/" + drawing.fileName
        let png = PNGEncoder.encode(drawing.image)
        try AtomicFile.write(png, to: path)
        return (path, png)
    }
}
