import Foundation
import Testing

@testable import AnimaRuntime

/// Issue 19 item 5: drawings/ grew by every finished drawing, for ever. It now keeps the newest `keep` and deletes
/// the oldest first; files that are not drawings stay.
@Suite struct DrawingsRetentionTests {
    @Test func theOldestDrawingsGoFirstAndOtherFilesStay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drawings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let names = (0..<12).map { String(format: "lumen_drawing_202601%02d_120000_gestural.png", $0 + 1) }
        for name in names.shuffled() + ["notes.txt", "lumen_drawing_keep.jpg"] {
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        let retention = DrawingsRetention(directory: directory, keep: 5)
        #expect(retention.prune() == 7)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == (Array(names.suffix(5)) + ["lumen_drawing_keep.jpg", "notes.txt"]).sorted())
        #expect(retention.prune() == 0)
        #expect(DrawingsRetention(directory: directory + "/missing").prune() == 0)
    }
}
