import AnimaStore
import Foundation
import GovernanceCore

@testable import AnimaGovernanceClient

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double

    init(_ start: Double) { time = start }

    var now: Double { lock.withLock { time } }
    func advance(_ seconds: Double) { lock.withLock { time += seconds } }
    var function: @Sendable () -> Double { { [self] in now } }
}

/// A fresh directory with a real anima.db and a 0600 token file, removed at deinit.
final class ClientFixture {
    let directory: URL
    let store: AnimaStore
    let tokenPath: String
    let clock = ManualClock(1_795_705_200)
    static let token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try AnimaStore(path: directory.appendingPathComponent("anima.db").path, clock: clock.function)
        tokenPath = directory.appendingPathComponent("token").path
        try writeFile(tokenPath, Self.token + "\n", mode: 0o600)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func writeFile(_ path: String, _ text: String, mode: Int) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    func client(_ transport: any HTTPTransport, seed: UInt64 = 42) throws -> GovernanceClient {
        let configuration = try GovernanceClientConfiguration(hostURL: "https://governance.example:8767/", tokenFile: tokenPath)
        return GovernanceClient(
            configuration: configuration, outbox: store.outbox, runtimeState: store.runtimeState, transport: transport,
            clock: clock.function, seed: seed)
    }

    /// Queues `count` summaries with the given presence (presence < .5 makes the local fallback pause).
    @discardableResult
    func enqueue(_ client: GovernanceClient, count: Int = 1, presence: Double = 1) throws -> [Summary] {
        try (0..<count).map { _ in
            try client.enqueue(
                anima: AnimaReading(warmth: 0.6, clarity: 0.8, stability: 0.9, presence: presence),
                drawing: DrawingReport(
                    era: "gestural", arcPhase: "developing", marks: 10, pixels: 120, E: 0.5, I: 0.5, S: 0.2, V: 0, C: 0.5,
                    curiosity: 0.9, engagement: 0.5, fatigue: 0.1, drawingsCompleted: 1),
                identity: IdentityReport(awakenings: 2, aliveSeconds: 3600))
        }
    }
}

/// What a healthy host answers: every summary accepted, with the given action.
func hostReply(action: GovernanceAction = .proceed) -> ScriptedHTTPTransport.Reply {
    .handler { body in
        let count = (try? SummaryValidator.decodeBatch(body).summaries.count) ?? 0
        let verdict = BridgeVerdict(
            action: action, margin: action == .pause ? .critical : .comfortable, reason: action == .pause ? "void_pause" : "approve",
            risk: 0.1, coherence: 0.5, E: 0.6, I: 0.8, S: 0.1, V: 0, verdict: .safe)
        let data = (try? JSONEncoder().encode(SummaryResponse(accepted: count, duplicates: 0, verdict: verdict))) ?? Data()
        return HTTPResponse(status: 200, body: Array(data))
    }
}

func status(_ code: Int, _ error: String = "") -> ScriptedHTTPTransport.Reply {
    .response(HTTPResponse(status: code, body: Array("{\"error\":\"\(error)\"}".utf8)))
}

/// The governance host's own refusal: its JSON error naming `field`.
func refusal(_ code: Int, _ error: String, field: String) -> ScriptedHTTPTransport.Reply {
    .response(HTTPResponse(status: code, body: Array("{\"error\":\"\(error)\",\"field\":\"\(field)\"}".utf8)))
}
