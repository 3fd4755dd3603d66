-- wrk script of bench/dashboards.sh: each request carries one of the sessions in
-- BENCH_SESSIES (comma-separated, rotated: several users, not one session row updated by
-- every request), the headers the TLS proxy in front of gunicorn adds and Accept-Encoding. Counts every
-- answer other than 200 as an error and prints one JSON line starting with "BENCH ".
local sessies = {}
for s in string.gmatch(os.getenv("BENCH_SESSIES") or "", "[^,]+") do
  table.insert(sessies, s)
end
local host = os.getenv("BENCH_HOST") or "localhost"
-- As a browser asks: the HTML compressed (GZipMiddleware). BENCH_GZIP= (empty) to ask without.
local encoding = os.getenv("BENCH_GZIP") or "gzip, deflate, br"
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  fouten = 0
  volgende = id
end

function request()
  volgende = volgende + 1
  local headers = {
    ["Host"] = host,
    ["X-Forwarded-Proto"] = "https",
    ["Cookie"] = "sessionid=" .. sessies[(volgende % #sessies) + 1],
  }
  if encoding ~= "" then
    headers["Accept-Encoding"] = encoding
  end
  return wrk.format("GET", nil, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    fouten = fouten + 1
  end
end

function done(summary, latency, requests)
  local f = 0
  for _, t in ipairs(threads) do
    f = f + t:get("fouten")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "rps": %.1f, ' ..
    '"verzoeken": %d, "fouten": %d, "socketfouten": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, f, e.connect + e.read + e.write + e.timeout))
end
