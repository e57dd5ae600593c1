#!/usr/bin/env python3
"""Compares drawing_history of two anima.db files (x86 vs arm64 `anima simulate`): same rows, text columns equal,
numbers within 1e-9 (absolute, or relative for large values). `timestamp` is compared only for row count because
simulate stamps rows with the wall clock. Exit 1 on any difference, listing the first ones."""
import sqlite3, sys

def rows(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    cursor = db.execute("SELECT * FROM drawing_history ORDER BY id")
    return [d[0] for d in cursor.description], cursor.fetchall()

names_a, a = rows(sys.argv[1])
names_b, b = rows(sys.argv[2])
problems = []
if names_a != names_b: problems.append(f"columns differ: {names_a} vs {names_b}")
if len(a) != len(b): problems.append(f"row counts differ: {len(a)} vs {len(b)}")
if not a: problems.append("no drawing_history rows at all")
worst = 0.0
for index, (ra, rb) in enumerate(zip(a, b)):
    for name, va, vb in zip(names_a, ra, rb):
        if name == "timestamp": continue
        if isinstance(va, float) or isinstance(vb, float):
            if va is None or vb is None:
                if va != vb: problems.append(f"row {index} {name}: {va} vs {vb}")
                continue
            delta = abs(va - vb)
            worst = max(worst, delta)
            if delta > 1e-9 * max(1.0, abs(va)): problems.append(f"row {index} {name}: {va!r} vs {vb!r} (Δ {delta:.3g})")
        elif va != vb:
            problems.append(f"row {index} {name}: {va!r} vs {vb!r}")
for line in problems[:20]: print("drawing_history:", line, file=sys.stderr)
print(f"drawing_history: {len(a)} rows compared, largest numeric difference {worst:.3g}")
sys.exit(1 if problems else 0)
