import Dispatch
import Synchronization

/// A bounded pool of libpq connections with an explicit lifetime (`open` … `close`) and metrics for `/health`.
///
/// libpq calls block their thread, so each connection owns a serial `DispatchQueue` and every body runs there, never on
/// Swift's cooperative pool: a slow query stalls one connection, not the HTTP server. `acquire` hands out an idle
/// connection, opens a new one while below `maxConnections`, or waits up to `acquireTimeout` and then fails with
/// `PostgresError.poolExhausted`. A connection whose socket broke (libpq reports `CONNECTION_BAD` after a failed
/// statement) is dropped when returned and a replacement is opened for the next waiter, so the pool heals itself.
public final class PostgresPool: Sendable {
    public struct Configuration: Sendable {
        public var conninfo: String
        public var minConnections: Int
        public var maxConnections: Int
        /// How long `withConnection` waits for a free connection before failing.
        public var acquireTimeoutSeconds: Double
        /// Server-side `statement_timeout` set on every connection.
        public var statementTimeoutMilliseconds: Int

        public init(
            conninfo: String, minConnections: Int = 2, maxConnections: Int = 10,
            acquireTimeoutSeconds: Double = 10, statementTimeoutMilliseconds: Int = 30_000
        ) {
            self.conninfo = conninfo
            self.minConnections = minConnections
            self.maxConnections = maxConnections
            self.acquireTimeoutSeconds = acquireTimeoutSeconds
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        }
    }

    /// A snapshot of the pool for `/health` and `doctor`.
    public struct Metrics: Sendable, Equatable, Codable {
        /// Open connections (idle + in use).
        public var size: Int
        public var idle: Int
        public var max: Int
        /// Callers waiting for a connection.
        public var waiting: Int
    }

    public let configuration: Configuration
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var idle: [PooledConnection] = []
        /// Open connections plus ones being opened.
        var size = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Result<PooledConnection, PostgresError>?, Never>)] = []
        var nextWaiterID: UInt64 = 0
        var nextConnectionID = 0
        var closed = false
    }

    private init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Opens `minConnections` connections; fails (and closes what was opened) if PostgreSQL cannot be reached.
    public static func open(_ configuration: Configuration) async throws(PostgresError) -> PostgresPool {
        let pool = PostgresPool(configuration: configuration)
        var opened: [PooledConnection] = []
        for _ in 0..<max(0, min(configuration.minConnections, configuration.maxConnections)) {
            pool.state.withLock { $0.size += 1 }
            do {
                opened.append(try await pool.openConnection())
            } catch {
                pool.state.withLock { $0.size -= 1 }
                pool.close()
                throw error
            }
        }
        pool.state.withLock { $0.idle.append(contentsOf: opened) }
        return pool
    }

    public var metrics: Metrics {
        state.withLock { Metrics(size: $0.size, idle: $0.idle.count, max: configuration.maxConnections, waiting: $0.waiters.count) }
    }

    /// Runs `body` with a connection on that connection's own thread and returns the connection to the pool.
    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let pooled = try await acquire()
        let result: Result<T, PostgresError> = await withCheckedContinuation { continuation in
            pooled.queue.async {
                do throws(PostgresError) {
                    continuation.resume(returning: .success(try body(pooled.connection)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        release(pooled)
        return try result.get()
    }

    /// Stops handing out connections, closes the idle ones and fails every waiter. Connections in use close when returned.
    public func close() {
        let (idle, waiters) = state.withLock { state in
            state.closed = true
            let idle = state.idle
            state.size -= idle.count
            state.idle = []
            let waiters = state.waiters
            state.waiters = []
            return (idle, waiters)
        }
        _ = idle  // released here: deinit calls PQfinish
        for waiter in waiters { waiter.continuation.resume(returning: .failure(.poolClosed)) }
    }

    // MARK: Acquire and release

    private func acquire() async throws(PostgresError) -> PooledConnection {
        let waiterID = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = configuration.acquireTimeoutSeconds
        // nil means "you may open a new connection": the slot was reserved under the lock.
        let outcome: Result<PooledConnection, PostgresError>? = await withCheckedContinuation { continuation in
            enum Step { case ready(PooledConnection), open, wait, closed }
            let step = state.withLock { state -> Step in
                if state.closed { return .closed }
                if let connection = state.idle.popLast() { return .ready(connection) }
                if state.size < configuration.maxConnections {
                    state.size += 1
                    return .open
                }
                state.waiters.append((waiterID, continuation))
                return .wait
            }
            switch step {
            case let .ready(connection): continuation.resume(returning: .success(connection))
            case .open: continuation.resume(returning: nil)
            case .closed: continuation.resume(returning: .failure(.poolClosed))
            case .wait:
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
                    let expired = state.withLock { state -> (CheckedContinuation<Result<PooledConnection, PostgresError>?, Never>, Int)? in
                        guard let index = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
                        return (state.waiters.remove(at: index).continuation, state.size)
                    }
                    if let (waiter, size) = expired {
                        waiter.resume(returning: .failure(.poolExhausted(size: size, max: configuration.maxConnections, waitedSeconds: timeout)))
                    }
                }
            }
        }
        switch outcome {
        case let .success(connection):
            if connection.connection.isHealthy { return connection }
            // Broken while idle: drop it and open a replacement in its slot.
            return try await openReserved()
        case let .failure(error):
            throw error
        case nil:
            return try await openReserved()
        }
    }

    /// Opens a connection into a slot already counted in `size`, giving the slot back on failure.
    private func openReserved() async throws(PostgresError) -> PooledConnection {
        do {
            return try await openConnection()
        } catch {
            state.withLock { $0.size -= 1 }
            throw error
        }
    }

    private func release(_ connection: PooledConnection) {
        enum Step { case none, hand(CheckedContinuation<Result<PooledConnection, PostgresError>?, Never>), replace(CheckedContinuation<Result<PooledConnection, PostgresError>?, Never>) }
        let healthy = connection.connection.isHealthy
        let step = state.withLock { state -> Step in
            if state.closed || !healthy {
                state.size -= 1
                guard !state.closed, !state.waiters.isEmpty else { return .none }
                state.size += 1
                return .replace(state.waiters.removeFirst().continuation)
            }
            if !state.waiters.isEmpty { return .hand(state.waiters.removeFirst().continuation) }
            state.idle.append(connection)
            return .none
        }
        switch step {
        case .none: break
        case let .hand(waiter): waiter.resume(returning: .success(connection))
        case let .replace(waiter): waiter.resume(returning: nil)  // the waiter opens into the reserved slot
        }
    }

    private func openConnection() async throws(PostgresError) -> PooledConnection {
        let id = state.withLock { state -> Int in
            state.nextConnectionID += 1
            return state.nextConnectionID
        }
        let configuration = self.configuration
        let result: Result<PooledConnection, PostgresError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(PostgresError) {
                    let connection = try PostgresConnection(conninfo: configuration.conninfo)
                    try connection.setStatementTimeout(milliseconds: configuration.statementTimeoutMilliseconds)
                    // Session time zone UTC, so nothing the server formats can ever carry a local offset.
                    try connection.query("SELECT set_config('TimeZone', 'UTC', false)")
                    continuation.resume(returning: .success(PooledConnection(id: id, connection: connection)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}

/// A connection plus the serial queue its blocking libpq calls run on. Only one body uses it at a time (the pool
/// guarantees that), which is what makes the unchecked Sendable sound.
final class PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection
    let queue: DispatchQueue

    init(id: Int, connection: PostgresConnection) {
        self.connection = connection
        self.queue = DispatchQueue(label: "governance.postgres.connection.\(id)")
    }
}
