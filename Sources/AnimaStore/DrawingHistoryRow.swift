import AnimaDrawing
import GRDB

/// One stored `drawing_history` row: the snapshot the engine handed over, plus its row id and timestamp text.
public struct DrawingHistoryRow: Sendable, Equatable {
    public var id: Int64
    /// UTC, fixed width (`StoreTimestamp`).
    public var timestamp: String
    public var snapshot: DrawingSnapshot

    public init(id: Int64, timestamp: String, snapshot: DrawingSnapshot) {
        self.id = id
        self.timestamp = timestamp
        self.snapshot = snapshot
    }
}

/// SQL shared by the recorder (writes) and `AnimaStore.recentDrawingHistory` (reads), so the column list is
/// written once.
enum DrawingHistorySQL {
    static let insert = """
        INSERT INTO drawing_history (timestamp, E, I, S, V, C, marks, phase, era, energy, curiosity, engagement,
            fatigue, arc_phase, gesture_entropy, switching_rate, intentionality, epoch)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The newest `limit` rows, re-sorted oldest first; `id` breaks ties between equal timestamps.
    static let recent = """
        SELECT * FROM (SELECT * FROM drawing_history ORDER BY timestamp DESC, id DESC LIMIT ?)
        ORDER BY timestamp ASC, id ASC
        """

    static func arguments(_ snapshot: DrawingSnapshot) -> StatementArguments {
        [
            StoreTimestamp.format(snapshot.time), snapshot.E, snapshot.I, snapshot.S, snapshot.V, snapshot.C,
            snapshot.marks, snapshot.phase, snapshot.era, snapshot.energy, snapshot.curiosity, snapshot.engagement,
            snapshot.fatigue, snapshot.arcPhase, snapshot.gestureEntropy, snapshot.switchingRate,
            snapshot.intentionality, snapshot.epoch,
        ]
    }

    static func row(_ row: Row) -> DrawingHistoryRow {
        let timestamp: String = row["timestamp"]
        let snapshot = DrawingSnapshot(
            time: StoreTimestamp.parse(timestamp) ?? 0, E: row["E"], I: row["I"], S: row["S"], V: row["V"],
            C: row["C"], marks: row["marks"], phase: row["phase"], era: row["era"], energy: row["energy"],
            curiosity: row["curiosity"], engagement: row["engagement"], fatigue: row["fatigue"],
            arcPhase: row["arc_phase"], gestureEntropy: row["gesture_entropy"], switchingRate: row["switching_rate"],
            intentionality: row["intentionality"], epoch: row["epoch"])
        return DrawingHistoryRow(id: row["id"], timestamp: timestamp, snapshot: snapshot)
    }
}
