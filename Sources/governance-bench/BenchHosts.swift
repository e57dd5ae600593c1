import GovernanceHost
import Logging

/// K governance-host servers in this process, each with its own connection pool, sharing one database — as K hosts
/// behind a load balancer share one primary. On one machine they also share its cores, which is the point of the
/// comparison: it shows what PostgreSQL serializes, not what more CPUs would buy.
struct BenchHosts {
    let ports: [Int]
    private let servers: [Task<Void, any Error>]
    private let pools: [PostgresPool]

    static func start(count: Int, url: String, audit: AuditTrail) async throws -> BenchHosts {
        var ports: [Int] = []
        var servers: [Task<Void, any Error>] = []
        var pools: [PostgresPool] = []
        var logger = Logger(label: "governance-bench")
        logger.logLevel = .critical  // shutdown with idle keep-alive connections logs harmless errors
        for _ in 0..<count {
            let pool = try await PostgresPool.open(.init(conninfo: url, minConnections: 10, maxConnections: 10))
            let services = HostServices(pool: pool, audit: audit, options: ServerOptions(port: 0), schemaVersion: Migrator().latestVersion)
            let (started, continuation) = AsyncStream<Int>.makeStream()
            let serverLogger = logger
            servers.append(Task { try await GovernanceServer.run(services: services, logger: serverLogger, handlesSignals: false) { continuation.yield($0) } })
            var iterator = started.makeAsyncIterator()
            guard let port = await iterator.next() else { throw BenchError("server did not start") }
            ports.append(port)
            pools.append(pool)
        }
        return BenchHosts(ports: ports, servers: servers, pools: pools)
    }

    func stop() {
        for server in servers { server.cancel() }
        for pool in pools { pool.close() }
    }
}

/// The bench's command line: no options runs the classic suite; `--devices` the fleet ingest benchmark; `--fleet-page`
/// the dashboard's fleet page for 1,000 agents.
struct BenchArguments {
    static let usage = "usage: governance-bench [--devices N] [--hosts K] [--requests-per-device R] | --fleet-page"
    var devices: Int?
    var fleetPage = false
    var hosts = 1
    var requestsPerDevice = 5

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            if flag == "--fleet-page" {
                fleetPage = true
                continue
            }
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw BenchError("\(flag) needs a positive whole number (\(Self.usage))")
            }
            switch flag {
            case "--devices": devices = value
            case "--hosts": hosts = value
            case "--requests-per-device": requestsPerDevice = value
            default: throw BenchError("unknown option \(flag) (\(Self.usage))")
            }
        }
    }
}
