#!/usr/bin/env python3
"""Start-up of an old creature: time and peak memory of `anima run` on a fresh data directory and on a creature two
years old (anima-bench --aged-creature: 2 M state_history rows, 1 M drawing_history rows, ~2,200 drawings), first as
anima finds it after an upgrade (a full check and one recount), then once retention has run and it stopped cleanly.
Peak RSS is the kernel's ru_maxrss of the process (wait4); the time is from exec to exit of a run drawing one mark.
    scripts/bench/aging.py [--days 730] [--bin .build/release]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ANIMA = ["--board", "simulator", "--anima", "0.41,0.82,0.89,0.83", "--clock-step", "1"]


def run(binary, data, extra, until=None, timeout=600):
    """Runs anima; returns (seconds, peak RSS in KiB, log). With `until`, waits for that text and stops it (SIGTERM)."""
    log = tempfile.NamedTemporaryFile(delete=False, suffix=".log")
    start = time.monotonic()
    process = subprocess.Popen([binary, "run", "--data-dir", data, "--transport", "simulator:" + data + "-panel"] + ANIMA + extra,
                               stdout=log, stderr=subprocess.STDOUT)
    if until:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            with open(log.name, errors="replace") as handle:
                if until in handle.read():
                    break
            time.sleep(0.5)
        process.terminate()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - start
    with open(log.name, errors="replace") as handle:
        text = handle.read()
    os.unlink(log.name)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("aging: anima exited %d:\n%s" % (os.waitstatus_to_exitcode(status), text[-3000:]))
    return seconds, usage.ru_maxrss, text


def size(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--bin", default=".build/release")
    args = parser.parse_args()
    anima = os.path.join(args.bin, "anima")
    work = tempfile.mkdtemp(prefix="anima-aging-")
    try:
        fresh = os.path.join(work, "fresh")
        run(anima, fresh, ["--marks", "1"])  # born
        fresh_seconds, fresh_rss, _ = run(anima, fresh, ["--marks", "1"])
        print("aging: a new creature's start: %.2f s, peak RSS %.1f MB" % (fresh_seconds, fresh_rss / 1024))

        old = os.path.join(work, "old")
        subprocess.run([os.path.join(args.bin, "anima-bench"), "--aged-creature", old, "--days", str(args.days)], check=True)
        before = os.path.getsize(os.path.join(old, "anima.db"))
        seconds, rss, _ = run(anima, old, ["--marks", "1"])
        print("aging: %d days old, first start after the upgrade (quick_check, one recount): %.2f s, peak RSS %.1f MB"
              % (args.days, seconds, rss / 1024))
        seconds, rss, text = run(anima, old, [], until="retention:")
        print("aging: the run that applied retention: %.2f s to its log line, peak RSS %.1f MB" % (seconds, rss / 1024))
        print("aging:   " + next((line for line in text.splitlines() if "retention:" in line), "?").strip()[-240:])
        steady_seconds, steady_rss, _ = run(anima, old, ["--marks", "1"])
        print("aging: %d days old, a start after a clean stop: %.2f s, peak RSS %.1f MB (%+.1f MB against a new creature)"
              % (args.days, steady_seconds, steady_rss / 1024, (steady_rss - fresh_rss) / 1024))
        print("aging: anima.db %.0f MB before retention, %.0f MB after (pages are reused, not given back); drawings/ %.0f MB"
              % (before / 1e6, os.path.getsize(os.path.join(old, "anima.db")) / 1e6, size(os.path.join(old, "drawings")) / 1e6))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
