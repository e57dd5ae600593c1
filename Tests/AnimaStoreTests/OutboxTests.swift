import Foundation
import Testing

@testable import AnimaStore

/// The governance outbox: idempotent, ordered, bounded.
@Suite struct OutboxTests {
    let directory: URL

    init() throws { directory = try makeTemporaryDirectory("anima-outbox") }

    func open(capacity: Int = Outbox.defaultCapacity) throws -> AnimaStore {
        try AnimaStore(path: directory.appendingPathComponent("anima.db").path, outboxCapacity: capacity)
    }

    @Test func appendIsIdempotentById() throws {
        let outbox = try open().outbox
        try outbox.append(id: "a", payload: Array(#"{"n":1}"#.utf8), at: 10)
        try outbox.append(id: "a", payload: Array(#"{"n":2}"#.utf8), at: 11)
        #expect(try outbox.depth() == 1)
        #expect(try outbox.oldest(limit: 5) == [OutboxItem(id: "a", createdAt: 10, payload: Array(#"{"n":1}"#.utf8))])
    }

    @Test func oldestComesFirstAndRemoveDeletes() throws {
        let outbox = try open().outbox
        for (index, id) in ["u1", "u2", "u3", "u4"].enumerated() {
            try outbox.append(id: id, payload: [UInt8(index)], at: Double(100 - index))  // arrival order, not time
        }
        #expect(try outbox.oldest(limit: 3).map(\.id) == ["u1", "u2", "u3"])
        try outbox.remove(ids: ["u1", "u3", "unknown"])
        #expect(try outbox.depth() == 2)
        #expect(try outbox.oldest(limit: 10).map(\.id) == ["u2", "u4"])
        #expect(try outbox.oldest(limit: 10).map(\.payload) == [[1], [3]])
        try outbox.remove(ids: [])
        #expect(try outbox.depth() == 2)
    }

    @Test func defaultCapacityHoldsThirtyDaysOfSummaries() throws {
        let outbox = try open().outbox
        #expect(outbox.capacity == 20_000)
        #expect(outbox.capacity > 30 * 86_400 / 180)
    }

    @Test func fullOutboxDropsTheOldestAndCounts() throws {
        let store = try open(capacity: 5)
        for index in 1...8 { try store.outbox.append(id: "s\(index)", payload: [], at: Double(index)) }
        #expect(try store.outbox.depth() == 5)
        #expect(try store.outbox.oldest(limit: 10).map(\.id) == ["s4", "s5", "s6", "s7", "s8"])
        #expect(try store.outbox.droppedCount() == 3)
        store.close()
        #expect(try open(capacity: 5).outbox.droppedCount() == 3)  // persisted
    }

    @Test func nearlyFullFromEightyPercent() throws {
        let outbox = try open(capacity: 10).outbox
        for index in 1...7 { try outbox.append(id: "s\(index)", payload: [], at: 0) }
        #expect(try outbox.isNearlyFull() == false)
        try outbox.append(id: "s8", payload: [], at: 0)
        #expect(try outbox.isNearlyFull() == true)
        try outbox.remove(ids: ["s1"])
        #expect(try outbox.isNearlyFull() == false)
    }
}
