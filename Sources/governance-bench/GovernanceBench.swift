import Dispatch
import Foundation
import GovernanceHost
import Logging

/// `make bench` (release): summaries/s ingested over loopback at batch 1, 10 and 100 with pool 10, and p50/p99 latency
/// at a fixed request rate. `--devices N [--hosts K] [--requests-per-device R]` runs the fleet benchmark instead: N
/// devices (each its own agent and token) spread over K host instances sharing the database. Needs DB_POSTGRES_URL (the
/// Makefile wraps it in scripts/with-postgres.sh); works in a database of its own, created and dropped here.
@main
enum GovernanceBench {
    /// Concurrent client connections (each its own agent); `GOVERNANCE_BENCH_CLIENTS` overrides for experiments.
    static let clients = ProcessInfo.processInfo.environment["GOVERNANCE_BENCH_CLIENTS"].flatMap(Int.init) ?? 8

    static func main() async throws {
        let arguments: BenchArguments
        do {
            arguments = try BenchArguments(CommandLine.arguments.dropFirst())
        } catch {
            FileHandle.standardError.write(Data("governance-bench: \(error)\n".utf8))
            exit(64)
        }
        guard let base = ProcessInfo.processInfo.environment["DB_POSTGRES_URL"], var components = URLComponents(string: base) else {
            FileHandle.standardError.write(Data("governance-bench: DB_POSTGRES_URL is not set (run `make bench`)\n".utf8))
            exit(2)
        }
        let name = "governance_bench_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresConnection(conninfo: base)
        try admin.query("CREATE DATABASE \(name)")
        defer { _ = try? admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        components.path = "/" + name
        let url = components.string ?? base
        try Migrator().migrate(on: try PostgresConnection(conninfo: url))
        if arguments.fleetPage {
            try FleetPageBench.run(url: url)
            return
        }

        let directory = NSTemporaryDirectory() + "governance-bench-\(name)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let audit = AuditTrail(log: try AuditLog(path: directory + "/audit_log.jsonl"))
        let setup = try PostgresConnection(conninfo: url)
        let tokens = try (0..<clients).map { try AgentStore.create(label: try AgentLabel("bench-\($0)"), audit: audit, on: setup).token }

        let hosts = try await BenchHosts.start(count: arguments.hosts, url: url, audit: audit)
        defer { hosts.stop() }
        if let devices = arguments.devices {
            try await FleetBench.run(devices: devices, requestsPerDevice: arguments.requestsPerDevice, hosts: hosts, url: url, audit: audit)
            return
        }
        print("governance-host ingest over loopback, \(hosts.ports.count) host(s) with pool 10 each, \(clients) concurrent clients (each its own agent), release build")
        print("batch  requests  summaries  seconds  requests/s  summaries/s")
        var sequence = 0
        for (batch, perClient) in [(1, 300), (10, 150), (100, 30)] {
            let bodies = (0..<clients).map { client in
                (0..<perClient).map { request -> [UInt8] in
                    sequence += 1
                    return SummaryBody.batch(count: batch, firstSecond: sequence * batch + client * 1_000_000)
                }
            }
            let seconds = try runClosedLoop(ports: hosts.ports, tokens: tokens, bodies: bodies)
            let requests = clients * perClient
            print(String(format: "%5d  %8d  %9d  %7.2f  %10.0f  %11.0f", batch, requests, requests * batch, seconds,
                         Double(requests) / seconds, Double(requests * batch) / seconds))
        }

        let rate = 100.0
        let duration = 10.0
        let latencies = try runFixedRate(port: hosts.ports[0], tokens: Array(tokens.prefix(4)), batch: 10, rate: rate, duration: duration)
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] * 1000 }
        print(String(format: "fixed rate: %.0f requests/s of batch 10 for %.0f s over 4 connections: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                     rate, duration, sorted.count, percentile(0.50), percentile(0.99), (sorted.last ?? 0) * 1000))
    }

    /// Every client sends its bodies back to back on one keep-alive connection (client i to host i mod K); returns the
    /// wall time.
    static func runClosedLoop(ports: [Int], tokens: [String], bodies: [[[UInt8]]]) throws -> Double {
        let failures = FailureBox()
        let start = DispatchTime.now()
        onThreads(tokens.count) { client in
            do {
                let connection = try LoopbackHTTPClient(port: ports[client % ports.count])
                for body in bodies[client] {
                    let (status, reply) = try connection.post("/v1/summaries", token: tokens[client], body: body)
                    guard status == 200 else { throw BenchError("HTTP \(status): \(String(decoding: reply, as: UTF8.self))") }
                }
            } catch {
                failures.record(error)
            }
        }
        if let failure = failures.first { throw failure }
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Open-loop load: request k is due at start + k/rate; latency counts from when it was due, so a slow reply also
    /// charges the requests queued behind it (no coordinated omission).
    static func runFixedRate(port: Int, tokens: [String], batch: Int, rate: Double, duration: Double) throws -> [Double] {
        let total = Int(rate * duration)
        let latencies = LatencyBox()
        let failures = FailureBox()
        let start = DispatchTime.now().uptimeNanoseconds
        onThreads(tokens.count) { client in
            do {
                let connection = try LoopbackHTTPClient(port: port)
                for request in stride(from: client, to: total, by: tokens.count) {
                    let due = start + UInt64(Double(request) / rate * 1e9)
                    let now = DispatchTime.now().uptimeNanoseconds
                    if due > now { usleep(UInt32((due - now) / 1000)) }
                    let body = SummaryBody.batch(count: batch, firstSecond: 12_000_000 + request * batch)
                    let (status, _) = try connection.post("/v1/summaries", token: tokens[client], body: body)
                    guard status == 200 else { throw BenchError("HTTP \(status)") }
                    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - due) / 1e9)
                }
            } catch {
                failures.record(error)
            }
        }
        if let failure = failures.first { throw failure }
        return latencies.values
    }
}

/// Runs `body(0..<count)` on `count` threads of their own and waits for all. (`concurrentPerform` would run only as
/// many at once as there are cores, two here, which silently halves the offered load.)
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

/// Thread-safe collectors for the client threads.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func record(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}

final class LatencyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [Double] = []
    func append(_ value: Double) { lock.withLock { samples.append(value) } }
    var values: [Double] { lock.withLock { samples } }
}
