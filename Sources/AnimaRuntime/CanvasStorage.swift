import AnimaDrawing
import AnimaFiles
import AnimaImage
import Foundation
import Logging

/// The canvas on disk: `<data>/canvas.json` (the reference's format, written whole and atomically) plus
/// `canvas.journal` (what changed since, `CanvasJournal`), and the finished drawings `<data>/drawings/*.png`. A save
/// writes canvas.json whole at most every `fullWriteInterval` of run time, or when asked (a clear, a finished drawing,
/// an era change, the stop); in between it appends the changed pixels and the record to the journal. A corrupt canvas
/// file is renamed aside (`canvas.json.corrupt`) and reported, never deleted silently.
final class CanvasStorage {
    /// How often canvas.json is rewritten whole while a drawing goes on; the journal carries the rest.
    static let fullWriteInterval: Double = 1_800

    let canvasPath: String
    let drawingsDirectory: String
    private let journal: CanvasJournal
    private let logger: Logger
    /// The pixels as canvas.json plus the journal hold them, by `y << 16 | x`.
    private var persisted: [Int: RGB] = [:]
    private var lastFullWrite: Double?

    init(dataDirectory: String, logger: Logger) {
        canvasPath = dataDirectory + "/canvas.json"
        drawingsDirectory = dataDirectory + "/drawings"
        journal = CanvasJournal(path: dataDirectory + "/canvas.journal")
        self.logger = logger
    }

    /// The saved canvas, if there is a readable one: canvas.json with its journal applied. Fields that are invalid or
    /// absurd (a time in the future of `now`) are dropped or clamped, each named in one warning; the rest is used.
    func load(width: Int, height: Int, now: Double) -> CanvasDocument? {
        guard let data = FileManager.default.contents(atPath: canvasPath) else {
            journal.remove()
            return nil
        }
        let bytes = [UInt8](data)
        var document: CanvasDocument
        var skipped: [String]
        do {
            (document, skipped) = try CanvasDocument.decode(bytes, width: width, height: height, now: now)
        } catch {
            let aside = canvasPath + ".corrupt"
            try? FileManager.default.removeItem(atPath: aside)
            try? FileManager.default.moveItem(atPath: canvasPath, toPath: aside)
            journal.remove()
            logger.error("canvas file \(canvasPath) is unreadable (\(error)); moved it to \(aside) and starting a fresh canvas")
            return nil
        }
        var pixels = Self.map(document.pixels)
        var applied = 0
        for line in journal.lines(continuing: bytes) {
            guard let (delta, lineSkipped) = try? CanvasDocument.decode(line, width: width, height: height, now: now) else { break }
            for pixel in delta.pixels { pixels[pixel.y << 16 | pixel.x] = pixel.color }
            document = delta
            skipped = lineSkipped
            applied += 1
        }
        document.pixels = pixels.keys.sorted().compactMap { key in pixels[key].map { .init(x: key & 0xFFFF, y: key >> 16, color: $0) } }
        if !skipped.isEmpty {
            logger.warning("canvas file \(canvasPath): \(skipped.count) saved values not used as written (\(skipped.prefix(5).joined(separator: "; ")))")
        }
        if applied > 0 { logger.info("canvas: \(applied) journal entries applied on top of \(canvasPath)") }
        persisted = pixels
        return document
    }

    /// Persists `document` at run time `now`: whole when `whole` is asked, when the last whole write is
    /// `fullWriteInterval` old, or when pixels went (a clear); else as one journal line.
    func save(_ document: CanvasDocument, now: Double, whole: Bool = false) throws(AtomicFile.WriteError) {
        let current = Self.map(document.pixels)
        let cleared = persisted.keys.contains { current[$0] == nil }
        if whole || cleared || lastFullWrite.map({ now - $0 >= Self.fullWriteInterval || now < $0 }) ?? true {
            let bytes = document.encoded()
            try AtomicFile.write(bytes, to: canvasPath)
            lastFullWrite = now
            persisted = current
            do {
                try journal.start(continuing: bytes)
            } catch {
                journal.remove()  // a stale journal never applies to this base (its header names the old one)
            }
            return
        }
        var delta = document
        delta.pixels = document.pixels.filter { persisted[$0.y << 16 | $0.x] != $0.color }
        try journal.append(delta.encoded())
        for pixel in delta.pixels { persisted[pixel.y << 16 | pixel.x] = pixel.color }
    }

    /// Writes a finished drawing; returns its path and the PNG bytes written.
    func saveDrawing(_ drawing: CompletedDrawing) throws(AtomicFile.WriteError) -> (path: String, png: [UInt8]) {
        try? FileManager.default.createDirectory(atPath: drawingsDirectory, withIntermediateDirectories: true)
        let path = drawingsDirectory + "/" + drawing.fileName
        let png = PNGEncoder.encode(drawing.image)
        try AtomicFile.write(png, to: path)
        return (path, png)
    }

    private static func map(_ pixels: [CanvasDocument.Pixel]) -> [Int: RGB] {
        var map: [Int: RGB] = [:]
        map.reserveCapacity(pixels.count)
        for pixel in pixels { map[pixel.y << 16 | pixel.x] = pixel.color }
        return map
    }
}
