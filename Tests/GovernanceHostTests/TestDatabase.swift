import Foundation
import Testing

@testable import GovernanceHost

/// The PostgreSQL server the tests use: `DB_POSTGRES_URL`, which `make test` sets after starting a
/// throwaway cluster. Under `make test` (ANIMA_REQUIRE_POSTGRES=1) a missing URL fails the test instead of skipping it.
enum TestDatabase {
    static var url: String? { ProcessInfo.processInfo.environment["DB_POSTGRES_URL"] }

    /// A fresh schema per test so tests running in parallel never see each other's tables.
    static func connect() throws -> (PostgresConnection, schema: String) {
        guard let url else {
            throw MissingServer()
        }
        let connection = try PostgresConnection(conninfo: url)
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try connection.query("CREATE SCHEMA \(schema)")
        try connection.query("SET search_path TO \(schema)")
        return (connection, schema)
    }

    static func drop(_ schema: String, on connection: PostgresConnection) {
        _ = try? connection.query("DROP SCHEMA \(schema) CASCADE")
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "DB_POSTGRES_URL is not set: run the tests with `make test`, which starts PostgreSQL" }
    }
}
