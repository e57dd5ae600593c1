import Dispatch
import Foundation
import GovernanceHost

/// The fleet benchmark: `devices` agents, each sending `requestsPerDevice` batches of 10 summaries (what a Pi sends after
/// a short outage), as fast as 64 client connections allow, spread round-robin over the hosts. Reports throughput and
/// the distribution of each device's worst (p99) request latency.
enum FleetBench {
    static let connections = 64
    static let batch = 10

    static func run(devices: Int, requestsPerDevice: Int, hosts: BenchHosts, url: String, audit: AuditTrail) async throws {
        let setup = try PostgresConnection(conninfo: url)
        let tokens = try (0..<devices).map { try AgentStore.create(label: try AgentLabel("fleet-\($0)"), audit: audit, on: setup).token }
        let latencies = DeviceLatencies(devices: devices)
        let failures = FailureBox()
        let ports = hosts.ports
        let start = DispatchTime.now().uptimeNanoseconds
        onThreads(min(connections, devices)) { worker in
            do {
                // Each connection serves the devices d ≡ worker (mod connections), on the host d's index picks.
                var clients: [Int: LoopbackHTTPClient] = [:]
                for round in 0..<requestsPerDevice {
                    for device in stride(from: worker, to: devices, by: connections) {
                        let port = ports[device % ports.count]
                        let client = try clients[port] ?? LoopbackHTTPClient(port: port)
                        clients[port] = client
                        let body = SummaryBody.batch(count: batch, firstSecond: 13_000_000 + round * batch)
                        let sent = DispatchTime.now().uptimeNanoseconds
                        let (status, reply) = try client.post("/v1/summaries", token: tokens[device], body: body)
                        guard status == 200 else { throw BenchError("HTTP \(status): \(String(decoding: reply, as: UTF8.self))") }
                        latencies.record(device: device, seconds: Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e9)
                    }
                }
            } catch {
                failures.record(error)
            }
        }
        if let failure = failures.first { throw failure }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let requests = devices * requestsPerDevice
        let worstPerDevice = latencies.perDeviceMaximum.sorted()
        let all = latencies.all.sorted()
        func percentile(_ values: [Double], _ p: Double) -> Double {
            values.isEmpty ? 0 : values[min(values.count - 1, max(0, Int((Double(values.count) * p).rounded(.up)) - 1))] * 1000
        }
        print("fleet: \(devices) devices × \(requestsPerDevice) batches of \(batch) over \(min(connections, devices)) connections, \(ports.count) host(s), release build")
        print(String(format: "fleet: %d requests, %d summaries in %.2f s: %.0f requests/s, %.0f summaries/s",
                     requests, requests * batch, seconds, Double(requests) / seconds, Double(requests * batch) / seconds))
        print(String(format: "fleet: request latency p50 %.1f ms, p99 %.1f ms; per device (worst request of each): median %.1f ms, p99 %.1f ms",
                     percentile(all, 0.5), percentile(all, 0.99), percentile(worstPerDevice, 0.5), percentile(worstPerDevice, 0.99)))
    }
}

/// Latencies by device, from many client threads.
final class DeviceLatencies: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [[Double]]

    init(devices: Int) { samples = Array(repeating: [], count: devices) }

    func record(device: Int, seconds: Double) { lock.withLock { samples[device].append(seconds) } }
    var all: [Double] { lock.withLock { samples.flatMap { $0 } } }
    var perDeviceMaximum: [Double] { lock.withLock { samples.compactMap { $0.max() } } }
}
