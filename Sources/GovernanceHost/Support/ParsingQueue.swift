import Dispatch

/// Where request bodies are parsed: a Dispatch worker, not a Swift-concurrency thread. The cooperative pool has one
/// thread per core and every route (`/health` included) runs on it, so a few large bodies parsed there in parallel
/// once delayed `/health` by seconds; libpq calls leave it for the same reason (`PostgresPool`).
enum ParsingQueue {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
