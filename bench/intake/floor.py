"""The least SQLite needs to store webhook deliveries durably on this machine, whatever the gateway.

Each delivery is only what the intake cannot drop: its row with a 2 KB body, and its two dedupe
keys (the trace id, a random UUID, and the signature identity, a SHA-256) in a unique key table
stored as its own B-tree (WITHOUT ROWID). Batched as the group-commit writer batches them, WAL with
synchronous=FULL (one fsync per batch), one writer (SQLite allows one at a time), no HTTP, no
JSON, no JDBC: Python's sqlite3 module over the C library. The key table is pre-filled so its
B-tree is as deep as a running gateway's.

    python3 bench/intake/floor.py [BATCH] [DELIVERIES] [SYNCHRONOUS]
"""
import hashlib
import os
import sqlite3
import sys
import tempfile
import time
import uuid

batch = int(sys.argv[1]) if len(sys.argv) > 1 else 32
count = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
synchronous = sys.argv[3] if len(sys.argv) > 3 else "FULL"
directory = tempfile.mkdtemp(dir=os.environ.get("TMPDIR", "/tmp"))
db = sqlite3.connect(os.path.join(directory, "floor.db"), isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=" + synchronous)
db.execute("CREATE TABLE delivery (seq INTEGER PRIMARY KEY, trace_id TEXT, received_at_ms INTEGER, body TEXT)")
db.execute("CREATE TABLE seen (seen_key TEXT PRIMARY KEY, seen_at_ms INTEGER) WITHOUT ROWID")
body = "x" * 2048


def store(n):
    keys = []
    for _ in range(n):
        trace = str(uuid.uuid4())
        keys.append((trace, hashlib.sha256(trace.encode()).hexdigest()))
    cpu, wall = time.process_time(), time.time()
    for i in range(0, n, batch):
        chunk = keys[i : i + batch]
        db.execute("BEGIN")
        db.executemany("INSERT INTO seen VALUES (?, 0)", [(t,) for t, _ in chunk] + [(s,) for _, s in chunk])
        db.executemany("INSERT INTO delivery (trace_id, received_at_ms, body) VALUES (?, 0, ?)", [(t, body) for t, _ in chunk])
        db.execute("COMMIT")
    return n / (time.time() - wall), (time.process_time() - cpu) / n * 1e6


store(100000)  # pre-fill (200,000 keys), not measured
rate, cpu = store(count)
print(
    f"RESULT sqlite floor: batch {batch}, synchronous={synchronous}: {rate:,.0f} deliveries/s,"
    f" {cpu:.0f} us of CPU each (SQLite {sqlite3.sqlite_version}, one writer)"
)
for name in os.listdir(directory):
    os.remove(os.path.join(directory, name))
os.rmdir(directory)
