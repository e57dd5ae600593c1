import Foundation

/// The single calibration row (spec §3): jsonb data plus a version. Writers say which version they read; an update
/// against a newer version is refused instead of silently overwriting another writer's change.
public enum CalibrationStore {
    public struct Calibration: Sendable, Equatable {
        public var data: JSONPayload
        public var version: Int
    }

    public static func read(on connection: PostgresConnection) throws(PostgresError) -> Calibration {
        let row = try connection.query("SELECT data::text AS data, version FROM core.calibration WHERE id = 1")[0]
        return Calibration(data: JSONPayload.parse(Data(try row.string("data").utf8)) ?? .null, version: try row.int("version"))
    }

    /// Replaces the data if the stored version is still `expectedVersion`; returns the new version, or nil when someone
    /// else updated it first (read again and retry).
    public static func update(_ data: JSONPayload, expectedVersion: Int, on connection: PostgresConnection) throws(PostgresError) -> Int? {
        let rows = try connection.query(
            """
            UPDATE core.calibration SET data = $1::jsonb, version = version + 1, updated_at = now()
            WHERE id = 1 AND version = $2 RETURNING version
            """, [data.jsonText, String(expectedVersion)])
        return rows.count == 1 ? try rows[0].int("version") : nil
    }
}
