#!/usr/bin/env bash
# Runs a command with DB_POSTGRES_URL pointing at a throwaway PostgreSQL cluster on a free loopback
# port, then stops and removes the cluster whatever happened, and exits with the command's status.
# If the caller already set DB_POSTGRES_URL, that server is used and nothing is started.
#   scripts/with-postgres.sh swift test
set -uo pipefail

if [ -n "${DB_POSTGRES_URL:-}" ]; then
    echo "with-postgres: using the caller's DB_POSTGRES_URL"
    exec "$@"
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (run deploy/setup-dev.sh)" >&2
    exit 1
fi

# initdb refuses to run as root: run the server as the postgres user then.
as_db_user=()
if [ "$(id -u)" -eq 0 ]; then
    as_db_user=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/anima-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 30000)))

cleanup() {
    "${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! "${as_db_user[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1
fi
if ! "${as_db_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "with-postgres: server did not start:" >&2; cat "$dir/server.log" >&2; exit 1
fi
"${as_db_user[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres anima_test

export DB_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/anima_test"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
status=$?
exit $status
