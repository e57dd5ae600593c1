import AnimaStore
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

/// Issue 19, items 2, 3 and 6 (device side), against a real loopback server through the real transport: only the
/// governance host's own JSON error naming a summary or drawing sets it aside; a proxy's page, another server's JSON,
/// and "your clock is ahead" keep everything queued with backoff; a failed drawing upload leaves the host's pause alone.
@Suite struct HostRefusalTests {
    static let sha = String(repeating: "5a", count: 32)
    static let nginx404 = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    static let nginx400 = "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx/1.26.3</center>\r\n</body>\r\n</html>\r\n"

    /// A client on `fixture`'s anima.db talking to `host` with the libcurl transport, drawings included.
    func makeClient(_ fixture: ClientFixture, _ host: LoopbackHost) throws -> GovernanceClient {
        let configuration = try GovernanceClientConfiguration(
            hostURL: host.url, token: try DeviceToken.read(path: fixture.tokenPath), requestTimeout: 10)
        return GovernanceClient(
            configuration: configuration, outbox: fixture.store.outbox, runtimeState: fixture.store.runtimeState,
            drawings: fixture.store.drawingUploads, transport: CurlTransport(), clock: fixture.clock.function, seed: 7)
    }

    func queueDrawing(_ fixture: ClientFixture) throws {
        try fixture.store.drawingUploads.enqueue(DrawingUpload(
            sha256: Self.sha, png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1], era: "gestural", marks: 40, pixels: 900,
            completion: "time_limit", finishedAt: fixture.clock.now))
    }

    /// The governance host's answers: every summary accepted with `action`, every drawing stored.
    static func healthyHost(action: GovernanceAction = .proceed) -> @Sendable (LoopbackHost.Request) -> String {
        { request in
            if request.path.hasPrefix("/v1/drawings/") {
                return LoopbackHost.reply(201, #"{"sha256":"\#(request.path.dropFirst("/v1/drawings/".count))","stored":true}"#)
            }
            let count = (try? SummaryValidator.decodeBatch(request.body).summaries.count) ?? 0
            let verdict = BridgeVerdict(
                action: action, margin: action == .pause ? .critical : .comfortable, reason: action == .pause ? "void_pause" : "approve",
                risk: 0.1, coherence: 0.5, E: 0.6, I: 0.8, S: 0.1, V: 0, verdict: .safe)
            let body = (try? JSONEncoder().encode(SummaryResponse(accepted: count, duplicates: 0, verdict: verdict))) ?? Data()
            return LoopbackHost.reply(200, String(decoding: body, as: UTF8.self))
        }
    }

    /// `summaries` and `drawings` answer the two routes (nil: the healthy host's answer).
    static func host(summaries: String? = nil, drawings: String? = nil, action: GovernanceAction = .proceed) -> @Sendable (LoopbackHost.Request) -> String {
        let healthy = healthyHost(action: action)
        return { request in
            let scripted = request.path.hasPrefix("/v1/drawings/") ? drawings : summaries
            return scripted ?? healthy(request)
        }
    }

    @Test(arguments: [
        ("nginx's HTML 404 (wrong port or path)", LoopbackHost.reply(404, nginx404, type: "text/html")),
        ("nginx's HTML 400", LoopbackHost.reply(400, nginx400, type: "text/html")),
        ("another server's JSON 404", LoopbackHost.reply(404, #"{"message":"Not Found","documentation_url":"https://example.com"}"#)),
        ("an error naming no item", LoopbackHost.reply(422, #"{"error":"unprocessable"}"#)),
    ])
    func aFourHundredThatNamesNoItemQuarantinesNothing(_ what: String, _ reply: String) async throws {
        // Summaries: the only queued one stays queued, however often it is tried.
        let fixture = try ClientFixture()
        let host = try LoopbackHost(Self.host(summaries: reply))
        defer { host.stop() }
        let client = try makeClient(fixture, host)
        try fixture.enqueue(client)
        for _ in 0..<3 {
            let report = await client.syncNow()
            #expect(report.error != nil && report.quarantined == 0, "\(what): \(report.error ?? "no error")")
            fixture.clock.advance(3600)
        }
        #expect(try fixture.store.outbox.depth() == 1, "\(what) must not quarantine the summary")
        #expect(try fixture.store.outbox.quarantinedCount() == 0)
        #expect(client.status.consecutiveFailures == 3, "a transport failure, with backoff")
        if !what.contains("naming no item") {
            let error = try #require(client.status.lastError?.description)
            #expect(error.contains("is not the governance host's answer") && error.contains("governance.url"), "\(error)")
        }

        // Drawings: the same answer to the upload keeps the drawing queued (nothing refused, nothing counted).
        let other = try ClientFixture()
        let drawingHost = try LoopbackHost(Self.host(drawings: reply))
        defer { drawingHost.stop() }
        let drawingClient = try makeClient(other, drawingHost)
        try queueDrawing(other)
        let report = await drawingClient.syncNow()
        #expect(report.error != nil && report.drawingsUploaded == 0, "\(what)")
        #expect(try other.store.drawingUploads.depth() == 1, "\(what) must not discard the drawing")
        #expect(try other.store.drawingUploads.quarantinedCount() == 0 && other.store.drawingUploads.refusedCount() == 0)
        #expect(drawingClient.status.consecutiveFailures == 1)
    }

    @Test func whatTheHostRefusesByNameIsQuarantinedAndRequeuedWhenAsked() async throws {
        let fixture = try ClientFixture()
        let host = try LoopbackHost(Self.host(
            summaries: LoopbackHost.reply(400, #"{"error":"1.5 is outside [0, 1]","field":"summaries[0].anima.warmth"}"#),
            drawings: LoopbackHost.reply(400, #"{"error":"not an acceptable PNG: no IHDR","field":"body"}"#)))
        defer { host.stop() }
        let client = try makeClient(fixture, host)
        let summary = try #require(try fixture.enqueue(client).first)
        try queueDrawing(fixture)

        let refused = await client.syncNow()
        #expect(refused.quarantined == 1 && refused.drawingsUploaded == 0)
        #expect(try fixture.store.outbox.depth() == 0 && fixture.store.outbox.quarantinedCount() == 1)
        #expect(try fixture.store.drawingUploads.depth() == 0 && fixture.store.drawingUploads.quarantinedCount() == 1)
        #expect(try fixture.store.drawingUploads.refusedCount() == 1)

        // The cause fixed, `anima sync --requeue-quarantined` puts both back and they go.
        host.answer(Self.healthyHost())
        #expect(try fixture.store.outbox.requeueQuarantined() == 1)
        #expect(try fixture.store.drawingUploads.requeueQuarantined() == 1)
        #expect(try fixture.store.outbox.quarantinedCount() == 0 && fixture.store.drawingUploads.quarantinedCount() == 0)
        let delivered = await client.syncNow()
        #expect(delivered.accepted == 1 && delivered.drawingsUploaded == 1 && delivered.error == nil, "\(delivered.error ?? "")")
        #expect(try fixture.store.outbox.depth() == 0 && fixture.store.drawingUploads.depth() == 0)
        let sent = host.requests.filter { $0.path == "/v1/summaries" }.compactMap { try? SummaryValidator.decodeBatch($0.body) }
        #expect(sent.map { $0.summaries.map(\.id) } == [[summary.id], [summary.id]])
    }

    /// Issue 19 item 3: 5 summaries created with the clock ahead were quarantined, 0 stored. "In the future" is the
    /// device's clock, never the summary's fault: kept, whole batches resent later.
    @Test func aClockAheadAnswerNeverQuarantines() async throws {
        let fixture = try ClientFixture()
        let host = try LoopbackHost(Self.host(
            summaries: LoopbackHost.reply(
                400, #"{"error":"is 3600 s in the future; the host allows 300 s of clock skew: set the device's clock (NTP) and resend","field":"summaries[0].recorded_at"}"#),
            drawings: LoopbackHost.reply(
                400, #"{"error":"X-Drawing-Finished-At 2027-01-01T00:00:00Z is more than a day in the future or before 1970","field":"X-Drawing-Finished-At"}"#)))
        defer { host.stop() }
        let client = try makeClient(fixture, host)
        try fixture.enqueue(client, count: 3)
        for _ in 0..<3 {
            let report = await client.syncNow()
            let error = try #require(report.error)
            #expect(error.contains("clock is ahead") && error.contains("resent later"), "\(error)")
            fixture.clock.advance(3600)
        }
        #expect(try fixture.store.outbox.depth() == 3 && fixture.store.outbox.quarantinedCount() == 0)
        let sizes = host.requests.compactMap { try? SummaryValidator.decodeBatch($0.body).summaries.count }
        #expect(sizes == [3, 3, 3], "no hunt for a culprit row: the clock is the cause")

        // A drawing "finished in the future" stays queued too.
        host.answer(Self.host(drawings: LoopbackHost.reply(
            400, #"{"error":"X-Drawing-Finished-At 2027-01-01T00:00:00Z is more than a day in the future or before 1970","field":"X-Drawing-Finished-At"}"#)))
        try queueDrawing(fixture)
        let report = await client.syncNow()
        #expect(report.accepted == 3 && report.error?.contains("clock is ahead") == true, "\(report.error ?? "")")
        #expect(try fixture.store.drawingUploads.depth() == 1 && fixture.store.drawingUploads.quarantinedCount() == 0)
    }

    /// Issue 19 item 6: the host said pause, uploads got 500, and the local fallback said proceed (37 drawings in 8 s).
    @Test func aFailedDrawingUploadLeavesTheHostsPauseInForce() async throws {
        let fixture = try ClientFixture()
        let host = try LoopbackHost(Self.host(drawings: LoopbackHost.reply(500, #"{"error":"disk full"}"#), action: .pause))
        defer { host.stop() }
        let client = try makeClient(fixture, host)
        // Presence 1: the local fallback would say proceed.
        try fixture.enqueue(client, presence: 1)
        try queueDrawing(fixture)
        let report = await client.syncNow()
        #expect(report.accepted == 1 && report.error?.contains("HTTP 500") == true, "\(report.error ?? "")")
        #expect(client.shouldPause && client.currentVerdict?.source == .host)
        // The next summaries are made while uploads still fail: the host's pause stays.
        fixture.clock.advance(180)
        try fixture.enqueue(client, presence: 1)
        #expect(client.shouldPause && client.currentVerdict?.source == .host)
        let stored = try fixture.store.runtimeState.value(AppliedVerdict.self, forKey: GovernanceStateKeys.lastVerdict)
        #expect(stored?.action == .pause && stored?.source == .host)
        #expect(try fixture.store.drawingUploads.depth() == 1)
    }
}
