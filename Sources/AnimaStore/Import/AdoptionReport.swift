/// What one `anima adopt` carried over. Counts are of rows and files added by this run: a second adopt of the same
/// source reports zeros.
public struct AdoptionReport: Sendable, Equatable, Codable {
    public var source: String
    public var target: String
    public var creatureID: String
    public var name: String?
    /// The creature's birth, UTC (`StoreTimestamp`).
    public var bornAt: String
    public var awakenings: Int
    public var aliveSeconds: Double
    /// True when the target already held this creature from an earlier adopt (only rows added since are imported).
    public var alreadyAdopted: Bool
    public var events = 0
    public var stateHistory = 0
    public var drawingHistory = 0
    /// Rows left behind: how many, and the first 20 with the reason (`state_history id 12: timestamp 'soon' is not a
    /// date`).
    public var skipped = 0
    public var skippedRows: [String] = []
    /// Source tables anima keeps no equivalent of, with their row counts (the reference's `system_metrics`).
    public var notImported: [String: Int] = [:]
    public var canvas: FileOutcome = .absent
    public var drawingsCopied = 0
    public var drawingsAlreadyPresent = 0
    /// Drawings whose name anima already uses for a different picture: anima's file is kept.
    public var drawingsKeptExisting: [String] = []

    public enum FileOutcome: String, Sendable, Equatable, Codable {
        /// The source has none.
        case absent
        case copied
        /// The target already has the same bytes.
        case identical
        /// The target has its own (the creature has drawn since): kept.
        case keptExisting = "kept-existing"
    }

    public var changedNothing: Bool {
        events == 0 && stateHistory == 0 && drawingHistory == 0 && drawingsCopied == 0 && canvas != .copied && alreadyAdopted
    }
}
