import AnimaFiles
import AnimaGovernanceClient
import Foundation
import Testing

@testable import AnimaRuntime

/// Issue 12 item 9: status.json is derived state rewritten every 2 s — it was fsynced each time (≈0.6 GB/day on an
/// SD card) and copied the host's verdict reason whatever its size.
@Suite struct StatusFileTests {
    static func status(reason: String) -> RuntimeStatus {
        RuntimeStatus(
            board: "simulator", pid: 1, updatedAt: "2026-11-28T10:00:00Z", running: true, displayState: "ok", fps: 1,
            bytesPerFrame: 0, era: "gestural", arcPhase: "opening", marks: 0, pixels: 0, drawingsCompleted: 0,
            E: 0, I: 0, S: 0, V: 0, C: 0, paused: false, lastRecorderCommit: nil, recorderFailures: 0, outboxDepth: 0,
            summariesCreated: 0, summariesSent: 0, lastSync: nil,
            lastVerdict: RuntimeStatus.Verdict(action: "proceed", margin: "comfortable", reason: reason, source: "host", at: nil),
            missingInputs: [])
    }

    /// Pins the 1 MB reason copied whole into status.json every 2 s.
    @Test func aMegabyteReasonIsCappedInStatusJSON() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("anima-status-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        try Self.status(reason: String(repeating: "x", count: 1_000_000)).write(dataDirectory: data)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: RuntimeStatus.path(dataDirectory: data))[.size] as? Int)
        #expect(size < 4096)
        let read = try RuntimeStatus.read(dataDirectory: data)
        #expect((read.lastVerdict?.reason.count ?? 0) <= HostText.maxLength)
        #expect(read.lastVerdict?.reason.hasSuffix("…") == true)
    }

    /// status.json carries the data directory's free space; one written before the field existed still reads.
    @Test func freeDiskIsInStatusAndOlderFilesStillRead() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("anima-status-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        var status = Self.status(reason: "ok")
        status.diskFreeBytes = DiskFull.freeBytes(at: data)
        try status.write(dataDirectory: data)
        let read = try RuntimeStatus.read(dataDirectory: data)
        #expect(read.diskFreeBytes != nil && read.diskFreeBytes == status.diskFreeBytes)

        let path = RuntimeStatus.path(dataDirectory: data)
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        document.removeValue(forKey: "disk_free_bytes")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        #expect(try RuntimeStatus.read(dataDirectory: data).diskFreeBytes == nil)
    }

    /// Pins the fsync of every status write: status.json is written for readers only (temp + rename, no fsync), and
    /// the replacement still leaves no temporary file and a complete document.
    @Test func statusIsReplacedAtomicallyWithoutFsync() throws {
        #expect(RuntimeStatus.fileDurability == .readersOnly)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("anima-status-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        for index in 0..<20 { try Self.status(reason: "round \(index)").write(dataDirectory: data) }
        #expect(try RuntimeStatus.read(dataDirectory: data).lastVerdict?.reason == "round 19")
        #expect(!FileManager.default.fileExists(atPath: RuntimeStatus.path(dataDirectory: data) + ".tmp"))
    }
}
