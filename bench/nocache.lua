-- wrk script: defeat the output cache (which varies by every query parameter) by appending a
-- query parameter the app ignores and that is unique per request, so every request reaches the database.
--   wrk -t2 -c50 -d15s --latency -s bench/nocache.lua 'http://127.0.0.1:5000/api/v1/products?category=saas_products'

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  -- Each wrk thread has its own Lua state; seed each differently.
  math.randomseed(os.time() * 1000 + (id or 0))
  counter = 0
  base = wrk.path
  sep = string.find(base, "?", 1, true) and "&" or "?"
end

function request()
  counter = counter + 1
  -- thread id + per-thread counter makes it unique; the random part keeps reruns within 30 s from hitting old entries.
  local path = string.format("%s%sr=%d-%d-%d", base, sep, id or 0, counter, math.random(1, 2147483646))
  return wrk.format(nil, path)
end

-- Optional pacing: with WRK_DELAY_MS set, each connection waits that long before its next request, which
-- caps the offered load near connections * 1000 / (delay + latency) req/s (load.sh's PACED=1 runs use it).
local pace = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pace and pace > 0 then
  function delay()
    return pace
  end
end
