import AnimaStore

/// The durable queue the client writes summaries to and the sender drains: anima.db's outbox in production.
/// A protocol so the sender's logic reads as what it needs, nothing of SQLite.
public protocol OutboxStorage: Sendable {
    /// Queues a summary; appending an id already queued changes nothing. `counter` is incremented in the same
    /// transaction when the row is new.
    func append(id: String, payload: [UInt8], at time: Double, counting counter: String?) throws(StoreError)
    /// The oldest `limit` queued summaries, oldest first.
    func oldest(limit: Int) throws(StoreError) -> [OutboxItem]
    /// Removes summaries the host accepted.
    func remove(ids: [String]) throws(StoreError)
    /// Sets aside a summary the host refused on its own, so the rows behind it can go.
    func quarantine(id: String, status: Int, reason: String, at time: Double) throws(StoreError)
    func depth() throws(StoreError) -> Int
    var capacity: Int { get }
}

extension Outbox: OutboxStorage {}
