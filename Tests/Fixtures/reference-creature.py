#!/usr/bin/env python3
"""Makes ~/.anima as the Python anima-mcp leaves it, for the adoption tests.

The writes follow anima-mcp's own code (github.com/CIRWEL/anima-mcp, src/anima_mcp/identity/store.py and
display/drawing_engine.py), statement by statement: the schema of `_init_schema` with its later ALTERs
(`last_heartbeat_at`, `epoch`), `wake` (birth row, wake event with {"awakening": n}), `heartbeat` (every 30 s:
total_alive_seconds and last_heartbeat_at), `record_state`, `record_drawing_state`, `set_name` (name_history entries
{"name", "until"}), `sleep` (total_alive_seconds, sleep event {"session_seconds"}), `record_system_metrics`, the
canvas.json of `save_to_disk` and a `lumen_drawing_YYYYMMDD_HHMMSS_<era>.png`. Every timestamp is
`datetime.isoformat()` of a naive local time, as `datetime.now()` gives it: TZ decides what the Pi wrote.

usage: reference-creature.py DIR [--sessions N] [--end-seconds-ago S]
Prints a JSON summary of what it wrote (creature id, counts, totals) for the test to compare with.
"""
import argparse
import json
import os
import sqlite3
import struct
import zlib
from datetime import datetime, timedelta

SCHEMA = """
CREATE TABLE IF NOT EXISTS identity (
    creature_id TEXT PRIMARY KEY, born_at TEXT NOT NULL, total_awakenings INTEGER DEFAULT 0,
    total_alive_seconds REAL DEFAULT 0.0, name TEXT, name_history TEXT DEFAULT '[]', metadata TEXT DEFAULT '{}');
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, event_type TEXT NOT NULL, data TEXT DEFAULT '{}');
CREATE TABLE IF NOT EXISTS state_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, warmth REAL, clarity REAL, stability REAL,
    presence REAL, sensors TEXT DEFAULT '{}');
CREATE TABLE IF NOT EXISTS drawing_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, E REAL NOT NULL, I REAL NOT NULL, S REAL NOT NULL,
    V REAL NOT NULL, C REAL NOT NULL, marks INTEGER NOT NULL, phase TEXT, era TEXT, energy REAL, curiosity REAL,
    engagement REAL, fatigue REAL, arc_phase TEXT, gesture_entropy REAL, switching_rate REAL, intentionality REAL);
CREATE INDEX IF NOT EXISTS idx_drawing_history_time ON drawing_history(timestamp DESC);
CREATE INDEX IF NOT EXISTS idx_state_history_time ON state_history(timestamp);
CREATE TABLE IF NOT EXISTS system_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, cpu_temp_c REAL, cpu_percent REAL,
    memory_percent REAL, disk_percent REAL, ambient_temp_c REAL, humidity_pct REAL, light_lux REAL, pressure_hpa REAL,
    led_brightness REAL, throttled_now INTEGER, undervoltage_now INTEGER, freq_capped_now INTEGER,
    epoch INTEGER NOT NULL DEFAULT 1);
"""


def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--end-seconds-ago", type=float, default=20.0)
    args = parser.parse_args()
    os.makedirs(os.path.join(args.directory, "drawings"), exist_ok=True)
    conn = sqlite3.connect(os.path.join(args.directory, "anima.db"))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(SCHEMA)
    conn.execute("ALTER TABLE identity ADD COLUMN last_heartbeat_at TEXT")
    for table in ("state_history", "drawing_history"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1")
    conn.commit()

    creature_id = "49e14444-b59e-48f1-83b8-b36a988c9975"
    # Sessions of 10 minutes, each a graceful restart 60 s after the last one's sleep (only those count as awakenings,
    # `_recalculate_stats`), the last one ending --end-seconds-ago before now. The first starts on a whole second:
    # isoformat() then has no fraction, which the importer must read too.
    end = datetime.now() - timedelta(seconds=args.end_seconds_ago)
    session_length = timedelta(minutes=10)
    gap = timedelta(seconds=60)
    starts = [end - session_length - (session_length + gap) * back for back in range(args.sessions - 1, -1, -1)]
    starts[0] = starts[0].replace(microsecond=0)
    alive = 0.0
    name, name_history = None, []
    counts = {"events": 0, "state_history": 0, "drawing_history": 0, "system_metrics": 0}
    for number, start in enumerate(starts):
        if number == 0:
            conn.execute(
                "INSERT INTO identity (creature_id, born_at, total_awakenings, total_alive_seconds, name, name_history, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (creature_id, start.isoformat(), 0, 0.0, None, "[]", "{}"))
        conn.execute("INSERT INTO events (timestamp, event_type, data) VALUES (?, ?, ?)",
                     (start.isoformat(), "wake", json.dumps({"awakening": number + 1})))
        counts["events"] += 1
        conn.execute("UPDATE identity SET total_awakenings = ? WHERE creature_id = ?", (number + 1, creature_id))
        if number == 0 or number == 1:
            if name:
                name_history.append({"name": name, "until": (start + timedelta(seconds=5)).isoformat()})
            name = "Lumen" if number == 1 else "Spark"
            conn.execute("UPDATE identity SET name = ?, name_history = ? WHERE creature_id = ?",
                         (name, json.dumps(name_history), creature_id))
        checkpoint = start
        for tick in range(1, 21):  # every 30 s for 10 minutes
            now = start + timedelta(seconds=30 * tick)
            alive += (now - checkpoint).total_seconds()
            checkpoint = now
            conn.execute("UPDATE identity SET total_alive_seconds = ?, last_heartbeat_at = ? WHERE creature_id = ?",
                         (alive, now.isoformat(), creature_id))
            conn.execute(
                "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now.isoformat(), 0.4 + tick / 100, 0.6, 0.7, 0.5, json.dumps({"light_lux": 120.0 + tick}), 1))
            counts["state_history"] += 1
            conn.execute(
                "INSERT INTO drawing_history (timestamp, E, I, S, V, C, marks, phase, era, energy, curiosity, engagement, fatigue, arc_phase, gesture_entropy, switching_rate, intentionality, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now.isoformat(), 0.7, 0.6 + tick / 1000, 0.2, 0.1, 0.55, 10 * tick, "building", "geometric",
                 0.8, 0.5, 0.4, 0.1, "developing", 0.9, 0.3, 0.6, 1))
            counts["drawing_history"] += 1
            conn.execute(
                "INSERT INTO system_metrics (timestamp, cpu_temp_c, cpu_percent, memory_percent, disk_percent, epoch) VALUES (?, ?, ?, ?, ?, ?)",
                (now.isoformat(), 48.5, 12.0, 33.0, 41.0, 1))
            counts["system_metrics"] += 1
        stop = start + session_length
        alive += (stop - checkpoint).total_seconds()
        conn.execute("UPDATE identity SET total_alive_seconds = ?, last_heartbeat_at = ? WHERE creature_id = ?",
                     (alive, stop.isoformat(), creature_id))
        conn.execute("INSERT INTO events (timestamp, event_type, data) VALUES (?, ?, ?)",
                     (stop.isoformat(), "sleep", json.dumps({"session_seconds": (stop - start).total_seconds()})))
        counts["events"] += 1
        conn.commit()
    conn.close()

    canvas = {
        "pixels": {"10,12": [200, 120, 40], "11,12": [200, 121, 40]}, "recent_locations": [[10, 12]],
        "drawing_phase": "building", "phase_start_time": end.timestamp() - 60, "last_save_time": end.timestamp() - 3600,
        "last_clear_time": end.timestamp() - 7200, "is_satisfied": False, "satisfaction_time": 0.0,
        "drawings_saved": 1, "energy": 0.8, "mark_count": 2, "era": "geometric", "pending_era_switch": None,
        "curiosity": 0.5, "engagement": 0.4, "fatigue": 0.1, "arc_phase": "developing",
        "coherence_history": [0.5, 0.55], "i_momentum": 0.0, "drawing_start_time": end.timestamp() - 600,
    }
    with open(os.path.join(args.directory, "canvas.json"), "w") as handle:
        json.dump(canvas, handle)
    drawing = f"lumen_drawing_{starts[0].strftime('%Y%m%d_%H%M%S')}_geometric.png"
    with open(os.path.join(args.directory, "drawings", drawing), "wb") as handle:
        handle.write(png(4, 3, (200, 120, 40)))

    print(json.dumps({
        "creature_id": creature_id, "name": name, "name_history": name_history, "born_at_local": starts[0].isoformat(),
        "awakenings": len(starts), "alive_seconds": alive, "counts": counts, "drawing": drawing,
    }))


if __name__ == "__main__":
    main()
