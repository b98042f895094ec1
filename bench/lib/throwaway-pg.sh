# Sourced by bench scripts: starts a throwaway PostgreSQL cluster (fsync off, like the tests' cluster) and stops
# it on exit. Sets PG_PORT, PG_TMP and pg_url <database>. Needs PostgreSQL installed (apt-get install postgresql).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_TMP=$(mktemp -d /tmp/vzbench-pg-XXXX)
pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; else "$PG_BIN/$1" "${@:2}"; fi; }
pg_stop() { pg pg_ctl -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1; rm -rf "$PG_TMP"; }
[[ $(id -u) == 0 ]] && chown postgres:postgres "$PG_TMP"
PG_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
pg initdb -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null
pg pg_ctl -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
pg_url() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1"; }
pg_createdb() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $1" postgres; }
