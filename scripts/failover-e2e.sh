#!/usr/bin/env bash
# End-to-end fail-over: two governance hosts share one PostgreSQL primary that has a synchronous streaming replica;
# both hosts reach the database through one libpq multi-host URL with target_session_attrs=read-write. Two creatures
# (`anima run --clock-step`) sync, one through each host. Mid-run the primary is killed (immediate shutdown, as a crash)
# and the replica is promoted. After the creatures stop and `anima sync` drains their outboxes, the promoted server must
# hold every summary each device created, exactly once: nothing lost, nothing duplicated.
#   scripts/failover-e2e.sh            (after `swift build --build-tests`; BIN=DIR to use other binaries)
# Prints `failover: 1 passed, 0 failed` or says what differed and exits 1. Everything lives in a temporary directory
# that is removed whatever happens; only loopback ports are used.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/debug}
for program in anima governance-host; do
    [ -x "$bin/$program" ] || { echo "failover: $bin/$program not built (run swift build --build-tests)" >&2; exit 1; }
done
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "failover: PostgreSQL server binaries not found (deploy/setup-dev.sh test)" >&2; exit 1; }
as_db_user=()
[ "$(id -u)" -eq 0 ] && as_db_user=(runuser -u postgres --)

dir=$(mktemp -d /tmp/anima-failover.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    for node in primary replica; do
        [ -d "$dir/$node" ] && "${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1
    done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
started=$(date +%s)
say() { echo "failover: [$(( $(date +%s) - started )) s] $*"; }
fail() { echo "failover: $*" >&2; echo "failover: 0 passed, 1 failed"; exit 1; }
psql_at() { "$bindir/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d "$2" -c "$3"; }
wait_for() { # seconds, command...
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.2; done
}
server() { # node port
    "${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/$1" -l "$dir/$1.log" -w -t 60 \
        -o "-p $2 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}

primary_port=$(free_port); replica_port=$(free_port)
"${as_db_user[@]}" "$bindir/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || fail "initdb failed: $(cat "$dir/initdb.log")"
cat >>"$dir/primary/postgresql.conf" <<EOF
wal_level = replica
max_wal_senders = 4
EOF
server primary "$primary_port" || fail "primary did not start: $(cat "$dir/primary.log")"
"${as_db_user[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$primary_port" -U postgres governance
"${as_db_user[@]}" "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/replica" -R -X stream --checkpoint=fast \
    >"$dir/basebackup.log" 2>&1 || fail "pg_basebackup failed: $(cat "$dir/basebackup.log")"
say "primary up"
server replica "$replica_port" || fail "replica did not start: $(cat "$dir/replica.log")"
# Synchronous from here on: a commit returns only once the replica has flushed it, so an acknowledged summary survives
# the primary's death. (Set before the replica exists, CREATE DATABASE would wait forever.)
psql_at "$primary_port" postgres "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null
psql_at "$primary_port" postgres "SELECT pg_reload_conf()" >/dev/null
wait_for 30 sh -c "[ \"\$($bindir/psql -X -t -A -h 127.0.0.1 -p $primary_port -U postgres -d postgres -c \"SELECT sync_state FROM pg_stat_replication\")\" = sync ]" \
    || fail "the replica never became a synchronous standby"

say "replica in sync"
url="postgresql://postgres@127.0.0.1:$primary_port,127.0.0.1:$replica_port/governance?target_session_attrs=read-write&connect_timeout=2"
host_env=(env -i PATH=/usr/bin:/bin DB_POSTGRES_URL="$url")
"${host_env[@]}" GOVERNANCE_AUDIT_JSONL="$dir/audit-setup.jsonl" "$bin/governance-host" migrate >"$dir/migrate.log" 2>&1 \
    || fail "migrate failed: $(cat "$dir/migrate.log")"

hosts=(a b)
declare -A host_port token_file data_dir
for name in "${hosts[@]}"; do
    host_port[$name]=$(free_port)
    token=$("${host_env[@]}" GOVERNANCE_AUDIT_JSONL="$dir/audit-setup.jsonl" "$bin/governance-host" agents create --label "creature-$name" | tail -n 1)
    [ -n "$token" ] || fail "agents create gave no token"
    token_file[$name]="$dir/token-$name"
    (umask 077; printf '%s' "$token" >"${token_file[$name]}")
    data_dir[$name]="$dir/device-$name"
    "${host_env[@]}" GOVERNANCE_AUDIT_JSONL="$dir/audit-$name.jsonl" "$bin/governance-host" serve --port "${host_port[$name]}" \
        >"$dir/host-$name.log" 2>&1 &
    pids+=($!)
done
for name in "${hosts[@]}"; do
    wait_for 30 python3 -c "import socket; socket.create_connection(('127.0.0.1', ${host_port[$name]}), 1)" \
        || fail "host $name did not answer: $(cat "$dir/host-$name.log")"
done

say "hosts answering"
# One creature per host, each syncing every 30 virtual seconds.
declare -A device_pid
for name in "${hosts[@]}"; do
    "$bin/anima" run --board simulator --data-dir "${data_dir[$name]}" --clock-step 1 --seed 7 \
        --governance-url "http://127.0.0.1:${host_port[$name]}" --token-file "${token_file[$name]}" --governance-interval 30 \
        >"$dir/device-$name.log" 2>&1 &
    device_pid[$name]=$!
    pids+=($!)
done

stored() { psql_at "$1" governance "SELECT count(*) FROM core.summaries"; }
wait_for 60 sh -c "[ \"\$($bindir/psql -X -t -A -h 127.0.0.1 -p $primary_port -U postgres -d governance -c 'SELECT count(*) FROM core.summaries')\" -ge 20 ]" \
    || fail "no summaries reached the primary: $(tail -n 20 "$dir/device-a.log")"
before=$(stored "$primary_port")
say "$before summaries on the primary; killing it"

# The crash: the primary stops at once; the replica is promoted a moment later.
"${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/primary" -m immediate -w stop >/dev/null 2>&1
sleep 1
"${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/replica" -w promote >/dev/null || fail "promote failed"
wait_for 60 sh -c "[ \"\$($bindir/psql -X -t -A -h 127.0.0.1 -p $replica_port -U postgres -d governance -c 'SELECT count(*) FROM core.summaries')\" -gt $before ]" \
    || fail "no summary arrived after fail-over (had $before): $(tail -n 20 "$dir/host-a.log")"

say "summaries arrive through the promoted replica; stopping the creatures"
for name in "${hosts[@]}"; do kill -TERM "${device_pid[$name]}"; done
for name in "${hosts[@]}"; do wait "${device_pid[$name]}" || fail "anima run ($name) exited non-zero: $(tail -n 20 "$dir/device-$name.log")"; done

say "creatures stopped; draining their outboxes with anima sync"
verdict=0
for name in "${hosts[@]}"; do
    synced=no
    for _ in 1 2 3 4 5; do
        if "$bin/anima" sync --data-dir "${data_dir[$name]}" --governance-url "http://127.0.0.1:${host_port[$name]}" \
            --token-file "${token_file[$name]}" >>"$dir/sync-$name.log" 2>&1; then synced=yes; break; fi
        sleep 1
    done
    [ "$synced" = yes ] || fail "anima sync ($name) kept failing: $(tail -n 5 "$dir/sync-$name.log")"
    created=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM runtime_state WHERE key='governance.summaries_created'\").fetchone()[0])" \
        "${data_dir[$name]}/anima.db")
    read -r rows distinct < <(psql_at "$replica_port" governance \
        "SELECT count(*), count(DISTINCT s.id) FROM core.summaries s JOIN core.agents a ON a.id = s.agent_id WHERE a.label = 'creature-$name'" | tr '|' ' ')
    echo "failover: creature-$name created $created summaries; the promoted server holds $rows rows, $distinct distinct"
    if [ "$rows" != "$created" ] || [ "$distinct" != "$created" ]; then verdict=1; fi
done
[ "$verdict" -eq 0 ] || fail "summaries were lost or duplicated across the fail-over"
echo "failover: $before summaries before the primary died; both hosts kept serving through the promoted replica"
echo "failover: 1 passed, 0 failed"
