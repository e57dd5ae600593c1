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
        // Liveness: the process answers. Nothing else is checked, so a database outage never gets the host restarted.
        router.get("/health/live") { _, _ in
            JSONBody.response(encoding: ["status": "ok"])
        }
        // Readiness: the database is reachable and at this build's schema. A pool with every connection busy is ready
        // (it is serving): only a failed connection or a behind schema takes the host out of a load balancer.
        router.get("/health/ready") { _, _ in
            let readiness = await Readiness.check(services)
            return JSONBody.response(encoding: readiness, status: readiness.ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: HostMetrics.exposition(pool: services.pool.metrics))))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
        router.get("/openapi.json") { _, _ in
            JSONBody.response(OpenAPIDocument.json)
        }
    }
}
