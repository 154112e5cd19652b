-- wrk script: GET one path (default the first page of /api/v1/tickets)
-- with a bearer token, over keep-alive.
--
--   KEFU_TOKEN=... KEFU_PATH='/api/v1/tickets?status=open' \
--     wrk -t1 -c1 -d10s --latency -s bench/get_tickets.lua http://127.0.0.1:PORT
--
-- Prints "wrk-json {...}" at the end, like post_tickets.lua.

local token = os.getenv("KEFU_TOKEN") or error("set KEFU_TOKEN to a bearer token")
local path = os.getenv("KEFU_PATH") or "/api/v1/tickets"
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args)
  statuses = {}
  req = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function request() return req end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses")) do by_status[code] = (by_status[code] or 0) + count end
  end
  local parts = {}
  for code, count in pairs(by_status) do table.insert(parts, string.format('"%d":%d', code, count)) end
  io.write(string.format(
    'wrk-json {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,' ..
    '"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"status":{%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
      summary.errors.timeout,
    table.concat(parts, ",")))
end
