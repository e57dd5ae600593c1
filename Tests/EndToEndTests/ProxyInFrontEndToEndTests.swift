import AnimaStore
import Foundation
import Testing

/// Issue 19 item 2, as a Pi owner meets it: `governance.url` points at a proxy (nginx answering its HTML 404). Before,
/// every summary went to the quarantine for good and 107 finished drawings were discarded; after fixing the URL,
/// `anima sync` delivered 0 and never uploaded a drawing. Now nothing is set aside, `anima status` says what answered,
/// and one `anima sync` with the right URL delivers every summary and every drawing.
@Suite(.serialized) struct ProxyInFrontEndToEndTests {
    let anima = BuiltProduct.path("anima")

    @Test func aProxysPagesKeepEverythingQueuedAndTheFixedURLDeliversIt() throws {
        let proxy = try ProxyStandIn()
        defer { proxy.stop() }
        let host = try GovernanceHostFixture()
        try host.start()
        let data = ProcessRunner.temporaryDirectory("proxy-in-front")
        let run = try ProcessRunner.run(anima, [
            "run", "--board", "simulator", "--data-dir", data, "--clock-step", "5", "--seed", "3", "--marks", "2600",
            "--anima", "0.41,0.82,0.89,0.83", "--governance-url", proxy.url, "--token-file", host.tokenFile,
            "--governance-interval", "60",
        ])
        #expect(run.status == 0, "\(run.output.suffix(2000))")
        #expect(proxy.requests > 0, "the run tried the proxy")
        #expect(run.output.contains("is not the governance host's answer"), "\(run.output.suffix(2000))")

        let store = try AnimaStore(path: data + "/anima.db")
        let queued = try store.outbox.depth()
        let created = try store.runtimeState.counter("governance.summaries_created")
        #expect(queued > 0 && queued == created, "every summary stays queued: \(queued) of \(created)")
        #expect(try store.outbox.quarantinedCount() == 0)
        let drawings = try store.drawingUploads.depth()
        let drawingsSetAside = try store.drawingUploads.quarantinedCount() + store.drawingUploads.refusedCount()
        #expect(drawings >= 2 && drawingsSetAside == 0, "\(drawings) queued, \(drawingsSetAside) set aside")
        // One summary set aside by hand (as an older anima did with every one): the requeue flag brings it back.
        let first = try #require(try store.outbox.oldest(limit: 1).first)
        try store.outbox.quarantine(id: first.id, status: 404, reason: "refused by an older anima", at: 0)
        store.close()

        let status = try ProcessRunner.run(anima, ["status", "--data-dir", data])
        #expect(status.output.contains("sync error") && status.output.contains("is not the governance host's answer"), "\(status.output)")
        let json = try ProcessRunner.run(anima, ["status", "--json", "--data-dir", data])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["governance_error"] as? String)?.contains("HTTP 404") == true, "\(json.output)")

        let sync = try ProcessRunner.run(anima, [
            "sync", "--requeue-quarantined", "--data-dir", data, "--governance-url", host.url, "--token-file", host.tokenFile,
        ])
        #expect(sync.status == 0, "\(sync.output)")
        #expect(sync.output.contains("requeued 1 quarantined summaries"), "\(sync.output)")
        #expect(try host.storedSummaries().distinct == created)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: data + "/drawings").filter { $0.hasSuffix(".png") }
        #expect(try host.count("SELECT count(*) AS n FROM core.drawings") == pngs.count, "anima sync uploads the queued drawings")
        let after = try AnimaStore(path: data + "/anima.db")
        #expect(try after.outbox.depth() == 0 && after.outbox.quarantinedCount() == 0 && after.drawingUploads.depth() == 0)
        after.close()
        let fixed = try ProcessRunner.run(anima, ["status", "--data-dir", data])
        #expect(fixed.output.contains("sync error") && !fixed.output.contains("not the governance host's answer"), "\(fixed.output)")
    }
}
