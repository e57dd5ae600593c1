import Foundation
import GovernanceHost

#if canImport(Glibc)
import Glibc
#endif

/// A real governance host for end-to-end tests: a fresh database on the server `make test` started, migrated, with
/// one agent and its device token in a 0600 file, served by the built `governance-host` on a fixed loopback port (so
/// it can be killed and restarted at the same URL).
final class GovernanceHostFixture {
    let databaseURL: String
    let databaseName: String
    let port: Int
    let tokenFile: String
    let agentID: String
    let directory: String
    private(set) var server: Process?

    /// "https" once started with a certificate.
    private(set) var scheme = "http"
    var url: String { "\(scheme)://127.0.0.1:\(port)" }

    struct Failure: Error, CustomStringConvertible { let description: String }

    init() throws {
        guard let base = ProcessInfo.processInfo.environment["DB_POSTGRES_URL"], var components = URLComponents(string: base) else {
            throw Failure(description: "DB_POSTGRES_URL is not set: run the tests with `make test`, which starts PostgreSQL")
        }
        databaseName = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        components.path = "/" + databaseName
        databaseURL = try components.string ?? { throw Failure(description: "bad DB_POSTGRES_URL") }()
        try PostgresConnection(conninfo: base).query("CREATE DATABASE \(databaseName)")
        directory = ProcessRunner.temporaryDirectory("host")
        port = try Self.freePort()

        let environment = Self.environment(databaseURL: databaseURL, directory: directory)
        let migrate = try ProcessRunner.run(BuiltProduct.path("governance-host"), ["migrate"], environment: environment)
        guard migrate.status == 0 else { throw Failure(description: "migrate failed: \(migrate.output)") }
        let created = try ProcessRunner.run(
            BuiltProduct.path("governance-host"), ["agents", "create", "--label", "Lumen"], environment: environment)
        guard created.status == 0, let token = created.output.split(separator: "\n").last.map(String.init) else {
            throw Failure(description: "agents create failed: \(created.output)")
        }
        tokenFile = directory + "/token"
        _ = FileManager.default.createFile(atPath: tokenFile, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        agentID = try PostgresConnection(conninfo: databaseURL).query("SELECT id::text AS id FROM core.agents")[0].string("id")
    }

    deinit {
        stop()
        if let base = ProcessInfo.processInfo.environment["DB_POSTGRES_URL"], let admin = try? PostgresConnection(conninfo: base) {
            _ = try? admin.query("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)")
        }
    }

    func host(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(BuiltProduct.path("governance-host"), arguments, environment: environment)
    }

    private var environment: [String: String] { Self.environment(databaseURL: databaseURL, directory: directory) }

    private static func environment(databaseURL: String, directory: String) -> [String: String] {
        ["DB_POSTGRES_URL": databaseURL, "GOVERNANCE_AUDIT_JSONL": directory + "/audit.jsonl", "PATH": "/usr/bin:/bin"]
    }

    /// Starts `serve` (over TLS when given a certificate and key) and waits until it accepts connections.
    func start(certificate: (cert: String, key: String)? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProduct.path("governance-host"))
        process.arguments = ["serve", "--port", String(port)] + (certificate.map { ["--tls-cert", $0.cert, "--tls-key", $0.key] } ?? [])
        scheme = certificate == nil ? "http" : "https"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        server = process
        guard ProcessRunner.wait(seconds: 20, until: { isAnswering() }) else {
            throw Failure(description: "governance-host serve did not answer on port \(port)")
        }
    }

    /// SIGKILL, as a crash would.
    func crash() {
        guard let server else { return }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        self.server = nil
    }

    func stop() {
        guard let server else { return }
        server.terminate()
        server.waitUntilExit()
        self.server = nil
    }

    /// One integer (`… AS n`) from the host's database.
    func count(_ sql: String) throws -> Int {
        try PostgresConnection(conninfo: databaseURL).query(sql)[0].int("n")
    }

    /// One text column (`… AS s`) of every row.
    func strings(_ sql: String) throws -> [String] {
        try PostgresConnection(conninfo: databaseURL).query(sql).rows.map { try $0.string("s") }
    }

    /// Summary ids the host stored, and how many rows (duplicates would show as rows > ids).
    func storedSummaries() throws -> (rows: Int, distinct: Int, maxMarks: Int) {
        let row = try PostgresConnection(conninfo: databaseURL).query(
            "SELECT count(*) AS n, count(DISTINCT id) AS d, coalesce(max(marks), 0) AS m FROM core.summaries")[0]
        return (try row.int("n"), try row.int("d"), try row.int("m"))
    }

    private func isAnswering() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
