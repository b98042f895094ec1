#!/usr/bin/env bash
# Licensing benchmarks (issue 6) on the published Release build in Production on a throwaway PostgreSQL cluster:
#   1. paid -> license delivered: ORDERS self-hosted orders paid on the sandbox page at ORDER_RATE/s (open loop),
#      fulfilment finished_at - paid_at per order (the license row, its key and the license mail are written then);
#   2. POST /api/v1/licenses/validate: wrk paced to about VALIDATE_RATE req/s (p99 at the goal's rate), then unpaced;
#   3. a RELEASE_MB release streamed through GET /download/{token} against the same file served by nginx (sendfile)
#      on the same machine, DOWNLOAD_RUNS times each, alternating.
#   bench/licensing.sh            (SKIP_PUBLISH=1 reuses bench/out/licensing-app; results in bench/out/licensing-last-run.txt)
# The machine is shared: runs are short (15 s) and the machine's load is printed before each.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; APP_DIR="$OUT/licensing-app"; LOG="$OUT/licensing-last-run.txt"
DRIVER="$ROOT/bench/licensing/driver.py"
DURATION="${DURATION:-15s}"; CONNECTIONS="${CONNECTIONS:-50}"; THREADS="${THREADS:-2}"
ORDERS="${ORDERS:-300}"; ORDER_RATE="${ORDER_RATE:-20}"; VALIDATE_RATE="${VALIDATE_RATE:-1000}"
RELEASE_MB="${RELEASE_MB:-200}"; DOWNLOAD_RUNS="${DOWNLOAD_RUNS:-5}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
if [[ "${SKIP_PUBLISH:-0}" != 1 || ! -x "$APP_DIR/Vozex.Web" ]]; then
    dotnet publish "$ROOT/src/Vozex.Web" -c Release -o "$APP_DIR" --nologo -v q >/dev/null
fi

source "$ROOT/bench/lib/throwaway-pg.sh"
TMP=$(mktemp -d /tmp/vzbench-lic-XXXX); APP_PID=""; NGINX_PID=""
cleanup() {
    set +e
    [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null
    [[ -f "$TMP/nginx.pid" ]] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null
    sleep 1; pg_stop; rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
sql() { psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vozex_bench -v ON_ERROR_STOP=1 -c "$1"; }
say() { echo "$*" | tee -a "$LOG"; }
pg_createdb vozex_bench
APP_PORT=$(free_port); BASE="http://127.0.0.1:$APP_PORT"
mkdir -p "$TMP/data"
# The license API's per-IP and per-license limits would answer 429 to a load generator on one address with a few keys.
ASPNETCORE_ENVIRONMENT=Production Vozex__Database__Provider=postgres ConnectionStrings__Marketplace="$(pg_url vozex_bench)" \
  Vozex__Seed__Demo=true Vozex__DataDirectory="$TMP/data" Vozex__Payments__Sandbox__Enabled=true \
  Vozex__Accounts__LoginRateLimitPerMinute=100000 Vozex__Bootstrap__AdminPassword=bench-admin-password-1 \
  Vozex__Licensing__ApiPermitsPerIp=1000000 Vozex__Licensing__ApiPermitsPerLicense=1000000 Vozex__Licensing__ApiWindow=00:00:01 \
  Vozex__Licensing__DownloadsPerIpPerMinute=1000000 Logging__LogLevel__Default=Warning \
  "$APP_DIR/Vozex.Web" --urls "$BASE" > "$TMP/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health/ready" >/dev/null || { tail -30 "$TMP/app.log"; exit 1; }
: > "$LOG"
say "# $(date -Is) commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $("$PG_BIN/postgres" --version)"
TOKEN=$(python3 "$DRIVER" "$BASE" signup)

# ------------------------------------------------------------------ 1. paid -> license delivered
python3 "$DRIVER" "$BASE" orders "$TOKEN" 20 "$TMP/warm.txt"          # warm-up: JIT, pools, the signing key
python3 "$DRIVER" "$BASE" pay "$TMP/warm.txt" 5 >/dev/null
python3 "$DRIVER" "$BASE" orders "$TOKEN" "$ORDERS" "$TMP/orders.txt"
sleep 3
WARM_IDS=$(sql "SELECT count(*) FROM fulfillment_records")
FROM=$(sql "SELECT now()")
say "=== paid -> license delivered: $ORDERS orders paid at $ORDER_RATE/s ($(uptime | sed 's/.*load average/load average/'))"
python3 "$DRIVER" "$BASE" pay "$TMP/orders.txt" "$ORDER_RATE" | tee -a "$LOG"
for _ in $(seq 1 120); do
    DONE=$(sql "SELECT count(*) FROM fulfillment_records WHERE driver = 'self_hosted_license' AND paid_at >= '$FROM' AND finished_at IS NOT NULL")
    (( DONE >= ORDERS )) && break; sleep 1
done
say "licenses delivered: $DONE of $ORDERS"
say "paid -> delivered ms (count | p50 | p95 | p99 | max):"
sql "SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)),
            round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)), round(max(ms))
     FROM (SELECT extract(epoch FROM finished_at - paid_at) * 1000 AS ms FROM fulfillment_records
           WHERE driver = 'self_hosted_license' AND paid_at >= '$FROM' AND finished_at IS NOT NULL) t" | tee -a "$LOG"
say "the same through GET /api/v1/admin/fulfillments/timings is the app's own view; webhook arrival -> paid is not in it."

# ------------------------------------------------------------------ 2. validate
python3 "$DRIVER" "$BASE" keys "$TOKEN" "$TMP/keys.tsv" bench-machine >/dev/null
say "keys: $(wc -l < "$TMP/keys.tsv") licenses, each with the fingerprint activated"
sql "VACUUM ANALYZE" >/dev/null
KEYS_FILE="$TMP/keys.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$ROOT/bench/licensing/validate.lua" "$BASE" >/dev/null
DELAY=$(( CONNECTIONS * 1000 / VALIDATE_RATE - 2 ))
for mode in paced unpaced; do
    say "=== validate $mode ($(uptime | sed 's/.*load average/load average/'))"
    if [[ $mode == paced ]]; then export WRK_DELAY_MS=$DELAY; say "WRK_DELAY_MS=$DELAY per connection, $CONNECTIONS connections (~$VALIDATE_RATE req/s offered)"; else unset WRK_DELAY_MS; fi
    KEYS_FILE="$TMP/keys.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/licensing/validate.lua" "$BASE" \
        | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|answers|Non-2xx|Socket" | tee -a "$LOG"
done
unset WRK_DELAY_MS

# ------------------------------------------------------------------ 3. a big release: app vs nginx
REL="releases/bench/sentinelscan-bench-${RELEASE_MB}mb.bin"
mkdir -p "$TMP/data/releases/bench"
head -c "$(( RELEASE_MB * 1024 * 1024 ))" /dev/urandom > "$TMP/data/$REL"
SIZE=$(stat -c %s "$TMP/data/$REL"); SHA=$(sha256sum "$TMP/data/$REL" | cut -d' ' -f1)
sql "UPDATE catalog_products SET options = jsonb_set(options, '{releases}', coalesce(options->'releases', '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
       'version', 'bench', 'notes', 'benchmark', 'released_on', to_char(now(), 'YYYY-MM-DD'),
       'files', jsonb_build_array(jsonb_build_object('file_name', 'bench.bin', 'size', $SIZE, 'sha256', '$SHA', 'storage_path', '$REL')))))
     WHERE slug = 'sentinelscan'"
NGINX_PORT=$(free_port)
cat > "$TMP/nginx.conf" <<CONF
worker_processes 1; pid $TMP/nginx.pid; error_log $TMP/nginx-error.log; daemon on;
events { worker_connections 64; }
http { access_log off; sendfile on; tcp_nopush on; client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP; uwsgi_temp_path $TMP; scgi_temp_path $TMP;
       server { listen 127.0.0.1:$NGINX_PORT; root $TMP/data; } }
CONF
nginx -c "$TMP/nginx.conf" -p "$TMP"
LICENSE_ID=$(head -n 1 "$TMP/keys.tsv" | cut -f1)
say "=== ${RELEASE_MB} MB release, $DOWNLOAD_RUNS runs each ($(uptime | sed 's/.*load average/load average/'))"
curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/$REL"   # page cache warm for both
for i in $(seq 1 "$DOWNLOAD_RUNS"); do
    LINK=$(python3 "$DRIVER" "$BASE" link "$TOKEN" "$LICENSE_ID" bench)
    APP=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' "$BASE$LINK")
    GOT=$(curl -s "$BASE$LINK" | sha256sum | cut -d' ' -f1)   # a second, untimed download checks the bytes
    NGX=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' "http://127.0.0.1:$NGINX_PORT/$REL")
    say "run $i: app $(awk '{printf "%s %d bytes %.0f MB/s", $1, $2, $3/1048576}' <<<"$APP") (sha256 $( [[ $GOT == "$SHA" ]] && echo ok || echo MISMATCH )); nginx $(awk '{printf "%s %d bytes %.0f MB/s", $1, $2, $3/1048576}' <<<"$NGX")"
done
say "app log lines at error level (2 expected from the first migration): $(grep -c '^fail:' "$TMP/app.log" || true)"
