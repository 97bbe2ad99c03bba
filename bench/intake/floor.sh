#!/usr/bin/env bash
# The floor of durable storage on this machine, whatever the gateway does: how many webhook
# deliveries per second SQLite (one writer, WAL, an fsync per batch) and PostgreSQL (pgbench, one
# statement per batch over 1-8 connections) can store at all, with only the row and its two dedupe
# keys and nothing else running. Compare with the verify-only baseline's req/s from run.sh: when
# the floor is below it, no gateway storing durably on this machine can match the baseline.
#
#   bench/intake/floor.sh      (needs python3; for PostgreSQL, pgbench and the local test database)
#
# TERRAAUTH_BENCH_POSTGRES_URL is not used: pgbench takes PGHOST/PGPORT/PGUSER/PGDATABASE
# (default 127.0.0.1, 5432, postgres, test); SKIP_POSTGRES=1 leaves it out.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"
for b in 15 32; do python3 bench/intake/floor.py "$b" 60000 FULL; done
python3 bench/intake/floor.py 32 60000 NORMAL
python3 bench/intake/floor.py 32 60000 OFF

[ "${SKIP_POSTGRES:-}" = 1 ] && exit 0
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[ -n "$pgbench" ] || { echo "no pgbench: PostgreSQL floor skipped" >&2; exit 0; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
schema="bench_floor_$(date +%s)_$$"
script=$(mktemp)
trap 'rm -f "$script"; psql -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true' EXIT
psql -q -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.delivery (seq bigserial PRIMARY KEY, trace_id text, received_at_ms bigint, body text);
CREATE TABLE $schema.seen (seen_key text PRIMARY KEY, seen_at_ms bigint);
INSERT INTO $schema.seen SELECT gen_random_uuid()::text, 0 FROM generate_series(1, 200000);
SQL
# one batch of 15 deliveries a transaction, as the gateway's writer commits them
cat > "$script" <<SQL
WITH k AS (SELECT gen_random_uuid()::text AS t FROM generate_series(1, 15)), s AS (INSERT INTO $schema.seen (seen_key, seen_at_ms) SELECT t, 0 FROM k UNION ALL SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex'), 0 FROM k) INSERT INTO $schema.delivery (trace_id, received_at_ms, body) SELECT t, 0, repeat(md5(t), 64) FROM k;
SQL
for clients in 1 2 4 8; do
  tps=$("$pgbench" -n -c "$clients" -j $(( clients < 2 ? 1 : 2 )) -T 8 -f "$script" 2>/dev/null \
    | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  python3 -c "import sys; print('RESULT postgres floor: %d connections, batches of 15: %s deliveries/s' % ($clients, format(round(float(sys.argv[1]) * 15), ',')))" "$tps"
done
