/// What `GET /health/ready` answers: whether this host should receive traffic, and why not.
struct Readiness: Encodable, Sendable {
    var ready: Bool
    /// `reachable`, `busy` (every pooled connection in use: still serving) or `unreachable`.
    var database: String
    var schemaVersion: Int?
    var expectedSchemaVersion: Int
    var detail: String?

    enum CodingKeys: String, CodingKey {
        case ready, database, detail
        case schemaVersion = "schema_version"
        case expectedSchemaVersion = "expected_schema_version"
    }

    static func check(_ services: HostServices) async -> Readiness {
        let expected = services.schemaVersion
        do {
            let status = try await services.pool.withConnection { (connection) throws(PostgresError) in
                Result { () throws(MigrationError) in try Migrator().status(on: connection).currentVersion }
            }
            let version: Int
            switch status {
            case let .success(current): version = current
            case let .failure(error):
                return Readiness(ready: false, database: "reachable", schemaVersion: nil, expectedSchemaVersion: expected, detail: error.description)
            }
            let current = version == expected
            return Readiness(
                ready: current, database: "reachable", schemaVersion: version, expectedSchemaVersion: expected,
                detail: current ? nil : "the database is at schema \(version); this host needs \(expected): run `governance-host migrate`")
        } catch {
            if case .poolExhausted = error {
                return Readiness(ready: true, database: "busy", schemaVersion: nil, expectedSchemaVersion: expected, detail: error.description)
            }
            return Readiness(ready: false, database: "unreachable", schemaVersion: nil, expectedSchemaVersion: expected, detail: error.description)
        }
    }
}
