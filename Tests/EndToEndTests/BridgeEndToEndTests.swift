import AnimaStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The device and the host together: `anima run` against the built `governance-host` on the PostgreSQL `make test`
/// started. Serialized: each test runs a host and a creature, and they share two cores.
@Suite(.serialized) struct BridgeEndToEndTests {
    let anima = BuiltProduct.path("anima")
    static let healthy = "0.41,0.82,0.89,0.83"

    private func runArguments(_ host: GovernanceHostFixture, data: String, anima: String = healthy) -> [String] {
        ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--seed", "11", "--anima", anima,
         "--governance-url", host.url, "--token-file", host.tokenFile, "--governance-interval", "30"]
    }

    private func status(_ data: String) -> [String: Any]? {
        guard let bytes = FileManager.default.contents(atPath: data + "/status.json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any]
    }

    private func counter(_ data: String, _ key: String) throws -> Int {
        let store = try AnimaStore(path: data + "/anima.db")
        defer { store.close() }
        return try store.runtimeState.counter(key)
    }

    @Test func summariesArriveAndStatusShowsTheHostVerdict() throws {
        let host = try GovernanceHostFixture()
        try host.start()
        let data = ProcessRunner.temporaryDirectory("bridge-sync")
        let result = try ProcessRunner.run(anima, runArguments(host, data: data) + ["--marks", "200"])
        #expect(result.status == 0, "\(result.output)")

        let created = try counter(data, "governance.summaries_created")
        let stored = try host.storedSummaries()
        #expect(created > 10, "a summary every 30 virtual seconds: \(created)")
        #expect(stored.rows == created && stored.distinct == created, "host \(stored), device created \(created)")
        let device = try #require(status(data))
        // The host holds every summary (above). The device may not have heard every answer before it exited (the
        // shutdown flush is bounded): such rows stay queued and a resend is a harmless duplicate.
        let sent = try counter(data, "governance.summaries_sent")
        #expect(sent > 0 && sent <= created, "sent \(sent) of \(created)")
        #expect(!(device["last_sync"] is NSNull))
        let verdict = try #require(device["last_verdict"] as? [String: Any])
        #expect(verdict["source"] as? String == "host")
        #expect(verdict["action"] as? String == "proceed")
        // The host's view of the drawing follows the device's: no summary claims more marks than the device made.
        #expect(stored.maxMarks <= device["marks"] as? Int ?? 0)
        let history = try AnimaStore(path: data + "/anima.db").recentDrawingHistory(limit: 1)
        #expect((history.last?.snapshot.marks ?? 0) <= device["marks"] as? Int ?? 0)
        let agents = try host.host(["agents", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(agents.output.utf8)) as? [[String: Any]])
        #expect(list.first?["summaries"] as? Int == created)
    }

    /// The host crashes (SIGKILL) again and again while the creature draws; after the last restart and `anima sync`,
    /// the host holds every summary the device created, exactly once.
    @Test func hostCrashesLoseAndDuplicateNothing() throws {
        let host = try GovernanceHostFixture()
        try host.start()
        let data = ProcessRunner.temporaryDirectory("bridge-crash")
        let creature = try ProcessRunner.start("anima", runArguments(host, data: data), log: data + "-run.log")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: .random(in: 0.1...0.6, using: &generator))
            host.crash()
            Thread.sleep(forTimeInterval: .random(in: 0.1...0.6, using: &generator))
            try host.start()
        }
        Thread.sleep(forTimeInterval: 1)
        kill(creature.processIdentifier, SIGTERM)
        creature.waitUntilExit()
        #expect(creature.terminationStatus == 0)

        let sync = try ProcessRunner.run(anima, ["sync", "--data-dir", data, "--governance-url", host.url, "--token-file", host.tokenFile])
        #expect(sync.status == 0, "\(sync.output)")
        let created = try counter(data, "governance.summaries_created")
        let stored = try host.storedSummaries()
        #expect(created > 20)
        #expect(stored.rows == created, "lost or duplicated: host has \(stored.rows) rows, device created \(created)")
        #expect(stored.distinct == stored.rows)
        // `anima status` reads the governance figures from anima.db, so it is right after the sync too.
        let shown = try ProcessRunner.run(anima, ["status", "--json", "--data-dir", data])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
        #expect(object["outbox_depth"] as? Int == 0)
        #expect(object["summaries_created"] as? Int == created)
    }

    /// A host verdict of pause stops new marks.
    @Test func hostPauseStopsNewMarks() throws {
        let host = try GovernanceHostFixture()
        try host.start()
        let data = ProcessRunner.temporaryDirectory("bridge-pause")
        // Low warmth and clarity, high entropy: the host's risk is high-risk → pause.
        let creature = try ProcessRunner.start("anima", runArguments(host, data: data, anima: "0.1,0.1,0.1,0.9"), log: data + "-run.log")
        defer { if creature.isRunning { creature.terminate() } }
        let paused = ProcessRunner.wait(seconds: 30) {
            let verdict = status(data)?["last_verdict"] as? [String: Any]
            return verdict?["action"] as? String == "pause" && verdict?["source"] as? String == "host" && status(data)?["paused"] as? Bool == true
        }
        #expect(paused, "no host pause reached the creature: \(String(describing: status(data)))")
        // While paused no mark is placed: the mark count never rises and no history row is added. (Autonomy still
        // runs, so a false start may clear the drawing: the count can fall to 0, never rise.)
        let marksWhenPaused = status(data)?["marks"] as? Int ?? -1
        let rowsWhenPaused = try AnimaStore(path: data + "/anima.db").drawingHistoryCount()
        for _ in 0..<6 {
            Thread.sleep(forTimeInterval: 0.5)
            #expect(status(data)?["marks"] as? Int ?? Int.max <= marksWhenPaused, "marks went on while paused")
        }
        #expect(try AnimaStore(path: data + "/anima.db").drawingHistoryCount() == rowsWhenPaused)
        kill(creature.processIdentifier, SIGTERM)
        creature.waitUntilExit()
        #expect(creature.terminationStatus == 0)
    }

    /// No host answering: the local fallback decides, and says so.
    @Test func unreachableHostFallsBackToLocalVerdict() throws {
        let data = ProcessRunner.temporaryDirectory("bridge-local")
        let tokenFile = data + "/token"
        _ = FileManager.default.createFile(atPath: tokenFile, contents: Data("unused".utf8), attributes: [.posixPermissions: 0o600])
        let port = try GovernanceHostFixture.freePort()
        let creature = try ProcessRunner.start("anima", [
            "run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--anima", "0.41,0.82,0.89,0.2",
            "--governance-url", "http://127.0.0.1:\(port)", "--token-file", tokenFile, "--governance-interval", "30",
        ], log: data + "-run.log")
        defer { if creature.isRunning { creature.terminate() } }
        let local = ProcessRunner.wait(seconds: 30) {
            (status(data)?["last_verdict"] as? [String: Any])?["source"] as? String == "local"
        }
        #expect(local, "no local verdict: \(String(describing: status(data)))")
        let verdict = status(data)?["last_verdict"] as? [String: Any]
        #expect(verdict?["action"] as? String == "pause", "presence 0.2 → V 0.24 crosses the void threshold")
        kill(creature.processIdentifier, SIGTERM)
        creature.waitUntilExit()
        #expect(creature.terminationStatus == 0)
        #expect((status(data)?["outbox_depth"] as? Int ?? 0) > 0, "unsent summaries stay queued")
    }
}
