import Foundation
import Logging
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import GovernanceHost

/// A real governance host in this process: a fresh migrated database, a pool, an audit file in a temporary directory,
/// and the Hummingbird server on a free loopback port (port 0). Tests talk to it over HTTP with URLSession.
final class TestHost: Sendable {
    let baseURL: String
    let pool: PostgresPool
    let auditPath: String
    let databaseURL: String
    private let server: Task<Void, any Error>

    private init(baseURL: String, pool: PostgresPool, auditPath: String, databaseURL: String, server: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.pool = pool
        self.auditPath = auditPath
        self.databaseURL = databaseURL
        self.server = server
    }

    static func start(
        databaseURL: String, directory: String, allowAnonymousMCP: Bool = false, maxConnections: Int = 10,
        idleTimeout: Duration = ServerOptions.defaultIdleTimeout, bodyTimeout: Duration = ServerOptions.defaultBodyTimeout,
        maxHTTPConnections: Int = ServerOptions.defaultMaxConnections
    ) async throws -> TestHost {
        try Migrator().migrate(on: try PostgresConnection(conninfo: databaseURL))
        let pool = try await PostgresPool.open(.init(conninfo: databaseURL, minConnections: 2, maxConnections: maxConnections))
        let auditPath = directory + "/audit_log.jsonl"
        let services = HostServices(
            pool: pool, audit: AuditTrail(log: try AuditLog(path: auditPath)),
            options: ServerOptions(
                host: "127.0.0.1", port: 0, allowAnonymousMCP: allowAnonymousMCP, idleTimeout: idleTimeout, bodyTimeout: bodyTimeout,
                maxConnections: maxHTTPConnections),
            schemaVersion: Migrator().latestVersion)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test-host")
        logger.logLevel = .warning
        let server = Task {
            try await GovernanceServer.run(services: services, logger: logger, handlesSignals: false) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HTTPFailure(message: "server did not start") }
        return TestHost(baseURL: "http://127.0.0.1:\(port)", pool: pool, auditPath: auditPath, databaseURL: databaseURL, server: server)
    }

    func stop() async {
        server.cancel()
        _ = try? await server.value
        pool.close()
    }

    /// Creates an agent and returns (agent id, device token).
    func createAgent(_ label: String) throws -> (UUID, String) {
        let connection = try PostgresConnection(conninfo: databaseURL)
        let created = try AgentStore.create(label: try AgentLabel(label), audit: AuditTrail(log: try AuditLog(path: auditPath)), on: connection)
        return (created.agentID, created.token)
    }

    func createOperatorToken() throws -> String {
        try TokenStore.createOperatorToken(label: "tests", on: try PostgresConnection(conninfo: databaseURL)).token
    }

    func count(_ sql: String, _ parameters: [String?] = []) throws -> Int {
        try PostgresConnection(conninfo: databaseURL).query(sql, parameters)[0].int("n")
    }

    func send(
        _ method: String, _ path: String, token: String? = nil, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> HTTPReply {
        try await HTTPReply.send(method, baseURL + path, token: token, headers: headers, body: body)
    }
}

struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONPayload? { JSONPayload.parse(body) }

    static func send(
        _ method: String, _ url: String, token: String? = nil, headers: [String: String] = [:], body: Data? = nil, timeout: Double = 30
    ) async throws -> HTTPReply {
        guard let target = URL(string: url) else { throw HTTPFailure(message: "bad url \(url)") }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = body
            if headers["Content-Type"] == nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HTTPFailure(message: "not an HTTP response") }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return HTTPReply(status: http.statusCode, headers: fields, body: data)
    }
}

struct HTTPFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
