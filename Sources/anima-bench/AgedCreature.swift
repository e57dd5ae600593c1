import AnimaImage
import AnimaStore
import Foundation

/// `anima-bench --aged-creature DIR [--days N]`: writes the data directory of a creature N days old (default 730,
/// two years) as anima ran it before retention existed: 2,880 state_history rows a day, 1,370 drawing_history rows a
/// day, a wake and a sleep a day, three finished drawings a day in drawings/ — 2 M, 1 M and ~2,200 for two years.
/// `scripts/bench/aging.py` then times its starts and measures their peak memory. Rows are made in SQL (a recursive
/// CTE), a few seconds for two years.
enum AgedCreature {
    static func make(directory: String, days: Int) throws {
        try FileManager.default.createDirectory(atPath: directory + "/drawings", withIntermediateDirectories: true)
        let now = Date().timeIntervalSince1970
        let born = now - Double(days) * 86_400
        let store = try AnimaStore(path: directory + "/anima.db", clock: { born })
        try store.runtimeState.set("aged-creature", forKey: IdentityStore.creatureIDKey)
        try store.identity.wake(creatureID: "aged-creature")
        try store.identity.sleep()
        let sensors = #"{"cpu_percent":12.5,"cpu_temp_c":48.3,"disk_percent":31.0,"memory_percent":22.1,"throttle_bits":0}"#
        try store.database.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch)
                    SELECT strftime('%Y-%m-%dT%H:%M:%S', ? + i * 30, 'unixepoch') || '.000000Z',
                        0.41, 0.82, 0.89, 0.83, ?, 1 FROM n
                    """,
                arguments: [days * 2_880 - 1, born, sensors])
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO drawing_history (timestamp, E, I, S, V, C, marks, phase, era, energy, curiosity,
                        engagement, fatigue, arc_phase, gesture_entropy, switching_rate, intentionality, epoch)
                    SELECT strftime('%Y-%m-%dT%H:%M:%S', ? + i * 63, 'unixepoch') || '.000000Z',
                        0.5, 0.6, 0.2, -0.01, 0.7, (i % 300) * 10, 'developing', 'gestural', 0.4, 0.3, 0.8, 0.1,
                        'developing', 0.9, 0.25, 0.55, 1 FROM n
                    """,
                arguments: [days * 1_370 - 1, born])
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO events (timestamp, event_type, data)
                    SELECT strftime('%Y-%m-%dT%H:%M:%S', ? + i * 86400 + kind * 60, 'unixepoch') || '.000000Z',
                        CASE kind WHEN 0 THEN 'sleep' ELSE 'wake' END,
                        CASE kind WHEN 0 THEN '{"session_seconds":86340}' ELSE '{}' END
                    FROM n, (SELECT 0 AS kind UNION ALL SELECT 1)
                    """,
                arguments: [days, born])
        }
        store.close()
        try store.database.checkpoint()
        let png = PNGEncoder.encode(RGBImage(width: 240, height: 240, fill: RGB(250, 246, 238)))
        for index in 0..<(days * 3) {
            let name = String(format: "lumen_drawing_%08d_%06d_gestural.png", 20_000_000 + index / 3, index % 3)
            try Data(png).write(to: URL(fileURLWithPath: directory + "/drawings/" + name))
        }
        print("aged creature: \(days) days in \(directory) (\(days * 2_880) state_history, \(days * 1_370) drawing_history rows, \(days * 3) drawings)")
    }
}
