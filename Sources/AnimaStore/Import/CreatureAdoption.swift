import Foundation
import GRDB

/// `anima adopt`: carries a creature made by the Python anima-mcp — its identity, events, state_history,
/// drawing_history, canvas.json and drawings — into anima's data directory.
///
/// The source is only ever read: its anima.db is read from a private copy (`PrivateDatabaseCopy`), its files with plain
/// reads, so its bytes stay exactly as they were and it remains the backup to go back to. All rows arrive in one
/// transaction (nothing half-adopted), with a record in `runtime_state` of the source ids reached; adopting the same
/// source again adds only rows the Python creature wrote since, and adopting over another creature is refused.
public enum CreatureAdoption {
    /// The `runtime_state` key recording the adoption (`Record`).
    public static let recordKey = "adoption"

    struct Record: Codable {
        var source: String
        var creatureID: String
        /// The highest source row id imported, per table.
        var lastSourceIDs: [String: Int64]
        var adoptedAt: String
        var updatedAt: String
    }

    static let importedTables = [
        ReferenceHistoryImport.events, ReferenceHistoryImport.stateHistory, ReferenceHistoryImport.drawingHistory,
    ]
    /// The reference's tables that are read as part of the creature (the rest are listed in the report as not imported).
    static let knownTables: Set<String> = ["identity", "events", "state_history", "drawing_history", "sqlite_sequence"]

    /// `creature` picks the identity row to adopt when the source holds more than one (refused without it).
    public static func adopt(
        from sourceDirectory: String, into dataDirectory: String, creature: String? = nil,
        time: ReferenceLocalTime = ReferenceLocalTime(), now: Double = Date().timeIntervalSince1970
    ) throws(AdoptionError) -> AdoptionReport {
        let source = standardized(sourceDirectory)
        let target = standardized(dataDirectory)
        guard source != target else { throw .sameDirectory(source) }
        let sourcePath = source + "/anima.db"
        guard FileManager.default.fileExists(atPath: sourcePath) else { throw .noSourceDatabase(directory: source) }
        let targetPath = target + "/anima.db"
        let newDatabase = AdoptionStaging.isAbsent(targetPath)
        // Everything is written next to the target, never to $TMPDIR (a tmpfs, in RAM, on Debian trixie); checked
        // before the first byte is, once what an interrupted adopt left there is gone.
        AdoptionStaging.removeLeftovers(in: target)
        try AdoptionSpace(sourcePath: sourcePath, newDatabase: newDatabase).check(directory: target)
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        } catch {
            throw .file(path: target, message: error.localizedDescription)
        }
        let (kind, snapshot) = DatabaseInspection.inspectKeepingCopy(path: sourcePath, copyingInto: target)
        guard case .pythonReference = kind, let snapshot else { throw .notReference(path: sourcePath, kind: kind) }

        let identity: ReferenceIdentity
        let otherTables: [String: Int]
        do {
            (identity, otherTables) = try snapshot.queue.read { db in
                (try ReferenceIdentity.read(db, time: time, creature: creature), try countOtherTables(db))
            }
        } catch let error as ReferenceIdentityError {
            throw .unreadableSource(path: sourcePath, message: error.message)
        } catch {
            throw .unreadableSource(path: sourcePath, message: StoreError.wrap(error).description)
        }

        var report = AdoptionReport(
            source: source, target: target, creatureID: identity.creatureID, name: identity.name,
            bornAt: identity.bornAt, awakenings: identity.totalAwakenings, aliveSeconds: identity.totalAliveSeconds,
            alreadyAdopted: false, notImported: otherTables)
        let history = ReferenceHistoryImport(time: time, sourcePath: sourcePath)
        // The whole import is one transaction: into a new database built beside the target and renamed into place
        // once complete, or into the target's own anima.db. A crash or a failure leaves the target as it was.
        let importRows: (Database) throws -> Void = { db in
            var record = try checkTarget(db, for: identity, path: targetPath)
            report.alreadyAdopted = record != nil
            if record == nil { try insert(identity, into: db) }
            var lastIDs = record?.lastSourceIDs ?? [:]
            try snapshot.queue.read { sourceDB in
                for table in importedTables {
                    let outcome = try history.copy(table, from: sourceDB, to: db, afterID: lastIDs[table.name] ?? 0)
                    lastIDs[table.name] = outcome.lastSourceID
                    report.skipped += outcome.skipped
                    report.skippedRows += outcome.skippedRows.prefix(ReferenceHistoryImport.describedSkips - report.skippedRows.count)
                    switch table.name {
                    case "events": report.events = outcome.imported
                    case "state_history": report.stateHistory = outcome.imported
                    default: report.drawingHistory = outcome.imported
                    }
                }
            }
            let stamp = StoreTimestamp.format(now)
            record = Record(
                source: source, creatureID: identity.creatureID, lastSourceIDs: lastIDs,
                adoptedAt: record?.adoptedAt ?? stamp, updatedAt: stamp)
            try setState(record, forKey: recordKey, in: db, at: stamp)
            try setState(identity.creatureID, forKey: IdentityStore.creatureIDKey, in: db, at: stamp)
            report.awakenings = try IdentityStore.countAwakenings(db)
            report.aliveSeconds = try IdentityStore.aliveSeconds(db, creatureID: identity.creatureID)
        }
        do {
            if newDatabase {
                try AdoptionStaging.build(at: targetPath, importRows)
            } else {
                try importIntoExisting(at: targetPath, importRows)
            }
        } catch {
            if case let .invalidValue(table, key, message) = error, table == "identity", key == "adoption" {
                throw .differentCreature(path: targetPath, existing: message, source: identity.creatureID)
            }
            throw .target(error)
        }
        try ReferenceFilesImport(sourceDirectory: source, targetDirectory: target).copy(into: &report)
        return report
    }

    /// Adds the rows to the creature the target already holds, in one transaction, then checkpoints so the file alone
    /// is the whole database.
    static func importIntoExisting(at path: String, _ importRows: (Database) throws -> Void) throws(StoreError) {
        let database = try AnimaDatabase(path: path, migrator: AnimaSchema.migrator, verifyIntegrity: true)
        try database.write(importRows)
        try database.checkpoint()
    }

    /// The earlier adoption of this creature, or nil when the target holds no creature yet. Another creature — in
    /// `identity`, or named by `runtime_state.creature_id` — is refused (thrown as `invalidValue(identity, adoption, <id>)`).
    static func checkTarget(_ db: Database, for identity: ReferenceIdentity, path: String) throws -> Record? {
        var present = try String.fetchAll(db, sql: "SELECT creature_id FROM identity")
        if let json = try String.fetchOne(db, sql: "SELECT value FROM runtime_state WHERE key = ?", arguments: [IdentityStore.creatureIDKey]),
            let named = try? JSONDecoder().decode(String.self, from: Data(json.utf8))
        {
            present.append(named)
        }
        if let other = present.first(where: { $0 != identity.creatureID }) {
            throw StoreError.invalidValue(table: "identity", key: "adoption", message: other)
        }
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM runtime_state WHERE key = ?", arguments: [recordKey])
        else {
            guard present.isEmpty else {
                // This creature is here, but not by adoption (a copied anima.db?): importing would duplicate its rows.
                throw StoreError.invalidValue(
                    table: "runtime_state", key: recordKey,
                    message: "\(path) already holds creature \(identity.creatureID) with no record of adopting it; "
                        + "it is already anima's — run anima on it, or move it aside to adopt afresh")
            }
            return nil
        }
        do {
            return try JSONDecoder().decode(Record.self, from: Data(json.utf8))
        } catch {
            throw StoreError.invalidValue(table: "runtime_state", key: recordKey, message: "unreadable adoption record: \(error)")
        }
    }

    static func insert(_ identity: ReferenceIdentity, into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO identity (creature_id, born_at, total_awakenings, total_alive_seconds, name, name_history,
                    metadata, last_heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                identity.creatureID, identity.bornAt, identity.totalAwakenings, identity.totalAliveSeconds, identity.name,
                identity.nameHistory, identity.metadata, identity.lastHeartbeatAt,
            ])
    }

    static func setState<Value: Encodable>(_ value: Value, forKey key: String, in db: Database, at stamp: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [key, json, stamp])
    }

    static func countOtherTables(_ db: Database) throws -> [String: Int] {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        var counts: [String: Int] = [:]
        for table in tables where !knownTables.contains(table) {
            counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"") ?? 0
        }
        return counts
    }

    static func standardized(_ directory: String) -> String {
        let url = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        let path = url.path
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
