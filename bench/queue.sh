#!/usr/bin/env bash
# Fulfilment queue measurement (issue 4): drain throughput with a no-op driver on one and two nodes, enqueue → start
# latency at 50 records/s, idle polling per node; then service orders paid → assigned at 20/s with 1,000 providers
# (issue 7); on a throwaway PostgreSQL cluster. Output: bench/out/queue-last-run.txt
#   bench/queue.sh [records]     (default 5000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$ROOT/bench/out"
source "$ROOT/bench/lib/throwaway-pg.sh"
trap pg_stop EXIT
pg_createdb vozex_queue
pg_createdb vozex_assignment
dotnet build "$ROOT/bench/Vozex.Bench" -c Release --nologo -v q >/dev/null
# WebApplicationFactory hosts the app in-process; this tells it where the app's content root is.
export ASPNETCORE_TEST_CONTENTROOT_VOZEX_WEB="$ROOT/src/Vozex.Web"
{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, $("$PG_BIN/postgres" --version), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  dotnet "$ROOT/bench/Vozex.Bench/bin/Release/net10.0/Vozex.Bench.dll" queue "$(pg_url vozex_queue)" "${1:-5000}"
  dotnet "$ROOT/bench/Vozex.Bench/bin/Release/net10.0/Vozex.Bench.dll" assignment "$(pg_url vozex_assignment)"
} | tee "$ROOT/bench/out/queue-last-run.txt"
