#!/usr/bin/env bash
# Runs every Kefu benchmark and writes the figures to bench/out/.
#
#   bench/run_all.sh BUILD_DIR        (from the repo root; `make bench` does this)
#
# Steps (BENCH_ONLY="core sla after_sales text post import get" selects some; `get` runs the
# import first):
#   core    Google Benchmark: the pure core, JSON, and TicketService on SQLite (median of 3)
#   sla     Google Benchmark (sla_bench): Router::Choose among 1,000 agents, the SLA clocks of
#           a ticket, and one Scheduler::SweepSla pass over 1,000,000 open tickets of which
#           1% are due (median of 3; about 2 minutes, 1.2 GB of disk under $TMPDIR)
#   after_sales  Google Benchmark (after_sales_bench): DecideAfterSales, the carrier webhook's
#           LogisticsService::ApplyCarrierUpdate (fresh, same-status and duplicate events), the whole
#           refund path (Open + 5 moves) on a SQLite file of 10,000 + 10,000 orders
#           (median of 3; about 30 s, 70 MB under $TMPDIR)
#   text    Google Benchmark (text_bench): ticket classification, the per-message analysis
#           (TextService::Analyze, p50/p99), and full-text indexing (write path and
#           RebuildSearchIndex) and SearchService::Search (20 queries, p50/p99) over
#           BENCH_SEARCH_MESSAGES (1,000,000) generated Chinese messages on a SQLite file (median
#           of 3, the index builds once; about 11 minutes and up to 2.2 GB under $TMPDIR; its
#           own timeout is 3 x BENCH_STEP_TIMEOUT)
#   post    POST /api/v1/tickets with wrk at concurrency 1 and 8, fresh database each
#   import  `kefu import tickets` of BENCH_TICKETS (1,000,000) generated tickets, timed;
#           its first pass (parse and validate) alone; at the end BENCH_MORE (100,000)
#           more onto the big database
#   get     GET /api/v1/tickets first page at BENCH_TICKETS tickets (after `import`), as a
#           manager and as an agent, with and without filters, after working the
#           newest BENCH_WORKED tickets over the API; GET /healthz
# Everything runs in a fresh temporary directory; the server listens on a free
# loopback port and is stopped at the end. Each step is bounded by `timeout`.
# Results: bench/out/summary.md (table), results.jsonl, core.json, sla.json,
# after_sales.json, text.json, *.txt, *.log.
set -euo pipefail

BUILD=${1:?usage: bench/run_all.sh BUILD_DIR}
cd "$(dirname "$0")/.."
BUILD=$(cd "$BUILD" && pwd)
KEFU=$BUILD/kefu
CORE_BENCH=$BUILD/kefu_core_bench
SLA_BENCH=$BUILD/sla_bench
AS_BENCH=$BUILD/after_sales_bench
TEXT_BENCH=$BUILD/text_bench

TICKETS=${BENCH_TICKETS:-1000000}
DURATION=${BENCH_DURATION:-10}          # seconds per wrk run
MORE=${BENCH_MORE:-100000}
CORE_REPS=${BENCH_CORE_REPS:-3}         # Google Benchmark repetitions; the median is shown
WORKED=${BENCH_WORKED:-3000}
STEP_TIMEOUT=${BENCH_STEP_TIMEOUT:-900}  # seconds, per step that could run away
ONLY=${BENCH_ONLY:-core sla after_sales text post import get}

OUT=$PWD/bench/out
mkdir -p "$OUT"
RESULTS=$OUT/results.jsonl
: > "$RESULTS"
: > "$OUT/run.log"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kefu-bench.XXXXXX")
SERVER_PID=

for tool in "$KEFU" wrk python3; do
  command -v "$tool" > /dev/null || { echo "run_all.sh: $tool not found" >&2; exit 1; }
done

log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
    SERVER_PID=
  fi
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server DB NAME: serves DB on a free loopback port ($PORT, $URL).
start_server() {
  PORT=$(free_port)
  URL=http://127.0.0.1:$PORT
  "$KEFU" serve --db "$1" --listen "127.0.0.1:$PORT" > "$OUT/server-$2.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "$URL/healthz" 2> /dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
  log "server did not start; see $OUT/server-$2.log"
  exit 2
}

# new_db NAME: a migrated database with the demo data set; prints its path.
new_db() {
  local db=$WORK/$1/kefu.db
  mkdir -p "$WORK/$1"
  "$KEFU" migrate --db "$db" > /dev/null
  "$KEFU" demo-data --db "$db" > /dev/null
  echo "$db"
}

token() { "$KEFU" token create --db "$1" --login "$2" --label bench 2> /dev/null; }

# record JSON: appends one result, with the load average, to results.jsonl.
record() {
  python3 -c 'import json, sys; d = json.loads(sys.argv[1]); d["load"] = sys.argv[2]; print(json.dumps(d, ensure_ascii=False))' \
    "$1" "$(load)" >> "$RESULTS"
}

# CPU time in clock ticks: of the whole machine (busy, all CPUs; interrupt time,
# such as loopback networking, is left out as it is not charged to processes) and
# of the server.
machine_busy() { awk '/^cpu / {print $2 + $3 + $4}' /proc/stat; }  # user, nice, system
server_cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2> /dev/null || echo 0; }

# run_wrk NAME SCRIPT THREADS CONNS [VAR=VALUE...]: one wrk run against $URL.
# Besides wrk's figures it records the server's CPU time per request and the
# share of the machine used by other processes meanwhile (the noise).
run_wrk() {
  local name=$1 script=$2 threads=$3 conns=$4
  shift 4
  log "wrk $name (-t$threads -c$conns ${DURATION}s), load $(load)"
  local busy0 srv0 busy1 srv1
  busy0=$(machine_busy)
  srv0=$(server_cpu)
  env "$@" python3 -c "$TIMED" "$OUT/wrk-$name.time" timeout $((DURATION + 60)) \
    wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency --timeout 10s -s "$script" "$URL" \
    > "$OUT/wrk-$name.txt" 2>&1 || log "wrk $name failed"
  busy1=$(machine_busy)
  srv1=$(server_cpu)
  local line
  line=$(sed -n 's/^wrk-json //p' "$OUT/wrk-$name.txt" | tail -1)
  [[ -n $line ]] || line='{"requests":0}'
  record "$(python3 - "$line" "$name" "$threads" "$conns" "$((busy1 - busy0))" "$((srv1 - srv0))" \
      "$(cat "$OUT/wrk-$name.time")" "$(getconf CLK_TCK)" "$(nproc)" << 'PY'
import json, sys
d = json.loads(sys.argv[1])
busy, srv, hz, cpus = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[8]), int(sys.argv[9])
wall, wrk_user, wrk_sys = (float(x) for x in sys.argv[7].split()[:3])
d.update(name=sys.argv[2], kind="wrk", threads=int(sys.argv[3]), conns=int(sys.argv[4]))
d["server_cpu_s"] = srv / hz
d["wrk_cpu_s"] = wrk_user + wrk_sys
d["others_cpu_pct"] = max(0.0, 100 * (busy / hz - srv / hz - wrk_user - wrk_sys) / (wall * cpus))
if d.get("requests"):
    d["server_cpu_us_per_req"] = 1e6 * srv / hz / d["requests"]
print(json.dumps(d))
PY
)"
}

# python3 -c "$TIMED" OUTFILE CMD...: runs CMD, writes "wall user sys maxrss_kb" to OUTFILE.
TIMED='
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%.3f %.2f %.2f %d\n" % (time.monotonic() - t, r.ru_utime, r.ru_stime, r.ru_maxrss))
sys.exit(rc)'

# timed_import NAME DB FILE: times `kefu import tickets`, records the rate.
timed_import() {
  local name=$1 db=$2 file=$3 lines before
  lines=$(wc -l < "$file")
  before=$(ticket_count "$db")
  log "import $name: $lines tickets onto $before, load $(load)"
  if ! python3 -c "$TIMED" "$OUT/$name.time" timeout "$STEP_TIMEOUT" \
      "$KEFU" import tickets --db "$db" --no-progress "$file" > "$OUT/$name.txt" 2>&1; then
    log "import $name failed or timed out after ${STEP_TIMEOUT}s; see $OUT/$name.txt"
    record "{\"name\": \"$name\", \"kind\": \"import\", \"tickets\": $lines, \"existing\": $before, \"failed\": true, \"timeout_s\": $STEP_TIMEOUT}"
    return 1
  fi
  read -r secs user sys rss < <(tail -1 "$OUT/$name.time")
  record "{\"name\": \"$name\", \"kind\": \"import\", \"tickets\": $lines, \"existing\": $before, \"seconds\": $secs, \"user_s\": $user, \"sys_s\": $sys, \"max_rss_kb\": $rss, \"rate\": $(python3 -c "print(round($lines / max($secs, 0.001)))")}"
}

# check_only FILE: times the import's first pass alone (read, parse, validate every
# line, check the customers) by importing FILE plus one bad last line, which
# makes kefu stop after the first pass without writing anything.
check_only() {
  local db t0 t1 lines
  db=$(new_db check-only)
  cp "$1" "$WORK/check.jsonl"
  echo '{"subject": ""}' >> "$WORK/check.jsonl"
  lines=$(wc -l < "$1")
  log "import first pass only: $lines tickets, load $(load)"
  t0=$(date +%s.%N)
  timeout "$STEP_TIMEOUT" "$KEFU" import tickets --db "$db" --no-progress "$WORK/check.jsonl" \
    > "$OUT/import-check-only.txt" 2>&1 && log "check-only import unexpectedly succeeded"
  t1=$(date +%s.%N)
  rm -f "$WORK/check.jsonl"
  record "{\"name\": \"import-check-only\", \"kind\": \"check\", \"tickets\": $lines, \"seconds\": $(python3 -c "print(round($t1 - $t0, 2))"), \"rate\": $(python3 -c "print(round($lines / max($t1 - $t0, 0.001)))")}"
}

ticket_count() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM tickets").fetchone()[0])' "$1"
}

machine_info() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    local changed
    changed=$( (git status --porcelain -- src 2> /dev/null || true) | wc -l)
    echo "commit: $(git rev-parse --short HEAD 2> /dev/null || echo unknown)$( ((changed == 0)) || echo " + uncommitted changes to $changed files in src/")"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "os: Debian $(cat /etc/debian_version 2> /dev/null || echo '?'), kernel $(uname -r)"
    echo "compiler: $(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt" | xargs -r -I{} sh -c '{} --version | head -1')"
    echo "build type: $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")"
    echo "sqlite: $(python3 -c 'import ctypes, ctypes.util; l = ctypes.CDLL(ctypes.util.find_library("sqlite3")); l.sqlite3_libversion.restype = ctypes.c_char_p; print(l.sqlite3_libversion().decode())')"
    echo "wrk: $(wrk -v 2>&1 | head -1)"
    echo "load at start: $(load)"
  } > "$OUT/machine.txt"
}

step_core() {
  [[ -x $CORE_BENCH ]] || { log "no $CORE_BENCH (libbenchmark-dev missing?); skipping core"; return 0; }
  log "core micro-benchmarks, load $(load)"
  (cd "$WORK" && TMPDIR=$WORK timeout "$STEP_TIMEOUT" "$CORE_BENCH" \
    --benchmark_out="$OUT/core.json" --benchmark_out_format=json \
    --benchmark_repetitions="$CORE_REPS" --benchmark_report_aggregates_only=true) \
    > "$OUT/core.txt" 2>&1 \
    || log "core benchmarks failed; see $OUT/core.txt"
}

step_sla() {
  [[ -x $SLA_BENCH ]] || { log "no $SLA_BENCH (libbenchmark-dev missing?); skipping sla"; return 0; }
  log "SLA, routing and scheduler benchmarks, load $(load)"
  (cd "$WORK" && TMPDIR=$WORK timeout "$STEP_TIMEOUT" "$SLA_BENCH" \
    --benchmark_out="$OUT/sla.json" --benchmark_out_format=json \
    --benchmark_repetitions="$CORE_REPS" --benchmark_report_aggregates_only=true) \
    > "$OUT/sla.txt" 2>&1 \
    || log "sla benchmarks failed; see $OUT/sla.txt"
}

step_after_sales() {
  [[ -x $AS_BENCH ]] || { log "no $AS_BENCH (libbenchmark-dev missing?); skipping after_sales"; return 0; }
  log "after-sales benchmarks, load $(load)"
  (cd "$WORK" && TMPDIR=$WORK timeout "$STEP_TIMEOUT" "$AS_BENCH" \
    --benchmark_out="$OUT/after_sales.json" --benchmark_out_format=json \
    --benchmark_repetitions="$CORE_REPS" --benchmark_report_aggregates_only=true) \
    > "$OUT/after_sales.txt" 2>&1 \
    || log "after_sales benchmarks failed; see $OUT/after_sales.txt"
}

step_text() {
  [[ -x $TEXT_BENCH ]] || { log "no $TEXT_BENCH (libbenchmark-dev missing?); skipping text"; return 0; }
  log "text intelligence and search benchmarks (${BENCH_SEARCH_MESSAGES:-1000000} messages), load $(load)"
  (cd "$WORK" && TMPDIR=$WORK timeout $((3 * STEP_TIMEOUT)) "$TEXT_BENCH" \
    --benchmark_out="$OUT/text.json" --benchmark_out_format=json \
    --benchmark_repetitions="$CORE_REPS" --benchmark_report_aggregates_only=true) \
    > "$OUT/text.txt" 2>&1 \
    || log "text benchmarks failed; see $OUT/text.txt"
}

step_post() {
  local name threads conns tags db tok
  for run in "post-c1 1 1 1" "post-c8 2 8 1" "post-c8-notags 2 8 0"; do
    read -r name threads conns tags <<< "$run"
    db=$(new_db "$name")
    tok=$(token "$db" li.na)
    start_server "$db" "$name"
    run_wrk "$name" bench/post_tickets.lua "$threads" "$conns" KEFU_TOKEN="$tok" KEFU_TAGS="$tags"
    stop_server
    log "$name: $(ticket_count "$db") tickets in the database"
  done
}

step_import() {
  # BENCH_TICKETS tickets as generated (80% with 1 to 3 tags). The database stays for step_get.
  local t0 t1
  BIG_DB=$(new_db big)
  log "generating $TICKETS tickets"
  t0=$(date +%s.%N)
  python3 bench/gen_tickets.py "$TICKETS" "$WORK/big.jsonl"
  t1=$(date +%s.%N)
  record "{\"name\": \"gen\", \"kind\": \"gen\", \"tickets\": $TICKETS, \"seconds\": $(python3 -c "print(round($t1 - $t0, 2))"), \"bytes\": $(stat -c %s "$WORK/big.jsonl")}"
  timed_import import-big "$BIG_DB" "$WORK/big.jsonl" || true
  check_only "$WORK/big.jsonl"
  rm -f "$WORK/big.jsonl"
  record "{\"name\": \"big-db\", \"kind\": \"db\", \"tickets\": $(ticket_count "$BIG_DB"), \"bytes\": $(du -cb "$BIG_DB"* | tail -1 | cut -f1)}"
}

# A further BENCH_MORE tickets onto the big database: does the rate hold at size?
step_import_more() {
  python3 bench/gen_tickets.py "$MORE" "$WORK/more.jsonl" --seed 7
  timed_import import-more "$BIG_DB" "$WORK/more.jsonl" || true
  rm -f "$WORK/more.jsonl"
}

step_get() {
  if [[ -z ${BIG_DB:-} ]]; then log "get needs the import step; skipping"; return 0; fi
  local manager agent
  manager=$(token "$BIG_DB" wang.min)
  agent=$(token "$BIG_DB" li.na)
  start_server "$BIG_DB" get
  log "working the newest $WORKED tickets over the API, load $(load)"
  timeout "$STEP_TIMEOUT" python3 bench/work_tickets.py --port "$PORT" --count "$WORKED" \
    --manager "$manager" --agent li.na="$agent" \
    --agent zhao.lei="$(token "$BIG_DB" zhao.lei)" --agent sun.li="$(token "$BIG_DB" sun.li)" \
    > "$OUT/work.txt" 2>&1 || log "work_tickets failed; see $OUT/work.txt"
  run_wrk get-manager-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$manager"
  run_wrk get-manager-c8 bench/get_tickets.lua 2 8 KEFU_TOKEN="$manager"
  run_wrk get-manager-status-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$manager" \
    KEFU_PATH='/api/v1/tickets?status=open'
  run_wrk get-manager-customer-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$manager" \
    KEFU_PATH='/api/v1/tickets?customer=C-000003'
  run_wrk get-agent-status-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$agent" \
    KEFU_PATH='/api/v1/tickets?status=open'
  run_wrk get-agent-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$agent"
  run_wrk get-manager-tag-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$manager" \
    KEFU_PATH='/api/v1/tickets?tag=vip'
  run_wrk get-agent-tag-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$agent" \
    KEFU_PATH='/api/v1/tickets?tag=vip'
  run_wrk get-healthz-c1 bench/get_tickets.lua 1 1 KEFU_TOKEN="$manager" KEFU_PATH=/healthz
  stop_server
}

machine_info
log "Kefu benchmarks: build $BUILD, work dir $WORK, steps: $ONLY"
wants core && step_core
wants sla && step_sla
wants after_sales && step_after_sales
wants text && step_text
wants post && step_post
{ wants import || wants get; } && step_import
wants get && step_get
wants import && step_import_more
echo "load at end: $(load)" >> "$OUT/machine.txt"
python3 bench/summarize.py "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
