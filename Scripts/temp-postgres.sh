#!/bin/bash
# A PostgreSQL server of its own in a folder, on loopback, for the tests and the benchmarks.
#
#   Scripts/temp-postgres.sh start DIR [PORT] [--fast]   prints the server's URL
#   Scripts/temp-postgres.sh stop DIR
#
# The server's user is `schoolnet` with a random password written to DIR/password (give it to
# SchoolNet with PGPASSWORD or SCHOOLNET_DB_PASSWORD_FILE); TCP connections need the password
# (scram-sha-256). --fast turns durability off (fsync, synchronous commit): for tests only.
# As root, the server runs as Debian's `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

command=${1:?usage: temp-postgres.sh start DIR [PORT] [--fast] | stop DIR}
dir=${2:?usage: temp-postgres.sh start DIR [PORT] [--fast] | stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "temp-postgres.sh: PostgreSQL is not installed; install it with: apt-get install postgresql" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
    port=${3:-55432}
    fast=${4:-}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
        chmod 600 "$dir/password"
        [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
        as_owner "$bin/initdb" -D "$dir/data" -U schoolnet --pwfile="$dir/password" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 > "$dir/initdb.log"
    fi
    options="-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200"
    if [ "$fast" = --fast ]; then
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    # The server keeps none of this script's outputs open: a caller reading them to their end
    # (a test) would wait for the server to stop.
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -o "$options" -l "$dir/server.log" -w start \
        < /dev/null > "$dir/pg_ctl.log" 2>&1; then
        cat "$dir/pg_ctl.log" "$dir/server.log" >&2
        exit 1
    fi
    if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U schoolnet -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'schoolnet'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$dir" -p "$port" -U schoolnet schoolnet
    fi
    echo "postgres://schoolnet@127.0.0.1:$port/schoolnet"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null
    fi
    ;;
*)
    echo "usage: temp-postgres.sh start DIR [PORT] [--fast] | stop DIR" >&2
    exit 2
    ;;
esac
