import Foundation
import Testing

@testable import GovernanceHost

/// A whole database per test: the host's schemas (`core`, `audit`) have fixed names, so tests that migrate cannot share
/// one database. Created from the server in DB_POSTGRES_URL and dropped (WITH FORCE) when the test ends.
struct FreshDatabase: ~Copyable {
    let name: String
    let url: String

    init() throws {
        guard let base = TestDatabase.url, var components = URLComponents(string: base) else { throw TestDatabase.MissingServer() }
        let name = "gh_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        components.path = "/" + name
        guard let url = components.string else { throw TestDatabase.MissingServer() }
        let admin = try PostgresConnection(conninfo: base)
        try admin.query("CREATE DATABASE \(name)")
        self.name = name
        self.url = url
    }

    /// A connection to this database.
    func connect() throws -> PostgresConnection { try PostgresConnection(conninfo: url) }

    /// A migrated connection.
    func migrated() throws -> PostgresConnection {
        let connection = try connect()
        try Migrator().migrate(on: connection)
        return connection
    }

    deinit {
        if let base = TestDatabase.url, let admin = try? PostgresConnection(conninfo: base) {
            _ = try? admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}

/// A temporary directory removed at the end of the test.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "governance-host-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
