#!/usr/bin/env bash
# Tenant provisioning measurement (issue 5) on a throwaway PostgreSQL cluster, with the real driver: paid → tenant active
# at 20 orders/s for 10 s through the fulfilment worker, 100 tenants back to back, 20 concurrent provisions, the schema
# rollout across 200 tenant databases (parallelism 4), template cloning vs migrating each new database (20 each).
# Kept short on purpose: the machine is shared. Output: bench/out/tenancy-last-run.txt
#   bench/tenancy.sh [per_second seconds back_to_back concurrent upgrade compare]
#   VOZEX_BENCH_SPARES=N bench/tenancy.sh   keeps N spare databases cloned ahead (Vozex:Tenancy:SpareDatabases)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$ROOT/bench/out"
source "$ROOT/bench/lib/throwaway-pg.sh"
trap pg_stop EXIT
pg_createdb vozex_tenancy
dotnet build "$ROOT/bench/Vozex.Bench" -c Release --nologo -v q >/dev/null
# A run writes several GB of databases with fsync off; start with the previous run's dirty pages written out, or the
# kernel's writeback throttling lands in the middle of this run's clones and is measured as provisioning time.
sync
export ASPNETCORE_TEST_CONTENTROOT_VOZEX_WEB="$ROOT/src/Vozex.Web"
{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$PG_BIN/postgres" --version), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  dotnet "$ROOT/bench/Vozex.Bench/bin/Release/net10.0/Vozex.Bench.dll" tenancy "$(pg_url vozex_tenancy)" "$@"
  echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$ROOT/bench/out/tenancy-last-run.txt"
