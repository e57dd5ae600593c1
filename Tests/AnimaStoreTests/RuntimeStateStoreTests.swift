import Foundation
import Testing

@testable import AnimaStore

/// The key → JSON runtime state table.
@Suite struct RuntimeStateStoreTests {
    struct Verdict: Codable, Equatable {
        var action: String
        var margin: String
    }

    let store: AnimaStore

    init() throws {
        store = try AnimaStore(
            path: try makeTemporaryDirectory("anima-runtime").appendingPathComponent("anima.db").path,
            clock: TestClock(0).closure)
    }

    @Test func storesAndReadsCodableValues() throws {
        let state = store.runtimeState
        #expect(try state.value(Verdict.self, forKey: "governance.last_verdict") == nil)
        try state.set(Verdict(action: "proceed", margin: "tight"), forKey: "governance.last_verdict")
        try state.set(Verdict(action: "pause", margin: "critical"), forKey: "governance.last_verdict")
        #expect(try state.value(Verdict.self, forKey: "governance.last_verdict") == Verdict(action: "pause", margin: "critical"))
        #expect(try state.json(forKey: "governance.last_verdict") == #"{"action":"pause","margin":"critical"}"#)
        try state.removeValue(forKey: "governance.last_verdict")
        #expect(try state.all().isEmpty)
    }

    @Test func rejectsTextThatIsNotJSON() throws {
        #expect(throws: StoreError.self) { try store.runtimeState.setJSON("{not json", forKey: "k") }
        #expect(try store.runtimeState.json(forKey: "k") == nil)
    }

    @Test func wrongShapeNamesTheKey() throws {
        try store.runtimeState.setJSON(#"{"action":1}"#, forKey: "governance.last_verdict")
        do {
            _ = try store.runtimeState.value(Verdict.self, forKey: "governance.last_verdict")
            Issue.record("decoding a number as a string should fail")
        } catch {
            guard case let .invalidValue(table, key, _) = error else {
                Issue.record("expected invalidValue, got \(error)")
                return
            }
            #expect(table == "runtime_state")
            #expect(key == "governance.last_verdict")
        }
    }

    @Test func countersAdd() throws {
        #expect(try store.runtimeState.counter("sender.posts") == 0)
        try store.runtimeState.increment("sender.posts")
        try store.runtimeState.increment("sender.posts", by: 4)
        #expect(try store.runtimeState.counter("sender.posts") == 5)
        #expect(try store.runtimeState.all().map(\.key) == ["sender.posts"])
    }
}
