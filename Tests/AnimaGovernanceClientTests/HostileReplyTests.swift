import AnimaStore
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

/// Issue 12, device side: what hotel Wi-Fi, proxies and broken hosts answer must never delete a summary the host did
/// not acknowledge, leak the token, exhaust memory or hold the sender; a summary the host refuses is set aside.
@Suite struct HostileReplyTests {
    static let portalPage = "<html><head><title>Welcome to Hotel Wi-Fi</title></head><body>Accept the terms</body></html>"

    /// Sends one sync through the real transport to a loopback server answering `reply`.
    func syncAgainst(_ server: OneShotHTTPServer, rows: Int = 3, timeout: Double = 10) async throws -> (ClientFixture, SyncReport) {
        let fixture = try ClientFixture()
        let configuration = try GovernanceClientConfiguration(
            hostURL: "http://127.0.0.1:\(server.port)", token: try DeviceToken.read(path: fixture.tokenPath), requestTimeout: timeout)
        let client = GovernanceClient(
            configuration: configuration, outbox: fixture.store.outbox, runtimeState: fixture.store.runtimeState,
            transport: CurlTransport(), clock: fixture.clock.function, seed: 1)
        try fixture.enqueue(client, count: rows)
        return (fixture, await client.syncNow())
    }

    @Test(arguments: [
        ("a captive portal's page", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(portalPage.utf8.count)\r\n\r\n\(portalPage)"),
        ("truncated JSON", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n{\"accepted\":3,\"duplic"),
        ("an empty 204", "HTTP/1.1 204 No Content\r\n\r\n"),
        ("an unknown action",
         #"HTTP/1.1 200 OK\#r\#nContent-Length: 150\#r\#n\#r\#n{"accepted":3,"duplicates":0,"verdict":{"action":"explode","margin":"comfortable","reason":"x","risk":0,"coherence":1,"E":0,"I":0,"S":0,"V":0,"verdict":"safe"}}"#),
    ])
    func unexpectedSuccessKeepsEveryRow(_ what: String, _ reply: String) async throws {
        let server = try OneShotHTTPServer(reply: Array(reply.utf8))
        let (fixture, report) = try await syncAgainst(server)
        #expect(try fixture.store.outbox.depth() == 3, "\(what) must not delete the batch")
        #expect(report.error?.contains("not a summary response") == true, "\(report.error ?? "no error")")
    }

    /// A reply counting other rows than those sent is no acknowledgement.
    @Test func replyForAnotherBatchSizeKeepsEveryRow() async throws {
        let verdict = BridgeVerdict(action: .proceed, margin: .comfortable, reason: "ok", risk: 0, coherence: 1, E: 0, I: 0, S: 0, V: 0, verdict: .safe)
        let body = String(decoding: try JSONEncoder().encode(SummaryResponse(accepted: 1, duplicates: 0, verdict: verdict)), as: UTF8.self)
        let server = try OneShotHTTPServer(status: 200, body: body)
        let (fixture, report) = try await syncAgainst(server)
        #expect(try fixture.store.outbox.depth() == 3)
        #expect(report.error?.contains("acknowledged 1 accepted + 0 duplicates for a batch of 3") == true, "\(report.error ?? "")")
    }

    /// A 300 MB answer once took the device from 50 to 642 MB: now the transport stops reading at 1 MiB.
    @Test func oversizedReplyIsAFailedSendAndNothingIsDeleted() async throws {
        let huge = String(repeating: "x", count: 3 << 20)
        let declared = try OneShotHTTPServer(status: 200, body: huge)
        let (fixture, report) = try await syncAgainst(declared)
        #expect(try fixture.store.outbox.depth() == 3)
        // Refused at the Content-Length where libcurl sees it first, else as soon as 1 MiB has arrived.
        #expect(report.error?.contains("1048576") == true, "\(report.error ?? "no error")")
        // Without a Content-Length (read until close), the cap is enforced while reading.
        let undeclared = try OneShotHTTPServer(reply: Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n\(huge)".utf8))
        let (other, second) = try await syncAgainst(undeclared)
        #expect(try other.store.outbox.depth() == 3)
        #expect(second.error?.contains("exceeds 1048576 bytes") == true, "\(second.error ?? "")")
    }

    /// 302/307 to another origin: not followed, so the bearer token never reaches it; the log names the origin only.
    @Test(arguments: [302, 307])
    func redirectIsNotFollowedAndTheTokenStaysHome(_ status: Int) async throws {
        let elsewhere = try OneShotHTTPServer(status: 200, body: "{}")
        let redirecting = try OneShotHTTPServer(
            status: status, body: "", headers: "Location: http://127.0.0.1:\(elsewhere.port)/steal?token=yes\r\n")
        let (fixture, report) = try await syncAgainst(redirecting)
        #expect(try fixture.store.outbox.depth() == 3)
        let message = try #require(report.error)
        #expect(message.contains("HTTP \(status), a redirect to http://127.0.0.1:\(elsewhere.port); not followed"), "\(message)")
        #expect(!message.contains("steal"))
        #expect(redirecting.request.contains("Authorization: Bearer"))
        // The other origin saw no request at all.
        #expect(elsewhere.requestIfAny(within: 0.5).isEmpty)
    }

    /// A host that trickles one byte a second would hold the only sender forever; the whole request has a deadline.
    @Test func tricklingHostIsCutOffAtTheDeadline() async throws {
        let server = try OneShotHTTPServer(reply: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".utf8), trickle: 0.5)
        let (fixture, report) = try await syncAgainst(server, timeout: 2)
        #expect(try fixture.store.outbox.depth() == 3)
        #expect(report.error?.contains("no complete reply from http://127.0.0.1:\(server.port)") == true, "\(report.error ?? "")")
    }

    /// One summary the host refuses (400) once blocked everything behind it for weeks: it is found by sending one row
    /// at a time, quarantined (kept, counted), and the rest are delivered.
    @Test func refusedSummaryIsQuarantinedAndTheRestAreSent() async throws {
        let fixture = try ClientFixture()
        let poisoned = LockedBox<String?>(nil)
        let transport = ScriptedHTTPTransport(replies: [
            .handler { body in
                // The host names the refused summary by its index in the batch sent.
                if let bad = poisoned.value, let batch = try? SummaryValidator.decodeBatch(body),
                    let index = batch.summaries.firstIndex(where: { $0.id == bad })
                {
                    return HTTPResponse(status: 400, body: Array(#"{"error":"era is not text","field":"summaries[\#(index)].drawing.era"}"#.utf8))
                }
                let count = (try? SummaryValidator.decodeBatch(body).summaries.count) ?? 0
                let verdict = BridgeVerdict(action: .proceed, margin: .comfortable, reason: "ok", risk: 0, coherence: 1, E: 0, I: 0, S: 0, V: 0, verdict: .safe)
                return HTTPResponse(status: 200, body: Array((try? JSONEncoder().encode(SummaryResponse(accepted: count, duplicates: 0, verdict: verdict))) ?? Data()))
            },
        ])
        let client = try fixture.client(transport)
        let summaries = try fixture.enqueue(client, count: 5)
        poisoned.value = summaries[1].id

        let first = await client.syncNow()
        #expect(first.error?.contains("HTTP 400") == true)
        #expect(try fixture.store.outbox.depth() == 5, "nothing is dropped on the batch's 400")

        fixture.clock.advance(3600)
        let second = await client.syncNow()
        #expect(second.quarantined == 1)
        #expect(second.error == nil, "\(second.error ?? "")")
        #expect(try fixture.store.outbox.depth() == 0)
        #expect(try fixture.store.outbox.quarantinedCount() == 1)
        #expect(try fixture.store.runtimeState.counter(GovernanceStateKeys.summariesQuarantined) == 1)
        #expect(try fixture.store.runtimeState.counter(GovernanceStateKeys.summariesSent) == 4)
    }
}

/// A value shared between a test and a transport handler.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
