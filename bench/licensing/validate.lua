-- POST /api/v1/licenses/validate for the keys in KEYS_FILE (license id<TAB>key per line), round robin, each with the
-- fingerprint activated on it, so every answer is a full VALID. WRK_DELAY_MS paces each connection (see load.sh).
local requests = {}
local counter = 0

function init(args)
  local fingerprint = os.getenv("FINGERPRINT") or "bench-machine"
  for line in io.lines(os.getenv("KEYS_FILE")) do
    local key = line:match("\t(.+)$")
    requests[#requests + 1] = wrk.format("POST", "/api/v1/licenses/validate", { ["Content-Type"] = "application/json" },
      string.format('{"key":"%s","fingerprint":"%s"}', key, fingerprint))
  end
  counter = math.random(1, #requests)
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

local pace = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pace and pace > 0 then
  function delay()
    return pace
  end
end

-- Every answer is checked: a run only counts if each one was a 200 saying VALID.
bad = 0
function response(status, headers, body)
  if status ~= 200 or not body:find('"code":"VALID"', 1, true) then bad = bad + 1 end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("bad") or 0) end
  io.write(string.format("answers other than 200 VALID: %d\n", total))
end
