import Foundation

/// A value guarded by a lock, for the store's small pieces of in-memory state shared across threads
/// (identity session, outbox warning flag). Critical sections are short and never call back out.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
