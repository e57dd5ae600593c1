/// What the drawing-history recorder has done so far; every count is since the recorder started.
public struct RecorderStatus: Sendable, Equatable {
    /// Rows waiting in memory for the writer.
    public var queued: Int
    /// Rows committed to `drawing_history`.
    public var committed: Int
    /// Rows lost because their batch failed to commit (or arrived after `close`).
    public var failures: Int
    /// Rows dropped, oldest first, because the writer fell behind by more than the queue's bound.
    public var dropped: Int
    /// Wall-clock seconds since 1970 of the last successful commit.
    public var lastCommitAt: Double?
    /// The last commit failure, with SQLite's message.
    public var lastError: String?

    public init(
        queued: Int = 0, committed: Int = 0, failures: Int = 0, dropped: Int = 0, lastCommitAt: Double? = nil,
        lastError: String? = nil
    ) {
        self.queued = queued
        self.committed = committed
        self.failures = failures
        self.dropped = dropped
        self.lastCommitAt = lastCommitAt
        self.lastError = lastError
    }
}
