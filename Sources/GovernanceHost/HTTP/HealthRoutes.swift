import Hummingbird

/// `GET /health` (no auth: load balancers and `doctor` use it) and `GET /openapi.json`.
enum HealthRoutes {
    struct Health: Encodable {
        var status: String
        var schemaVersion: Int
        var database: String
        var pool: PostgresPool.Metrics
        var uptimeSeconds: Double

        enum CodingKeys: String, CodingKey {
            case status, schemaVersion = "schema_version", database, pool, uptimeSeconds = "uptime_seconds"
        }
    }

    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        router.get("/health") { _, _ in
            let reachable: Bool
            do {
                reachable = try await services.pool.withConnection { (connection) throws(PostgresError) in
                    try connection.query("SELECT 1 AS one")[0].int("one") == 1
                }
            } catch {
                reachable = false
            }
            let health = Health(
                status: reachable ? "ok" : "degraded", schemaVersion: services.schemaVersion,
                database: reachable ? "reachable" : "unreachable", pool: services.pool.metrics,
                uptimeSeconds: (services.uptimeSeconds * 1000).rounded() / 1000)
            return JSONBody.response(encoding: health, status: reachable ? .ok : .serviceUnavailable)
        }
        router.get("/openapi.json") { _, _ in
            JSONBody.response(OpenAPIDocument.json)
        }
    }
}
