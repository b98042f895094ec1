#!/usr/bin/env bash
# Load test of the purchase path (issue 3): quotes, checkout creation and webhook intake, on the published
# Release build in Production on a throwaway PostgreSQL 15 cluster. wrk is closed-loop: each target runs with
# few connections so the latency is read at a moderate rate, and the rate reached is printed beside it.
#   bench/purchase.sh            (SKIP_PUBLISH=1 to reuse bench/out/purchase-app)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; APP_DIR="$OUT/purchase-app"; LOG="$OUT/purchase-last-run.txt"
DURATION="${DURATION:-15s}"; THREADS="${THREADS:-2}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p "$OUT"
if [[ "${SKIP_PUBLISH:-0}" != 1 ]]; then dotnet publish "$ROOT/src/Vozex.Web" -c Release -o "$APP_DIR" --nologo -v q >/dev/null; fi

TMP=$(mktemp -d /tmp/vzbench-XXXX); APP_PID=""
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; else "$PG_BIN/$1" "${@:2}"; fi; }
cleanup() { set +e; [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; sleep 1; pg pg_ctl -D "$TMP/pg" -m immediate -w stop >/dev/null 2>&1; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
[[ $(id -u) == 0 ]] && chown postgres:postgres "$TMP"
PG_PORT=$(free_port); APP_PORT=$(free_port)
pg initdb -D "$TMP/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null
pg pg_ctl -D "$TMP/pg" -l "$TMP/pg.log" -w -o "-p $PG_PORT -k $TMP -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE vozex_bench" postgres
SECRET="whsec_$(python3 -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())')"
mkdir -p "$TMP/data"
ASPNETCORE_ENVIRONMENT=Production Vozex__Database__Provider=postgres \
  ConnectionStrings__Marketplace="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=vozex_bench" \
  Vozex__Seed__Demo=true Vozex__DataDirectory="$TMP/data" Vozex__Payments__Sandbox__Enabled=true \
  Vozex__Payments__Sandbox__WebhookSecret="$SECRET" Vozex__Accounts__LoginRateLimitPerMinute=100000 \
  Vozex__Bootstrap__AdminEmail=admin@bench.local Vozex__Bootstrap__AdminPassword=bench-admin-password-1 \
  Logging__LogLevel__Default=Warning \
  "$APP_DIR/Vozex.Web" --urls "http://127.0.0.1:$APP_PORT" > "$TMP/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$APP_PORT"
for _ in $(seq 1 120); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"bench-password-42"}' >/dev/null
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"bench-password-42"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')

cat > "$TMP/quote.json" <<'JSON'
{"items":[{"product_slug":"harborstay-hotel-pms","configuration":{"plan":"professional","features":["revenue_management","guest_messaging"],"billing_cycle":"annual"}},{"product_slug":"sentinelscan","configuration":{"license_type":"standard","support_plan":"priority","updates":"lifetime"}},{"product_slug":"brandcraft-logo-identity","configuration":{"package":"standard","requirements":"A logo for a bakery.","timeline":"expedited"}}]}
JSON
cat > "$TMP/checkout.json" <<'JSON'
{"items":[{"product_slug":"sentinelscan","configuration":{"license_type":"standard","support_plan":"priority","updates":"lifetime"}},{"product_slug":"brandcraft-logo-identity","configuration":{"package":"standard","requirements":"A logo for a bakery.","timeline":"expedited"}}],"payment_gateway":"sandbox"}
JSON
# An event for an order that does not exist: intake verifies and stores it; processing records "unknown order".
echo '{"business_id":"bus_bench","type":"payment.succeeded","timestamp":"2026-11-29T00:00:00Z","data":{"payload_type":"Payment","payment_id":"pay_bench","status":"succeeded","total_amount":100,"currency":"USD","metadata":{"order_id":"00000000-0000-0000-0000-000000000001"}}}' | tr -d '\n' > "$TMP/webhook.json"
python3 - "$SECRET" "$TMP/webhook.json" "$TMP/signed.tsv" <<'PY'
import sys, hmac, hashlib, base64, time
secret, body_file, out = sys.argv[1:]
key = base64.b64decode(secret[len("whsec_"):])
body = open(body_file, "rb").read()
ts = str(int(time.time()))
with open(out, "w") as f:
    for i in range(200000):
        mid = f"msg_bench_{i}"
        sig = base64.b64encode(hmac.new(key, f"{mid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        f.write(f"{mid}\t{ts}\tv1,{sig}\n")
PY

run() { # name connections script path [env...]
  local name=$1 conns=$2 script=$3 path=$4; shift 4
  echo "=== $name ($conns connections, $(uptime | sed 's/.*load average/load average/'))" | tee -a "$LOG"
  local threads=$(( conns < THREADS ? conns : THREADS ))
  env THREADS="$threads" "$@" wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -s "$script" "$BASE$path" | tee -a "$LOG"
}
: > "$LOG"
env BODY_FILE="$TMP/quote.json" wrk -t1 -c2 -d3s -s "$ROOT/bench/purchase/post.lua" "$BASE/api/v1/quotes" >/dev/null
for conns in 1 4; do
  run "quotes" "$conns" "$ROOT/bench/purchase/post.lua" /api/v1/quotes BODY_FILE="$TMP/quote.json"
  run "checkout" "$conns" "$ROOT/bench/purchase/post.lua" /api/v1/checkout BODY_FILE="$TMP/checkout.json" TOKEN="$TOKEN"
  run "webhook-intake" "$conns" "$ROOT/bench/purchase/webhooks.lua" /webhooks/sandbox BODY_FILE="$TMP/webhook.json" SIGNED_FILE="$TMP/signed.tsv" THREADS=1 OFFSET=$(( conns * 25000 ))
done
echo "orders created: $(psql -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vozex_bench -c 'select count(*) from checkout_orders')" | tee -a "$LOG"
echo "inbox rows: $(psql -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vozex_bench -c 'select count(*) from payments_webhook_inbox')" | tee -a "$LOG"
# EF Core logs two harmless "Failed executing DbCommand" lines while it creates __EFMigrationsHistory on an empty database.
echo "app log lines at error level (2 expected from the first migration): $(grep -c '^fail:' "$TMP/app.log" || true)" | tee -a "$LOG"
