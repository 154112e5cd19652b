#!/usr/bin/env python3
"""Renders bench/out/ (results.jsonl, core.json, sla.json, after_sales.json, text.json,
machine.txt) as Markdown.

  bench/summarize.py bench/out > bench/out/summary.md
"""
import json
import os
import sys

CREATE_TARGET = 5000      # tickets created per second over HTTP at concurrency 8
IMPORT_TARGET = 100000    # tickets per second, bulk import of 1,000,000
P99_TARGET_MS = 5.0       # GET /api/v1/tickets first page, p99, at 1,000,000 tickets
CLASSIFY_TARGET = 50000   # short texts classified per second on one core
ANALYZE_P99_TARGET_US = 1000.0  # TextService::Analyze of one message, p99
SEARCH_P99_TARGET_MS = 20.0     # SearchService::Search, p99, at 1,000,000 messages
INDEX_TARGET = 20000      # messages indexed per second (write path, rebuild)


def load_results(out):
    path = os.path.join(out, "results.jsonl")
    results = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                results[r["name"]] = r
    return results


def ok_count(r):
    return sum(v for k, v in r.get("status", {}).items() if k.startswith("2"))


def verdict(met):
    return "**met**" if met else "**not met**"


def targets(res):
    rows = []
    post = res.get("post-c8")
    if post and post.get("requests"):
        rate = ok_count(post) / post["seconds"]
        rows.append(("Ticket creates over HTTP, concurrency 8 (0-2 tags each)",
                     "≥ %d/s" % CREATE_TARGET, "%.0f/s" % rate, verdict(rate >= CREATE_TARGET)))
    big = res.get("import-big")
    if big and big.get("failed"):
        rows.append(("Bulk import of %s tickets" % f"{big['tickets']:,}", "≥ %s/s" % f"{IMPORT_TARGET:,}",
                     "failed or over %d s" % big["timeout_s"], verdict(False)))
    if big and not big.get("failed"):
        rows.append(("Bulk import of %s tickets (80%% with tags)" % f"{big['tickets']:,}",
                     "≥ %s/s" % f"{IMPORT_TARGET:,}", "%s/s (%.1f s)" % (f"{big['rate']:,}", big["seconds"]),
                     verdict(big["rate"] >= IMPORT_TARGET)))
    db = res.get("big-db", {})
    size = f"{db['tickets']:,}" if db else "?"
    for name, label in (("get-manager-c1", "manager, no filter"),
                        ("get-manager-status-c1", "manager, status=open"),
                        ("get-agent-status-c1", "agent, status=open"),
                        ("get-agent-c1", "agent, no filter (visibility)"),
                        ("get-manager-tag-c1", "manager, tag=vip"),
                        ("get-agent-tag-c1", "agent, tag=vip")):
        r = res.get(name)
        if r and r.get("requests"):
            rows.append(("GET /api/v1/tickets first page p99 at %s tickets, %s" % (size, label),
                         "< %g ms" % P99_TARGET_MS, "%.2f ms" % r["p99_ms"],
                         verdict(r["p99_ms"] < P99_TARGET_MS)))
    return rows


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def wrk_rows(res):
    rows = []
    for r in res.values():
        if r.get("kind") != "wrk":
            continue
        if not r.get("requests"):
            rows.append((r["name"], r.get("conns", "?"), "failed") + ("",) * 7)
            continue
        bad = r["requests"] - ok_count(r)
        rows.append((r["name"], r["conns"], "%.0f" % r["rps"], "%.2f" % r["p50_ms"],
                     "%.2f" % r["p90_ms"], "%.2f" % r["p99_ms"], "%.2f" % r["max_ms"],
                     "%d / %d" % (bad, r["errors"]),
                     "%.0f" % r["server_cpu_us_per_req"] if "server_cpu_us_per_req" in r else "",
                     "%.0f%%" % r["others_cpu_pct"] if "others_cpu_pct" in r else ""))
    return rows


def import_rows(res):
    rows = []
    for r in res.values():
        if r.get("kind") == "gen":
            rows.append((r["name"], f"{r['tickets']:,}", "", "%.1f" % r["seconds"], "", "",
                         "%.0f MB file" % (r["bytes"] / 1e6), r["load"]))
        if r.get("kind") == "check":
            rows.append((r["name"] + " (first pass: parse + validate)", f"{r['tickets']:,}", "",
                         "%.1f" % r["seconds"], f"{r['rate']:,}", "", "", r["load"]))
        if r.get("kind") != "import":
            continue
        if r.get("failed"):
            rows.append((r["name"], f"{r['tickets']:,}", f"{r['existing']:,}",
                         "> %d (timeout)" % r["timeout_s"], "", "", "", r["load"]))
            continue
        rows.append((r["name"], f"{r['tickets']:,}", f"{r['existing']:,}", "%.1f" % r["seconds"],
                     f"{r['rate']:,}", "%.1f + %.1f" % (r["user_s"], r["sys_s"]),
                     "%.0f MB RSS" % (r["max_rss_kb"] / 1024), r["load"]))
    if "big-db" in res:
        d = res["big-db"]
        rows.append(("database after import", f"{d['tickets']:,}", "", "", "", "",
                     "%.0f MB on disk" % (d["bytes"] / 1e6), d["load"]))
    return rows


def fmt_time(value, unit):
    """1234.5 ns -> "1.23 us"; three significant digits, no exponent."""
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
    ns = value * scale[unit]
    for name in ("s", "ms", "us", "ns"):
        if ns >= scale[name] or name == "ns":
            v = ns / scale[name]
            return ("%.3g" % v if v < 1000 else "%.0f" % v) + " " + name.replace("us", "µs")


def core_rows(out, name="core.json"):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return [], ""
    rows = []
    benchmarks = json.load(open(path))["benchmarks"]
    # With repetitions, show the medians; otherwise the single runs (also those of
    # benchmarks that set their own single repetition, next to medians).
    medians = [b for b in benchmarks if b.get("aggregate_name") == "median"]
    with_median = {b["run_name"] for b in medians}
    for b in benchmarks:
        median = b.get("aggregate_name") == "median"
        if b.get("run_type") == "aggregate" and not median:
            continue
        if not median and b.get("run_name", b["name"]) in with_median:
            continue
        b = dict(b, name=b.get("run_name", b["name"]) if median else b["name"])
        extra = ""
        if "items_per_second" in b:
            extra = "%s/s" % f"{b['items_per_second']:,.0f}"
        if b.get("error_occurred"):
            extra = "error: " + b.get("error_message", "")
        count = b.get("repetitions", b["iterations"]) if median else b["iterations"]
        rows.append((b["name"], fmt_time(b["real_time"], b["time_unit"]),
                     fmt_time(b["cpu_time"], b["time_unit"]), f"{count:,}", extra))
    return rows, ("Repetitions" if medians else "Iterations")


def base_name(name):
    """BM_Search/all/min_time:2.000/real_time -> BM_Search/all."""
    keep = [p for p in name.split("/")
            if not p.startswith(("min_time:", "iterations:", "repeats:", "real_time", "manual_time"))]
    return "/".join(keep)


def load_bench(out, name):
    """{base name: entry} of a Google Benchmark JSON file: medians where there are
    repetitions, else the single run."""
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return {}
    runs = {}
    for b in json.load(open(path))["benchmarks"]:
        key = base_name(b.get("run_name", b["name"]))
        if b.get("aggregate_name") == "median":
            runs[key] = b
        elif b.get("run_type") != "aggregate" and key not in runs:
            runs[key] = b
    return runs


def text_targets(out):
    t = load_bench(out, "text.json")
    rows = []
    for key, label in (("BM_ClassifyFeatures", "Classification, featurised text (`PredictFeatures`)"),
                       ("BM_ClassifyRaw", "Classification, raw text (`Predict`: normalise + segment)")):
        b = t.get(key)
        if b and "items_per_second" in b:
            rate = b["items_per_second"]
            rows.append((label + ", one core", "≥ %s/s" % f"{CLASSIFY_TARGET:,}", "%s/s" % f"{rate:,.0f}",
                         verdict(rate >= CLASSIFY_TARGET)))
    b = t.get("BM_Analyze")
    if b and "p99_us" in b:
        rows.append(("`TextService::Analyze`, one message, p99 (p50)", "< %g ms" % (ANALYZE_P99_TARGET_US / 1000),
                     "%.3f ms (%.3f ms)" % (b["p99_us"] / 1000, b["p50_us"] / 1000),
                     verdict(b["p99_us"] < ANALYZE_P99_TARGET_US)))
    for key, label in (("BM_IndexWrite", "Index build, write path (tickets + first messages)"),
                       ("BM_IndexRebuild", "Index build, `RebuildSearchIndex`")):
        b = t.get(key)
        if b and "items_per_second" in b:
            rate = b["items_per_second"]
            rows.append(("%s, %s messages" % (label, f"{b.get('messages', 0):,.0f}"),
                         "≥ %s/s" % f"{INDEX_TARGET:,}", "%s/s" % f"{rate:,.0f}",
                         verdict(rate >= INDEX_TARGET)))
    b = t.get("BM_Search/all")
    if b and "p99_ms" in b:
        rows.append(("Search p99 (p50), 20 queries, %s messages" % f"{b.get('messages', 0):,.0f}",
                     "< %g ms" % SEARCH_P99_TARGET_MS, "%.1f ms (%.1f ms)" % (b["p99_ms"], b["p50_ms"]),
                     verdict(b["p99_ms"] < SEARCH_P99_TARGET_MS)))
    return rows


def search_rows(out):
    """Per class and per query: p50, p99, max, documents matched, the store's share."""
    rows = []
    for key, b in load_bench(out, "text.json").items():
        if not key.startswith(("BM_Search/", "BM_SearchQuery/")) or "p99_ms" not in b:
            continue
        rows.append((key.split("/", 1)[1] + (" (class)" if key.startswith("BM_Search/") else ""),
                     "%.2f" % b["p50_ms"], "%.2f" % b["p99_ms"], "%.2f" % b["max_ms"],
                     f"{b['matches']:,.0f}" if "matches" in b else "",
                     "%.2f" % b["store_ms"] if "store_ms" in b else "", "%.1f" % b["hits"]))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
    res = load_results(out)
    parts = ["# Kefu benchmark results", ""]
    machine = os.path.join(out, "machine.txt")
    if os.path.exists(machine):
        parts += ["```", open(machine).read().rstrip(), "```", ""]
    parts += ["## Targets", "", table(("Figure", "Target", "Measured", "Verdict"),
                                      targets(res) + text_targets(out)), ""]
    parts += ["## HTTP (wrk, keep-alive, loopback)", "",
              table(("Run", "Connections", "Req/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                     "non-2xx / socket errors", "server CPU µs/req", "others' CPU"),
                    wrk_rows(res)), "",
              "Server CPU is `kefu serve`'s user + system time over the run divided by the "
              "requests. Others' CPU is the share of the machine's CPU time used by processes "
              "other than the server and wrk meanwhile (other workers on a shared machine).", ""]
    parts += ["## Import", "", table(("Run", "Tickets", "Onto", "Seconds", "Tickets/s",
                                      "CPU user + sys s", "Memory / size", "load avg"),
                                     import_rows(res)), ""]
    for name, title in (("core.json", "Micro-benchmarks (Google Benchmark)"),
                        ("sla.json", "SLA, routing and the scheduler (Google Benchmark)"),
                        ("after_sales.json", "After-sales (Google Benchmark)"),
                        ("text.json", "Text intelligence and search (Google Benchmark)")):
        rows, count = core_rows(out, name)
        if rows:
            parts += ["## " + title, "",
                      table(("Benchmark", "Time", "CPU", count, "Rate"), rows), "",
                      "With repetitions, each row is the median of the repetitions.", ""]
    rows = search_rows(out)
    if rows:
        parts += ["## Search latency (`SearchService::Search`, first page, manager)", "",
                  table(("Queries", "p50 ms", "p99 ms", "max ms", "Documents matched",
                         "Store::Search ms", "Hits on the page"), rows), ""]
    print("\n".join(parts))


if __name__ == "__main__":
    main()
