import AnimaStore
import Foundation
import Testing

/// Issue 14's "done when": a creature running `anima run --clock-step` against the built host finishes drawings; each
/// finished PNG reaches the host exactly once (a resend stores nothing new) and the agent's dashboard page shows it.
@Suite(.serialized) struct DrawingSyncEndToEndTests {
    let anima = BuiltProduct.path("anima")

    @Test func finishedDrawingsReachTheHostOnceAndShowOnTheAgentPage() throws {
        let host = try GovernanceHostFixture()
        try host.start()
        let data = ProcessRunner.temporaryDirectory("drawing-sync")
        let run = try ProcessRunner.run(anima, [
            "run", "--board", "simulator", "--data-dir", data, "--clock-step", "5", "--seed", "3", "--marks", "2600",
            "--anima", "0.41,0.82,0.89,0.83", "--governance-url", host.url, "--token-file", host.tokenFile, "--governance-interval", "60",
        ])
        #expect(run.status == 0, "\(run.output.suffix(2000))")
        let sync = try ProcessRunner.run(anima, ["sync", "--data-dir", data, "--governance-url", host.url, "--token-file", host.tokenFile])
        #expect(sync.status == 0, "\(sync.output)")

        let pngs = try FileManager.default.contentsOfDirectory(atPath: data + "/drawings").filter { $0.hasSuffix(".png") }
        #expect(pngs.count >= 2, "the run must finish drawings: \(pngs)")
        let stored = try host.count("SELECT count(*) AS n FROM core.drawings")
        #expect(stored == pngs.count, "host holds \(stored) drawings, the device finished \(pngs.count)")
        let store = try AnimaStore(path: data + "/anima.db")
        #expect(try store.drawingUploads.depth() == 0, "acknowledged drawings leave the queue")
        store.close()

        // Idempotent: the same bytes again store nothing new.
        let again = try ProcessRunner.run(anima, ["sync", "--data-dir", data, "--governance-url", host.url, "--token-file", host.tokenFile])
        #expect(again.status == 0)
        #expect(try host.count("SELECT count(*) AS n FROM core.drawings") == pngs.count)

        // The agent page in Chromium (a one-time link; its session cookie) shows the drawings, the EISV chart and verdicts.
        let link = try host.host(["dashboard-link", "--agent", "Lumen", "--base-url", host.url])
        #expect(link.status == 0, "\(link.output)")
        let url = link.output.split(separator: "\n").first { $0.hasPrefix("http") }.map(String.init) ?? ""
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "chromium is not installed: run deploy/setup-dev.sh test")
        let page = try ProcessRunner.run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", "--user-data-dir=\(data)/chromium", "--dump-dom", url,
        ])
        let shas = try host.strings("SELECT sha256 AS s FROM core.drawings")
        for sha in shas { #expect(page.output.contains("/ui/drawings/\(sha)"), "drawing \(sha.prefix(12)) not on the agent page") }
        #expect(page.output.contains("<svg") && page.output.contains("<polyline"), "an EISV chart")
        #expect(page.output.contains("proceed"), "the verdict timeline")
        #expect(!page.output.contains("Sign in"))
    }
}
