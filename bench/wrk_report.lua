-- Shared by the wrk scripts: returns a done() for the given threads that, at
-- the end of a run, prints one line "wrk-json {...}" with the figures and the
-- count of responses by status (each script's response() keeps "statuses" per
-- thread), for run_all.sh.
--
--   done = dofile(".../wrk_report.lua")(threads)

return function(threads) return function(summary, latency, requests)
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
end end
