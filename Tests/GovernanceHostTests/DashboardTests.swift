import Foundation
import SHA256Digest
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import GovernanceHost

/// `/ui/` over real HTTP against a real PostgreSQL: one-time links, session cookies, no access for bearer tokens,
/// escaped labels, SVG charts and the drawing served as a cacheable PNG.
@Suite struct DashboardTests {
    static let hostileLabel = "<script>alert(1)</script>Lumen"

    /// A host with an agent (hostile label) that has summaries and a drawing.
    static func seeded(_ database: borrowing FreshDatabase, _ directory: borrowing TemporaryDirectory) async throws -> (TestHost, UUID, String) {
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (agent, token) = try host.createAgent(hostileLabel)
        let now = Date()
        let items = (0..<6).map { index -> [String: Any] in
            var item = SummaryFixtures.item(second: index)
            item["recorded_at"] = UTCTime.format(now.addingTimeInterval(Double(index - 6) * 60))
            return item
        }
        let summaries = try await host.send("POST", "/v1/summaries", token: token, body: SummaryFixtures.batch(items))
        #expect(summaries.status == 200, "\(summaries.text)")
        let upload = try await host.send(
            "PUT", "/v1/drawings/\(SHA256.hex(DrawingFixtures.png))", token: token,
            headers: DrawingFixtures.headers(era: "<b>era</b>", finishedAt: UTCTime.format(now)), body: Data(DrawingFixtures.png))
        #expect(upload.status == 201, "\(upload.text)")
        return (host, agent, token)
    }

    func link(_ host: TestHost, agent: UUID? = nil, ttl: Int = 600) async throws -> String {
        try await host.pool.withConnection { (connection) throws(PostgresError) in
            try DashboardAccess.createLink(agentID: agent, ttlSeconds: ttl, secureCookie: false, on: connection)
        }
    }

    @Test func aOneTimeLinkOpensASessionAndThePagesRender() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let (host, agent, deviceToken) = try await Self.seeded(database, directory)
        let hash = SHA256.hex(DrawingFixtures.png)

        // Without a session: a clear 401 page, also for device and operator bearer tokens.
        let anonymous = try await NoRedirect.send(host.baseURL + "/ui/")
        #expect(anonymous.status == 401)
        #expect(anonymous.text.contains("dashboard-link"))
        for bearer in [deviceToken, try host.createOperatorToken()] {
            #expect(try await NoRedirect.send(host.baseURL + "/ui/", headers: ["Authorization": "Bearer \(bearer)"]).status == 401)
        }
        #expect(try await NoRedirect.send(host.baseURL + "/ui/drawings/\(hash).png").status == 401)

        let key = try await link(host, agent: agent)
        let login = try await NoRedirect.send(host.baseURL + "/ui/login?key=\(key)")
        #expect(login.status == 303)
        #expect(login.headers["location"] == "/ui/agents/\(agent.uuidString.lowercased())")
        let setCookie = try #require(login.headers["set-cookie"])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Lax"))
        #expect(!setCookie.contains("Secure"))
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        // The link works once.
        #expect(try await NoRedirect.send(host.baseURL + "/ui/login?key=\(key)").status == 401)

        let fleet = try await NoRedirect.send(host.baseURL + "/ui/", headers: ["Cookie": cookie])
        #expect(fleet.status == 200)
        #expect(fleet.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;Lumen"))
        #expect(!fleet.text.contains("<script>"))
        #expect(fleet.text.contains("<svg"))
        #expect(fleet.text.contains("/ui/drawings/\(hash).png"))
        #expect(fleet.text.contains("http-equiv=\"refresh\""))
        #expect(fleet.headers["content-security-policy"]?.contains("default-src 'none'") == true)

        let page = try await NoRedirect.send(host.baseURL + "/ui/agents/\(agent.uuidString.lowercased())?window=1h", headers: ["Cookie": cookie])
        #expect(page.status == 200)
        #expect(page.text.contains("EISV of"))
        #expect(page.text.contains("<polyline"))
        #expect(page.text.contains("Verdict timeline"))
        #expect(page.text.contains("&lt;b&gt;era&lt;/b&gt;"))
        #expect(page.text.contains("drawing_received"))
        #expect(!page.text.contains("<b>era</b>"))

        let png = try await NoRedirect.send(host.baseURL + "/ui/drawings/\(hash).png", headers: ["Cookie": cookie])
        #expect(png.status == 200)
        #expect(png.headers["content-type"] == "image/png")
        #expect(png.headers["cache-control"]?.contains("immutable") == true)
        #expect(Array(png.body) == DrawingFixtures.png)
        #expect(try await NoRedirect.send(host.baseURL + "/ui/drawings/\(hash)", headers: ["Cookie": cookie]).status == 200)
        #expect(try await NoRedirect.send(host.baseURL + "/ui/drawings/\(String(repeating: "a", count: 64)).png", headers: ["Cookie": cookie]).status == 404)
        #expect(try await NoRedirect.send(host.baseURL + "/ui/drawings/..%2F..%2Fetc.png", headers: ["Cookie": cookie]).status == 404)
        await host.stop()
    }

    @Test func expiredLinksGarbageKeysAndForgedCookiesAreRefused() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let expired = try await link(host, ttl: 0)
        #expect(try await NoRedirect.send(host.baseURL + "/ui/login?key=\(expired)").status == 401)
        for garbage in ["", "zz", String(repeating: "g", count: 64), "%00%00", String(repeating: "a", count: 5000)] {
            let reply = try await NoRedirect.send(host.baseURL + "/ui/login?key=\(garbage)")
            #expect(reply.status == 401, "\(garbage.prefix(10))")
            #expect(reply.headers["set-cookie"] == nil)
        }
        for cookie in ["anima_dashboard=\(String(repeating: "a", count: 64))", "anima_dashboard=<script>", "other=1"] {
            #expect(try await NoRedirect.send(host.baseURL + "/ui/", headers: ["Cookie": cookie]).status == 401)
        }
        // A session past its expiry is refused.
        let key = try await link(host)
        let login = try await NoRedirect.send(host.baseURL + "/ui/login?key=\(key)")
        let cookie = try #require(login.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        try PostgresConnection(conninfo: database.url).query("UPDATE core.dashboard_sessions SET expires_at = now() - interval '1 second'")
        #expect(try await NoRedirect.send(host.baseURL + "/ui/", headers: ["Cookie": cookie]).status == 401)
        // Only hashes are stored.
        #expect(try host.count("SELECT count(*) AS n FROM core.dashboard_links WHERE encode(secret_hash, 'hex') = $1", [key]) == 0)
        #expect(try host.count("SELECT count(*) AS n FROM core.dashboard_links WHERE encode(secret_hash, 'hex') = $1", [SHA256.hex(key)]) == 1)
        await host.stop()
    }
}

/// HTTP without following redirects or storing cookies, so tests see the 303 and Set-Cookie themselves.
final class NoRedirect: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    static func send(_ url: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        let session = URLSession(configuration: configuration, delegate: NoRedirect(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        guard let target = URL(string: url) else { throw HTTPFailure(message: "bad url \(url)") }
        var request = URLRequest(url: target, timeoutInterval: 30)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HTTPFailure(message: "not an HTTP response") }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return HTTPReply(status: http.statusCode, headers: fields, body: data)
    }
}
