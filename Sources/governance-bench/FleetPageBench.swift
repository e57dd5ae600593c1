import Dispatch
import Foundation
import GovernanceHost

/// `governance-bench --fleet-page`: the dashboard fleet page for 1,000 agents (48 summaries, 48 verdict rows and one drawing
/// each) rendered server-side — the same queries and HTML building `/ui/` runs — timed over 20 renders.
enum FleetPageBench {
    static func run(url: String) throws {
        let connection = try PostgresConnection(conninfo: url)
        try connection.query("SELECT set_config('TimeZone', 'UTC', false)")
        let agents = 1000
        try connection.query("INSERT INTO core.agents (id, label) SELECT gen_random_uuid(), 'agent-' || n FROM generate_series(1, $1) n", [String(agents)])
        try connection.query(
            """
            INSERT INTO core.summaries SELECT gen_random_uuid(), a.id, now() - k * interval '1 minute', now(),
                0.5 + 0.3 * sin(k / 5.0), 0.6, 0.7, 0.8, 0.5, 0.6, 0.3, 0.0, 'geometric', 'developing', k, k * 10,
                0.5, 0.6, 0.3, 0, 0.5, 0.5, 0.5, 0.2, 1, 1, 60
            FROM core.agents a CROSS JOIN generate_series(1, 48) k
            """)
        try connection.query(
            """
            INSERT INTO core.agent_state (agent_id, recorded_at, e, i, s, v, coherence, risk, verdict, action, margin, reason, regime)
            SELECT a.id, now() - k * interval '1 minute', 0.5, 0.6, 0.3, 0, 0.5, 0.1, 'safe', 'proceed', 'comfortable', 'approve', 'stable'
            FROM core.agents a CROSS JOIN generate_series(1, 48) k
            """)
        try connection.query(
            """
            INSERT INTO core.drawings (agent_id, sha256, png, byte_size, width, height, era, marks, pixels, completion, finished_at)
            SELECT id, md5(id::text) || md5(label), '\\x00', 1, 240, 240, 'geometric', 10, 100, 'time_limit', now() FROM core.agents
            """)
        try connection.query("ANALYZE")
        _ = try FleetPageRendering.html(on: connection)  // warm caches
        var samples: [Double] = []
        var bytes = 0
        for _ in 0..<20 {
            let start = DispatchTime.now()
            bytes = try FleetPageRendering.html(on: connection).utf8.count
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        samples.sort()
        let parts = try FleetPageRendering.timedParts(on: connection)
        print("fleet page parts (one render, ms): " + parts.map { "\($0.0) \(String(format: "%.1f", $0.1))" }.joined(separator: ", "))
        print(String(format: "fleet page, %d agents (48 summaries + 48 verdicts + 1 drawing each): %d bytes of HTML, p50 %.1f ms, max %.1f ms over 20 renders",
                     agents, bytes, samples[10], samples[19]))
    }
}
