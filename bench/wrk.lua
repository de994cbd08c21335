-- wrk script for `make bench` (bench/bench_scale.mjs): rotates over the request paths in the file
-- $WRK_PATHS (one per line), sends the session cookie ($WRK_COOKIE) and, for writes, $WRK_METHOD,
-- $WRK_BODY and the CSRF token ($WRK_CSRF). At the end prints one line "WRKJSON {...}" with the
-- counts, errors and latency percentiles (microseconds) for the orchestrator to read.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local cookie = os.getenv("WRK_COOKIE")
local method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
local csrf = os.getenv("WRK_CSRF")
local counter = 0
local started = 0

function setup(thread)
  started = started + 1
  thread:set("offset", started * 7919)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local headers = {}
  if cookie then headers["Cookie"] = cookie end
  if csrf then headers["X-CSRF-Token"] = csrf end
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, paths[(counter % #paths) + 1], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
