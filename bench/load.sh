#!/usr/bin/env bash
# HTTP load test of the catalog API: the published Release build, Production environment, on a throwaway
# PostgreSQL 15 cluster seeded with the demo catalog plus 1,000 generated products. See bench/README.md.
#
#   bench/load.sh                      # publish, start, warm up, measure, clean up
#   SKIP_PUBLISH=1 bench/load.sh       # reuse bench/out/app from a previous run
#   DURATION=30s bench/load.sh         # longer runs (default 15s)
#
# Other knobs: THREADS (2), CONNECTIONS (50), WARMUP (5s per target), PGSS (1: collect pg_stat_statements),
# QUIET_IDLE_PCT (85: before each run wait up to QUIET_WAIT seconds (60) for the machine to be this idle),
# MAX_FOREIGN_PCT (10) and RETRIES (2): repeat a run when other processes used more than that share of the CPU,
# TARGETS (default all: ceiling list-cached detail-cached list-uncached detail-uncached list-paced detail-paced),
# ANALYZE_AFTER_SEED (1: VACUUM ANALYZE after the seed, see below),
# CONN_EXTRA (Npgsql connection string options appended for experiments, e.g. 'Max Auto Prepare=20').
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
APP_DIR="$OUT/app"
LOG="$OUT/last-run.txt"
LUA="$ROOT/bench/nocache.lua"

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
PGSS="${PGSS:-1}"
QUIET_IDLE_PCT="${QUIET_IDLE_PCT:-85}"
QUIET_WAIT="${QUIET_WAIT:-60}"
MAX_FOREIGN_PCT="${MAX_FOREIGN_PCT:-10}"
RETRIES="${RETRIES:-2}"
TARGETS="${TARGETS:-ceiling list-cached detail-cached list-uncached detail-uncached list-paced detail-paced}"
DB=vozex_bench
DETAIL_SLUG="${DETAIL_SLUG:-harborstay-hotel-pms}"
LIST_PATH="/api/v1/products?category=saas_products&sort=price&page_size=20"
DETAIL_PATH="/api/v1/products/$DETAIL_SLUG"

TMP=""
APP_PID=""
PG_BIN=""
PG_DATA=""
AS_ROOT=0
[[ "$(id -u)" == 0 ]] && AS_ROOT=1

log() { printf '[load] %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------- cleanup
cleanup() {
    local rc=$?
    set +e
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null
    fi
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        pg pg_ctl -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
    fi
    if [[ -n "$TMP" && -d "$TMP" ]]; then
        if [[ $rc -ne 0 ]]; then
            log "failed (exit $rc); last lines of the app log:"
            tail -n 40 "$TMP/app.log" >&2 2>/dev/null
            cp "$TMP/app.log" "$OUT/app-failed.log" 2>/dev/null && log "full app log copied to $OUT/app-failed.log"
        fi
        rm -rf "$TMP"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ----------------------------------------------------------------------------------------------- helpers
# Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses to run as root).
pg() {
    local tool="$1"; shift
    if [[ $AS_ROOT == 1 ]]; then runuser -u postgres -- "$PG_BIN/$tool" "$@"; else "$PG_BIN/$tool" "$@"; fi
}

psql_db() { psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-$DB}" -v ON_ERROR_STOP=1 -c "$1"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Busy and total jiffies of the whole machine (first line of /proc/stat).
cpu_total() { awk '/^cpu /{idle=$5+$6; t=0; for(i=2;i<=NF;i++) t+=$i; print t-idle, t; exit}' /proc/stat; }

# utime+stime jiffies summed over the given pids (processes that are gone count 0).
proc_ticks() {
    local pid
    for pid in "$@"; do per_pid_ticks "$pid"; done | awk '{ s += $2 } END { print s + 0 }'
}

# "pid jiffies" for one process, nothing if it is gone. comm may contain spaces: strip through ") " first.
per_pid_ticks() {
    [[ -r /proc/$1/stat ]] || return 0
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk -v pid="$1" '{ print pid, $12 + $13 }' || true
}

# CPU jiffies PostgreSQL used between two snapshots ("pid jiffies" lines): backends present in both count
# their difference, backends started meanwhile count in full (those that exited meanwhile are lost).
pg_delta() {
    awk 'NR == FNR { before[$1] = $2; next } { d += ($1 in before) ? $2 - before[$1] : $2 } END { print d + 0 }' "$1" "$2"
}

pg_snapshot() {
    local pid
    for pid in $(pg_pids); do per_pid_ticks "$pid"; done
}

pg_pids() {
    local master
    master=$(head -n 1 "$PG_DATA/postmaster.pid")
    echo "$master"
    pgrep -P "$master" || true
}

# Percent idle of the machine over a 2-second sample, measured while nothing of ours is running.
idle_pct() {
    local b1 t1 b2 t2
    read -r b1 t1 < <(cpu_total); sleep 2; read -r b2 t2 < <(cpu_total)
    awk -v b=$((b2 - b1)) -v t=$((t2 - t1)) 'BEGIN { printf "%.0f", (t > 0 ? 100 * (t - b) / t : 100) }'
}

wait_quiet() {
    local idle waited=0
    idle=$(idle_pct)
    while (( idle < QUIET_IDLE_PCT && waited < QUIET_WAIT )); do
        log "machine only ${idle}% idle (other work running); waiting..."
        sleep 5; waited=$(( waited + 7 ))
        idle=$(idle_pct)
    done
    echo "$idle"
}

# Latency token from wrk (e.g. 812.00us, 3.21ms, 1.02s) to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

SUMMARY=()

# Per-connection think time (ms) that offers about RATE req/s over CONNECTIONS connections, allowing ~3 ms of latency.
pace_ms() { echo $(( CONNECTIONS * 1000 / $1 - 3 )); }

# measure NAME PATH [lua]: one wrk run plus what the machine and the database did meanwhile.
# Sets M_LINE (summary row) and M_FOREIGN (% of all cores used by processes other than app, postgres and wrk).
measure() {
    local name="$1" path="$2" script="${3:-}"
    local url="http://127.0.0.1:$APP_PORT$path"
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
    [[ -n $script ]] && args+=(-s "$script")

    local idle up
    idle=$(wait_quiet)
    up=$(uptime)
    log "$name: $up (machine ${idle}% idle just before)"
    [[ $PGSS == 1 ]] && psql_db "SELECT pg_stat_statements_reset()" >/dev/null

    local b1 t1 b2 t2 app1 app2 pg out
    pg_snapshot >"$TMP/pg-before"
    read -r b1 t1 < <(cpu_total); app1=$(proc_ticks "$APP_PID")
    # /usr/bin/time reports wrk's own CPU (user and system seconds) so it can be told apart from foreign load.
    out=$(/usr/bin/time -f 'WRKCPU %U %S' wrk "${args[@]}" "$url" 2>&1)
    read -r b2 t2 < <(cpu_total); app2=$(proc_ticks "$APP_PID")
    pg_snapshot >"$TMP/pg-after"
    pg=$(pg_delta "$TMP/pg-before" "$TMP/pg-after")
    local wrkcpu
    wrkcpu=$(awk -v hz="$(getconf CLK_TCK)" '/^WRKCPU/ {printf "%.0f", ($2 + $3) * hz}' <<<"$out")
    out=$(grep -v '^WRKCPU' <<<"$out")

    local rps p50 p99 requests non2xx sockerr
    rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
    sockerr=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); sockerr=${sockerr:-0}

    # CPU as a share of the whole machine (all cores = 100%): app / postgres / wrk / everything else.
    local cpu
    cpu=$(awk -v busy=$((b2 - b1)) -v app=$((app2 - app1)) -v pg="$pg" -v wrk="${wrkcpu:-0}" -v t=$((t2 - t1)) \
        'BEGIN { if (t == 0) t = 1; f = busy - app - pg - wrk; if (f < 0) f = 0;
                 printf "%.0f/%.0f/%.0f/%.0f", 100 * app / t, 100 * pg / t, 100 * wrk / t, 100 * f / t }')
    M_FOREIGN=${cpu##*/}

    # Statements per request: the queries proper, then Npgsql's pooled-connection resets (DISCARD ALL).
    local queries="-" dbms="-" stmts=""
    if [[ $PGSS == 1 ]]; then
        local where="dbid = (SELECT oid FROM pg_database WHERE datname = '$DB') AND query NOT ILIKE '%pg_stat_statements%'"
        stmts=$(psql_db "SELECT calls, round(mean_exec_time::numeric, 3), round(total_exec_time::numeric), left(regexp_replace(query, '\s+', ' ', 'g'), 400)
                         FROM pg_stat_statements WHERE $where ORDER BY total_exec_time DESC LIMIT 5")
        local q d
        read -r q d dbms < <(psql_db "SELECT coalesce(sum(calls) FILTER (WHERE query <> 'DISCARD ALL'), 0), coalesce(sum(calls) FILTER (WHERE query = 'DISCARD ALL'), 0),
                                            round(coalesce(sum(total_exec_time), 0)::numeric / greatest(${requests:-0}, 1), 3)
                                     FROM pg_stat_statements WHERE $where" | tr '|' ' ')
        queries=$(awk -v q="$q" -v d="$d" -v r="${requests:-0}" 'BEGIN { if (r == 0) r = 1; printf "%.1f+%.1f", q / r, d / r }')
    fi

    {
        echo "=== $name  GET $path${script:+  (script $(basename "$script"))}"
        echo "$up  | machine ${idle}% idle before the run"
        echo "wrk ${args[*]} $url${WRK_DELAY_MS:+  (WRK_DELAY_MS=$WRK_DELAY_MS)}"
        echo "$out"
        echo "cpu (% of all $(nproc) cores) app/postgres/wrk/foreign: $cpu"
        [[ -n $stmts ]] && { echo "statements per request (queries+resets): $queries; top statements (calls|mean_ms|total_ms|query):"; echo "$stmts"; }
        echo
    } >>"$LOG"

    M_LINE=$(printf '%-16s %8s %8s %8s %7s %8s %9s %9s %15s %s' \
        "$name" "$rps" "$p50" "$p99" "$non2xx" "$sockerr" "$queries" "$dbms" "$cpu" "$(awk '{print $(NF-2), $(NF-1), $NF}' <<<"$up")")
    log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx, socket errors $sockerr, db statements/req $queries, cpu app/pg/wrk/foreign $cpu"
    sleep 2
}

# run NAME PATH [lua]: measure, and measure again (up to RETRIES times) when other work took more than
# MAX_FOREIGN_PCT of the machine during the run; the quietest attempt goes into the summary.
run() {
    local attempt best_line="" best_foreign=1000
    for attempt in $(seq 0 "$RETRIES"); do
        measure "$@"
        if (( M_FOREIGN < best_foreign )); then best_foreign=$M_FOREIGN; best_line=$M_LINE; fi
        (( M_FOREIGN <= MAX_FOREIGN_PCT )) && break
        (( attempt < RETRIES )) && { log "$1: other work used ${M_FOREIGN}% of the machine; measuring again"; sleep 10; }
    done
    (( best_foreign > MAX_FOREIGN_PCT )) && best_line+="  (busy machine)"
    SUMMARY+=("$best_line")
}

# -------------------------------------------------------------------------------------------------- main
mkdir -p "$OUT"
cd "$ROOT"

if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v psql >/dev/null || { log "psql not found (apt-get install postgresql-15)"; exit 1; }

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$PG_BIN/initdb" ]] || { log "PostgreSQL 15 not found in $PG_BIN (set PG_BIN)"; exit 1; }

if [[ "${SKIP_PUBLISH:-0}" != 1 || ! -x "$APP_DIR/Vozex.Web" ]]; then
    log "publishing src/Vozex.Web (Release) to bench/out/app"
    rm -rf "$APP_DIR"
    dotnet publish src/Vozex.Web -c Release -o "$APP_DIR" -v quiet -nologo
fi

TMP="$(mktemp -d /tmp/vozex-bench.XXXXXX)"
chmod 755 "$TMP"
PG_DATA="$TMP/pg/data"
mkdir -p "$TMP/pg" "$TMP/appdata"
[[ $AS_ROOT == 1 ]] && chown postgres:postgres "$TMP/pg"

PG_PORT=$(free_port)
log "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT in $TMP/pg"
pg initdb -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null
PG_OPTS="-p $PG_PORT -k $TMP/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
[[ $PGSS == 1 ]] && PG_OPTS+=" -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
pg pg_ctl -D "$PG_DATA" -l "$TMP/pg/server.log" -w -t 60 -o "$PG_OPTS" start >/dev/null
psql_db "CREATE DATABASE $DB" postgres
[[ $PGSS == 1 ]] && psql_db "CREATE EXTENSION pg_stat_statements" >/dev/null

APP_PORT=$(free_port)
log "starting the app on http://127.0.0.1:$APP_PORT (Production, PostgreSQL, demo seed + 1000 generated products)"
# Run from the publish folder: it is the content root, so appsettings.json (log levels!) and wwwroot are found.
(
    cd "$APP_DIR"
    export ASPNETCORE_ENVIRONMENT=Production
    export Vozex__Database__Provider=postgres
    export ConnectionStrings__Marketplace="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB${CONN_EXTRA:+;$CONN_EXTRA}"
    export Vozex__Seed__Demo=true
    export Vozex__Seed__GeneratedProducts=1000
    export Vozex__DataDirectory="$TMP/appdata"
    exec ./Vozex.Web --urls "http://127.0.0.1:$APP_PORT"
) >"$TMP/app.log" 2>&1 &
APP_PID=$!

BASE="http://127.0.0.1:$APP_PORT"
for i in $(seq 1 240); do
    if curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { log "the app exited during start"; exit 1; }
    (( i == 240 )) && { log "the app was not ready after 120 s"; exit 1; }
    sleep 0.5
done
log "ready after ~$(( i / 2 )) s: $(curl -fsS "$BASE/health/ready")"

# Sanity: the catalog is what we think it is, and every target answers 200.
ACTIVE=$(psql_db "SELECT count(*) FROM catalog_products WHERE status = 'active'")
IN_LIST=$(curl -fsS "$BASE$LIST_PATH" | jq '.total')
curl -fsS -o /dev/null "$BASE$DETAIL_PATH"
curl -fsS -o /dev/null "$BASE$DETAIL_PATH?r=probe"
curl -fsS -o /dev/null "$BASE$LIST_PATH&r=probe"
log "catalog: $ACTIVE active products; $IN_LIST in category saas_products"
(( ACTIVE >= 1000 )) || { log "expected at least 1000 products"; exit 1; }

# The seed has just inserted ~1,000 rows and autovacuum has not looked at them yet: without statistics the
# list query reads and sorts all 520 matching rows, and without a visibility map the count visits the heap,
# which made the uncached list ~5x slower in the database until autovacuum ran (about a minute in).
# Measure the steady state a running system is in. ANALYZE_AFTER_SEED=0 measures the fresh-seed state instead.
if [[ "${ANALYZE_AFTER_SEED:-1}" == 1 ]]; then
    log "VACUUM ANALYZE (steady-state plans)"
    psql_db "VACUUM ANALYZE"
    # VACUUM cannot mark pages all-visible while another transaction still sees them as in progress; without
    # that, the per-request count(*) becomes an index-only scan with a heap fetch per row (~5x slower).
    for _ in $(seq 1 10); do
        [[ $(psql_db "SELECT relallvisible >= relpages FROM pg_class WHERE relname = 'catalog_products'") == t ]] && break
        sleep 1; psql_db "VACUUM catalog_products"
    done
    log "catalog_products pages all-visible/total: $(psql_db "SELECT relallvisible || '/' || relpages FROM pg_class WHERE relname = 'catalog_products'")"
fi

{
    echo "################################################################################"
    echo "# $(date -Is)  commit $(git -C "$ROOT" rev-parse --short HEAD)$( [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] && echo ' (working tree dirty)')"
    echo "# $(nproc) cores, $(uname -r), $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), $("$PG_BIN/postgres" --version), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "# catalog: $ACTIVE active products, $IN_LIST in saas_products; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; ANALYZE_AFTER_SEED=${ANALYZE_AFTER_SEED:-1}${CONN_EXTRA:+; CONN_EXTRA=$CONN_EXTRA}"
} >>"$LOG"

log "warming up ($WARMUP per target)"
for target in "/health/live" "$LIST_PATH" "$DETAIL_PATH"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE$target" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$LUA" "$BASE$target" >/dev/null
done
sleep 2

for target in $TARGETS; do
    case $target in
        ceiling)         run ceiling         "/health/live" ;;
        list-cached)     run list-cached     "$LIST_PATH" ;;
        detail-cached)   run detail-cached   "$DETAIL_PATH" ;;
        list-uncached)   run list-uncached   "$LIST_PATH"   "$LUA" ;;
        detail-uncached) run detail-uncached "$DETAIL_PATH" "$LUA" ;;
        # Paced: the goal's rate (1,000 list / 2,000 detail req/s) offered instead of as many as possible, to see p99 at that load.
        list-paced)      WRK_DELAY_MS=$(pace_ms 1000) run list-paced-1k   "$LIST_PATH"   "$LUA" ;;
        detail-paced)    WRK_DELAY_MS=$(pace_ms 2000) run detail-paced-2k "$DETAIL_PATH" "$LUA" ;;
        *) log "unknown target $target"; exit 2 ;;
    esac
done

ERRORS=$(grep -cE '^(fail|crit):' "$TMP/app.log" || true)
{
    echo "app log: $ERRORS fail/crit entries"
    grep -E -A3 '^(fail|crit):' "$TMP/app.log" | head -n 40 || true
    echo
} >>"$LOG"

CEILING=0
[[ ${SUMMARY[0]} == ceiling* ]] && CEILING=$(awk '{print $2}' <<<"${SUMMARY[0]}")
echo
echo "VOZEX catalog load test  $(date -Is)  ($(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; PostgreSQL 15; $ACTIVE products)"
printf '%-16s %8s %8s %8s %7s %8s %9s %9s %15s %s\n' "target" "req/s" "p50 ms" "p99 ms" "non-2xx" "sock-err" "stmt/req" "db ms/req" "cpu a/pg/wrk/f" "load 1/5/15 before"
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo
(( CEILING > 0 )) && for line in "${SUMMARY[@]:1}"; do
    [[ $line == *paced* ]] && continue
    awk -v c="$CEILING" '{ printf "%-16s %5.1f%% of the ceiling\n", $1, (c > 0 ? 100 * $2 / c : 0) }' <<<"$line"
done
echo "app log: $ERRORS fail/crit entries"
echo "raw wrk output appended to ${LOG#"$ROOT"/}"
{
    echo "summary:"
    printf '%-16s %8s %8s %8s %7s %8s %9s %9s %15s %s\n' "target" "req/s" "p50 ms" "p99 ms" "non-2xx" "sock-err" "stmt/req" "db ms/req" "cpu a/pg/wrk/f" "load 1/5/15 before"
    for line in "${SUMMARY[@]}"; do echo "$line"; done
    echo
} >>"$LOG"
