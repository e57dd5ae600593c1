import Foundation
import SHA256Digest
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import GovernanceHost

/// `PUT /v1/drawings/{sha256}` over real HTTP against a real PostgreSQL: idempotent by hash, hash/size/PNG/metadata
/// checks, device tokens only, and an upload cut off mid-body leaves no row while the retry succeeds.
@Suite struct DrawingUploadTests {
    static let hash = SHA256.hex(DrawingFixtures.png)

    @Test func firstUploadIs201ARepeatIs200WithOneRow() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (agent, token) = try host.createAgent("Lumen")
        let body = Data(DrawingFixtures.png)
        let first = try await host.send("PUT", "/v1/drawings/\(Self.hash)", token: token, headers: DrawingFixtures.headers(), body: body)
        #expect(first.status == 201, "\(first.text)")
        #expect(first.json?["sha256"]?.stringValue == Self.hash)
        #expect(first.json?["stored"] == .bool(true))
        let again = try await host.send("PUT", "/v1/drawings/\(Self.hash)", token: token, headers: DrawingFixtures.headers(), body: body)
        #expect(again.status == 200)
        #expect(again.json?["sha256"]?.stringValue == Self.hash)
        #expect(again.json?["stored"] == .bool(false))
        #expect(try host.count("SELECT count(*) AS n FROM core.drawings WHERE agent_id = $1", [agent.uuidString]) == 1)
        #expect(try host.count("SELECT count(*) AS n FROM audit.events WHERE event_type = 'drawing_received'") == 1)
        let stored = try await host.pool.withConnection { (connection) throws(PostgresError) in try DrawingStore.png(sha256: Self.hash, on: connection) }
        #expect(stored == DrawingFixtures.png)
        let record = try await host.pool.withConnection { (connection) throws(PostgresError) in try DrawingStore.find(sha256: Self.hash, on: connection) }
        #expect(record?.era == "geometric")
        #expect(record?.marks == 42)
        #expect(record?.completion == "time_limit")
        #expect(record?.finishedAt == "2026-11-26T12:00:00.000Z")
        #expect(record?.width == 2)
        await host.stop()
    }

    @Test func badUploadsAreRefusedNamingTheProblemAndStoreNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, token) = try host.createAgent("Lumen")
        let operatorToken = try host.createOperatorToken()
        let png = Data(DrawingFixtures.png)
        let garbage = Data("<html>definitely not a png</html>".utf8)
        let oversized = Data(DrawingFixtures.png + [UInt8](repeating: 0, count: DrawingLimits.maxBytes))
        let bomb = Data(DrawingFixtures.png(width: 100_000, height: 100_000))
        func headersWith(_ name: String, _ value: String) -> [String: String] {
            var headers = DrawingFixtures.headers()
            headers[name] = value
            return headers
        }
        let cases: [(String, String, String?, [String: String], Data, Int, String)] = [
            ("no token", Self.hash, nil, DrawingFixtures.headers(), png, 401, ""),
            ("operator token", Self.hash, operatorToken, DrawingFixtures.headers(), png, 403, ""),
            ("hash mismatch", String(repeating: "0", count: 64), token, DrawingFixtures.headers(), png, 400, "sha256"),
            ("not a hash", "nope", token, DrawingFixtures.headers(), png, 400, "sha256"),
            ("upper-case hash", Self.hash.uppercased(), token, DrawingFixtures.headers(), png, 400, "sha256"),
            ("garbage body", SHA256.hex(Array(garbage)), token, DrawingFixtures.headers(), garbage, 400, "body"),
            ("huge dimensions", SHA256.hex(Array(bomb)), token, DrawingFixtures.headers(), bomb, 400, "body"),
            ("too large", SHA256.hex(Array(oversized)), token, DrawingFixtures.headers(), oversized, 413, ""),
            ("wrong type", Self.hash, token, headersWith("Content-Type", "text/plain"), png, 415, "Content-Type"),
            ("marks not a number", Self.hash, token, headersWith("X-Drawing-Marks", "many"), png, 400, "X-Drawing-Marks"),
            ("negative pixels", Self.hash, token, headersWith("X-Drawing-Pixels", "-1"), png, 400, "X-Drawing-Pixels"),
            ("local time", Self.hash, token, headersWith("X-Drawing-Finished-At", "2026-11-26 12:00:00"), png, 400, "X-Drawing-Finished-At"),
            ("far future", Self.hash, token, headersWith("X-Drawing-Finished-At", "2999-01-01T00:00:00Z"), png, 400, "X-Drawing-Finished-At"),
            ("completion markup", Self.hash, token, headersWith("X-Drawing-Completion", "<b>x</b>"), png, 400, "X-Drawing-Completion"),
            ("era too long", Self.hash, token, headersWith("X-Drawing-Era", String(repeating: "e", count: 65)), png, 400, "X-Drawing-Era"),
        ]
        for (name, hash, bearer, headers, body, status, field) in cases {
            let reply = try await host.send("PUT", "/v1/drawings/\(hash)", token: bearer, headers: headers, body: body)
            #expect(reply.status == status, "\(name): \(reply.text)")
            #expect(reply.json?["error"]?.stringValue?.isEmpty == false, "\(name)")
            if !field.isEmpty { #expect(reply.json?["field"]?.stringValue == field, "\(name): \(reply.text)") }
        }
        var missing = DrawingFixtures.headers()
        missing["X-Drawing-Era"] = nil
        let reply = try await host.send("PUT", "/v1/drawings/\(Self.hash)", token: token, headers: missing, body: png)
        #expect(reply.status == 400)
        #expect(reply.json?["field"]?.stringValue == "X-Drawing-Era")
        #expect(try host.count("SELECT count(*) AS n FROM core.drawings") == 0)
        await host.stop()
    }

    @Test func anUploadCutOffMidBodyLeavesNoRowAndTheRetrySucceeds() async throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let host = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        let (_, token) = try host.createAgent("Lumen")
        // Half the body, then the connection goes away (as when the device or the host dies mid-upload).
        try PartialUpload.send(to: host.baseURL, path: "/v1/drawings/\(Self.hash)", token: token,
                               headers: DrawingFixtures.headers(), body: Array(DrawingFixtures.png.prefix(40)), declaredLength: DrawingFixtures.png.count)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try host.count("SELECT count(*) AS n FROM core.drawings") == 0)
        // The host process stops too (its pool closes); a new host on the same database takes the retry.
        await host.stop()
        let restarted = try await TestHost.start(databaseURL: database.url, directory: directory.path)
        #expect(try restarted.count("SELECT count(*) AS n FROM core.drawings") == 0)
        let retry = try await restarted.send("PUT", "/v1/drawings/\(Self.hash)", token: token, headers: DrawingFixtures.headers(), body: Data(DrawingFixtures.png))
        #expect(retry.status == 201, "\(retry.text)")
        #expect(try restarted.count("SELECT count(*) AS n FROM core.drawings") == 1)
        await restarted.stop()
    }
}

/// Writes a raw HTTP/1.1 request whose body stops short of its Content-Length, then closes the socket.
enum PartialUpload {
    static func send(to baseURL: String, path: String, token: String, headers: [String: String], body: [UInt8], declaredLength: Int) throws {
        guard let url = URL(string: baseURL), let port = url.port else { throw HTTPFailure(message: "bad base url") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPFailure(message: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HTTPFailure(message: "connect failed") }
        var head = "PUT \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(declaredLength)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
