import AnimaDrawing
import AnimaStore
import Foundation

/// `make bench` → Store: what `DrawingHistoryRecorder.record` costs the drawing thread, and how many rows per
/// second the writer commits, against a real anima.db in a temp directory.
enum StoreBenchmark {
    static func run() {
        print("== Store (anima.db drawing_history recorder)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-bench-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try flatOut(rows: 200_000, path: directory.appendingPathComponent("flat.db").path)
            try paced(rows: 20_000, every: 20_000, path: directory.appendingPathComponent("paced.db").path)
        } catch {
            print("store benchmark failed: \(error)")
        }
    }

    static func snapshot(_ index: Int) -> DrawingSnapshot {
        DrawingSnapshot(
            time: 1_795_687_387 + Double(index), E: 0.5, I: 0.6, S: 0.2, V: -0.01, C: 0.7, marks: index * 10,
            phase: "developing", era: "gestural", energy: 0.4, curiosity: 0.3, engagement: 0.8, fatigue: 0.1,
            arcPhase: "developing", gestureEntropy: 0.9, switchingRate: 0.25, intentionality: 0.55)
    }

    /// Records as fast as the caller can: the writer's throughput and the enqueue cost under contention.
    static func flatOut(rows: Int, path: String) throws {
        let store = try AnimaStore(path: path, recorder: .init(bound: rows))
        let snapshots = (1...rows).map(snapshot)
        var costs = [UInt64]()
        costs.reserveCapacity(rows)
        let start = DispatchTime.now().uptimeNanoseconds
        for value in snapshots {
            let before = DispatchTime.now().uptimeNanoseconds
            store.drawingRecorder.record(value)
            costs.append(DispatchTime.now().uptimeNanoseconds - before)
        }
        let enqueued = DispatchTime.now().uptimeNanoseconds
        store.drawingRecorder.flush()
        let done = DispatchTime.now().uptimeNanoseconds
        let status = store.drawingRecorder.status
        store.close()
        report("flat out, \(rows) records", costs)
        let seconds = Double(done - start) / 1e9
        print(
            String(
                format: "  committed %d rows in %.2f s = %.0f rows/s (caller done after %.3f s; dropped %d, failures %d)",
                status.committed, seconds, Double(status.committed) / seconds, Double(enqueued - start) / 1e9,
                status.dropped, status.failures))
    }

    /// One record every `every` ns, like a fast simulation: the cost the drawing thread sees in steady state.
    static func paced(rows: Int, every interval: UInt64, path: String) throws {
        let store = try AnimaStore(path: path)
        var costs = [UInt64]()
        costs.reserveCapacity(rows)
        var next = DispatchTime.now().uptimeNanoseconds
        for index in 1...rows {
            while DispatchTime.now().uptimeNanoseconds < next {}
            let value = snapshot(index)
            let before = DispatchTime.now().uptimeNanoseconds
            store.drawingRecorder.record(value)
            costs.append(DispatchTime.now().uptimeNanoseconds - before)
            next += interval
        }
        store.drawingRecorder.flush()
        let status = store.drawingRecorder.status
        store.close()
        report("paced, one record per \(interval / 1000) µs", costs)
        print("  committed \(status.committed) rows (dropped \(status.dropped), failures \(status.failures))")
    }

    static func report(_ label: String, _ costs: [UInt64]) {
        let sorted = costs.sorted()
        func percentile(_ p: Double) -> Double {
            Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
        }
        print(
            "  record() \(label): "
                + String(
                    format: "p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs", percentile(0.5), percentile(0.99),
                    percentile(0.999), Double(sorted.last ?? 0) / 1000))
    }
}
