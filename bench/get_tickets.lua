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

-- The shared done(): bench/wrk_report.lua, found beside this script.
done = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")(threads)
