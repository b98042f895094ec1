-- POSTs the JSON body in BODY_FILE with an optional bearer token; every request is identical.
local body_file = os.getenv("BODY_FILE")
local token = os.getenv("TOKEN")
local f = assert(io.open(body_file, "r"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
