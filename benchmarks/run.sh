#!/usr/bin/env bash
# Runs every load benchmark side by side on this machine and prints one table (benchmarks/RESULTS.md explains it).
#   benchmarks/run.sh           full run (about an hour)
#   benchmarks/run.sh --smoke   a second or two per scenario (CI: BenchmarksSmokeTests)
#   benchmarks/run.sh --profile full run; the demo records JFR (demo.jfr, hot methods in demo-hot.txt, and per
#                               scenario (a), (b) and (c): threads, leaf and library frames in demo-profile.txt)
# Phases: signing (JMH) and the concurrency probe; the load scenarios with a wiki that answers at once ("zero
# latency"); the same page (b) with api.php answering 100 ms and 300 ms late at 1,000 connections, against the peers
# of benchmarks/peers and Flask (sync and gevent workers), with one fixed-rate run per pair; the demo's footprint
# under a small container's limits. Every side runs at once, idle while another is measured.
# Needs: Java 17, Maven (to build missing jars), Debian's wrk, redis-server, curl, python3-mwoauth, python3-flask,
# python3-gunicorn, python3-gevent. Everything binds 127.0.0.1 on free ports and is stopped on exit.
# Env: BENCH_CP (classpath instead of benchmarks/target/benchmarks.jar), DEMO_JAR, PEERS_DIR (holds the peers'
# module directories), BENCH_OUT (raw outputs). The jars are built only when missing: after changing the code, build
# them with `mvn -q -B -DskipTests clean package`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
smoke=0; profile=0
case "${1:-}" in
  --smoke) smoke=1 ;;
  --profile) profile=1 ;;
  "") ;;
  *) echo "usage: $0 [--smoke|--profile]" >&2; exit 2 ;;
esac
if [ "$smoke" = 1 ]; then
  duration=1s; warmup=1; warm_max=1; warm_window=1; conns=16; jmh=(-f 0 -wi 0 -i 1 -r 200ms); probe=(200 200)
  lat_conns=32; lat_warmup=1; lat_warm_max=1; lat_duration=2s; latencies=(100); fixed_seconds=2; fixed_warmup=1
  foot_warmup=1; foot_warm_max=1; foot_duration=2s
else
  duration=15s; warmup=30; warm_max=180; warm_window=10; conns=64; jmh=(); probe=(10000 2000)
  lat_conns=1000; lat_warmup=20; lat_warm_max=120; lat_duration=15s; latencies=(100 300)
  fixed_seconds=20; fixed_warmup=5
  foot_warmup=30; foot_warm_max=180; foot_duration=15s
fi
py=/usr/bin/python3
cores=$(nproc)
peers_dir="${PEERS_DIR:-$here/peers}"
peer_jar() { ls "$peers_dir/$1"/target/mwoauth-peer-"$1"-*.jar 2>/dev/null | grep -v original | head -1; }

if [ -z "${BENCH_CP:-}" ] || [ -z "${DEMO_JAR:-}" ] || [ -z "$(peer_jar mvc-scribejava)" ]; then
  if [ ! -f "$here/target/benchmarks.jar" ] || ! ls "$root"/samples/demo/target/mwoauth-demo-*.jar >/dev/null 2>&1 \
      || [ -z "$(peer_jar webflux-unsigned)" ] || [ -z "$(peer_jar mvc-scribejava)" ] || [ -z "$(peer_jar security-oauth2)" ]; then
    (cd "$root" && mvn -q -B -DskipTests -DskipPitest package)
  fi
fi
cp_="${BENCH_CP:-$here/target/benchmarks.jar}"
demo_jar="${DEMO_JAR:-$(ls "$root"/samples/demo/target/mwoauth-demo-*.jar | head -1)}"

out="${BENCH_OUT:-$(mktemp -d /tmp/mwoauth-bench.XXXXXX)}"
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
pids=()
stop_tree() { # pid: the process, its children (a side's java, gunicorn's workers), then wait
  local p=$1 c i
  for c in $(pgrep -P "$p" 2>/dev/null || true); do kill "$c" 2>/dev/null || true; done
  kill "$p" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}
cleanup() {
  local p
  for p in "${pids[@]}"; do stop_tree "$p"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url seconds
  "$py" - "$1" "$2" <<'PY'
import sys, time, urllib.error, urllib.request
deadline = time.time() + float(sys.argv[2])
while time.time() < deadline:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=5).read()
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit("not up: " + sys.argv[1])
PY
}
random_hex() { "$py" -c "import secrets; print(secrets.token_hex($1))"; }
session_key() { "$py" -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())"; }
start_s=$SECONDS
log() { echo "# [$((SECONDS - start_s)) s] $*" >&2; }

side() { # signing (JMH) and concurrency
  java -cp "$cp_" org.openjdk.jmh.Main SigningBenchmark "${jmh[@]}" -prof gc -rf csv -rff "$out/jmh.csv" \
    > "$out/jmh.txt" 2>&1
  log "jmh done"
  java -Xmx256m -cp "$cp_" io.github.mwoauth.benchmarks.ConcurrencyProbe "${probe[@]}" > "$out/probe.txt" 2>&1 || true
  log "probe done"
}
if [ "$smoke" = 1 ]; then # numbers do not matter: overlap with the load part to keep CI short
  side & side_pid=$!; pids+=($side_pid)
fi

# --- wikis: one per registered callback (an OAuth 2.0 client has exactly one redirect URI) ---
redis_port=$(free_port)
demo_port=$(free_port); demo2_port=$(free_port); limit_port=$(free_port); d2_port=$(free_port)
flask_port=$(free_port); gevent_port=$(free_port); scribe_port=$(free_port); security_port=$(free_port)
mkdir -p "$out/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$out/redis" \
  > "$out/redis.log" 2>&1 & pids+=($!)
key=$(random_hex 16); secret=$(random_hex 20)
client2_id=$(random_hex 16); client2_secret=$(random_hex 20); client3_id=$(random_hex 16); client3_secret=$(random_hex 20)
declare -A wiki_port wiki_pid wiki_args
wiki_port[w1]=$(free_port); wiki_port[w2]=$(free_port); wiki_port[w3]=$(free_port)
wiki_args[w1]="--callback http://127.0.0.1: --consumer-key $key --consumer-secret $secret"
wiki_args[w2]="--callback http://127.0.0.1:$demo2_port/oauth-callback --oauth2 --oauth2-client-id $client2_id --oauth2-client-secret $client2_secret"
wiki_args[w3]="--callback http://127.0.0.1:$security_port/login/oauth2/code/mediawiki --oauth2 --oauth2-client-id $client3_id --oauth2-client-secret $client3_secret"
start_wiki() { # name latency_ms
  local w=$1 i
  rm -f "$out/wiki-$w.log"
  # shellcheck disable=SC2086
  java -Xmx384m -cp "$cp_" io.github.mwoauth.testkit.LocalWikiMain --port "${wiki_port[$w]}" ${wiki_args[$w]} \
    --user Alice --contributions 50 --api-latency "$2" > "$out/wiki-$w.log" 2>&1 &
  wiki_pid[$w]=$!; pids+=($!)
}
wait_wiki() {
  local i
  for ((i = 0; i < 1200; i++)); do grep -q '^ready' "$out/wiki-$1.log" && return 0; sleep 0.05; done
  cat "$out/wiki-$1.log" >&2; exit 1
}
start_wikis() { # latency_ms: the same ports and registrations each time; the grants of earlier logins are gone
  local w
  for w in w1 w2 w3; do start_wiki "$w" "$1"; done
  for w in w1 w2 w3; do wait_wiki "$w"; done
}
restart_wikis() {
  local w
  for w in w1 w2 w3; do stop_tree "${wiki_pid[$w]}"; done
  start_wikis "$1"
}
start_wikis 0
script_path=$(sed -n 's/^script.path=//p' "$out/wiki-w1.log"); api_url=$(sed -n 's/^api.url=//p' "$out/wiki-w1.log")
user=$(sed -n 's/^user=//p' "$out/wiki-w1.log")
script2=$(sed -n 's/^script.path=//p' "$out/wiki-w2.log"); script3=$(sed -n 's/^script.path=//p' "$out/wiki-w3.log")

# --- the sides ---
redis_env=(SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$redis_port")
boot_args=(--server.address=127.0.0.1 --logging.level.root=WARN)
# the demo has Spring Boot Actuator for its health probes, which also turns on Micrometer's observations (the server's
# http.server.requests and the library's mediawiki.api.request); the peers have none, so the comparisons run without
# them (RESULTS.md measures what they cost)
demo_args=("${boot_args[@]}" --management.observations.enable.all=false --management.metrics.enable.all=false)
# Reactor Netty's shared pool holds 500 connections, which caps every Reactor Netty client alike at 500 / latency calls
# a second (1,667 at 300 ms); each Reactor Netty side gets one as large as the latency runs' connections
pool_max=$(( lat_conns > 500 ? lat_conns : 500 ))
pool_args=(-Dreactor.netty.pool.maxConnections="$pool_max")
demo_jfr=()
[ "$profile" = 1 ] && demo_jfr=(-XX:StartFlightRecording=filename="$out/demo.jfr",settings=profile)
env "${redis_env[@]}" MEDIAWIKI_OAUTH_WIKI="$script_path" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" \
  MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" MEDIAWIKI_OAUTH_SESSION_KEY="$(session_key)" \
  MEDIAWIKI_OAUTH_OAUTH1_CALLBACK_URL="http://127.0.0.1:$demo_port/oauth-callback" \
  java -Xmx512m "${pool_args[@]}" "${demo_jfr[@]}" -jar "$demo_jar" --server.port="$demo_port" "${demo_args[@]}" \
  > "$out/demo.log" 2>&1 & pids+=($!); demo_pid=$!
env "${redis_env[@]}" MEDIAWIKI_OAUTH_WIKI="$script2" MEDIAWIKI_OAUTH_OAUTH2_CLIENT_ID="$client2_id" \
  MEDIAWIKI_OAUTH_OAUTH2_CLIENT_SECRET="$client2_secret" MEDIAWIKI_OAUTH_SESSION_KEY="$(session_key)" \
  java -Xmx512m "${pool_args[@]}" -jar "$demo_jar" --server.port="$demo2_port" "${demo_args[@]}" \
  > "$out/demo2.log" 2>&1 & pids+=($!); demo2_pid=$!
java -Xmx512m "${pool_args[@]}" -cp "$cp_" io.github.mwoauth.benchmarks.LimitApp --port "$limit_port" --api "$api_url" --user "$user" \
  > "$out/limit.log" 2>&1 & pids+=($!); limit_pid=$!
env "${redis_env[@]}" WIKI_API="$api_url" java -Xmx512m "${pool_args[@]}" -jar "$(peer_jar webflux-unsigned)" \
  --server.port="$d2_port" "${boot_args[@]}" > "$out/d2.log" 2>&1 & pids+=($!); d2_pid=$!
env "${redis_env[@]}" WIKI_INDEX="$script_path/index.php" WIKI_API="$api_url" CONSUMER_KEY="$key" \
  CONSUMER_SECRET="$secret" CALLBACK_URL="http://127.0.0.1:$scribe_port/oauth-callback" \
  java -Xmx512m -jar "$(peer_jar mvc-scribejava)" --server.port="$scribe_port" "${boot_args[@]}" \
  > "$out/scribe.log" 2>&1 & pids+=($!); scribe_pid=$!
env "${redis_env[@]}" WIKI_SCRIPT_PATH="$script3" OAUTH2_CLIENT_ID="$client3_id" OAUTH2_CLIENT_SECRET="$client3_secret" \
  java -Xmx512m "${pool_args[@]}" -jar "$(peer_jar security-oauth2)" --server.port="$security_port" "${boot_args[@]}" \
  > "$out/security.log" 2>&1 & pids+=($!); security_pid=$!
flask() { # port worker-class workers log: starts gunicorn, its master's pid in $started
  (cd "$here/load" && WIKI_INDEX="${script_path}/index.php" WIKI_API="$api_url" CONSUMER_KEY="$key" \
    CONSUMER_SECRET="$secret" SECRET_KEY="$(random_hex 32)" \
    exec "$py" -m gunicorn -k "$2" -w "$3" -b "127.0.0.1:$1" --log-level warning flask_app:app) > "$out/$4" 2>&1 &
  started=$!; pids+=($started)
}
# Flask: the sync workers of the benchmark's first rounds (one per core) for (a)-(c); for the latency runs, the usual
# advice for sync workers (2 x cores + 1) and gevent with one worker per core
flask "$flask_port" sync "$cores" flask.log; flask_pid=$started
flask_sync_port=$(free_port)
flask "$flask_sync_port" sync $((2 * cores + 1)) flask-sync.log; flask_sync_pid=$started
flask "$gevent_port" gevent "$cores" flask-gevent.log; gevent_pid=$started
for url in "$demo_port/" "$demo2_port/" "$limit_port/test_query" "$d2_port/" "$scribe_port/" "$security_port/" \
    "$flask_port/" "$flask_sync_port/" "$gevent_port/"; do
  wait_for "http://127.0.0.1:$url" 180
done
log "servers up: redis $redis_port wikis ${wiki_port[w1]} ${wiki_port[w2]} ${wiki_port[w3]} demo $demo_port"

rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
login() { "$py" "$here/load/login.py" "http://127.0.0.1:$1" /login; }
seed() { curl -s -D - -o /dev/null "http://127.0.0.1:$d2_port/seed?user=$user" | tr -d '\r' \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(SESSION=[^;]*\).*/\1/p'; }
demo_cookie=$(login "$demo_port"); flask_cookie=$(login "$flask_port"); d2_cookie=$(seed)
demo2_cookie=$(login "$demo2_port"); security_cookie=$(login "$security_port")

# Redis bytes per logged-in session: every key naming the demo session's id
echo "demo cookie: $demo_cookie" > "$out/cookies.txt"; echo "flask cookie: $flask_cookie" >> "$out/cookies.txt"
session_id=$(echo "$demo_cookie" | tr ';' '\n' | sed -n 's/^ *SESSION=//p')
[ -n "$session_id" ] || { echo "no SESSION cookie from the demo: $demo_cookie" >&2; exit 1; }
rcli --scan > "$out/redis-keys-after-login.txt"
session_bytes=0
for k in $(rcli --scan --pattern "*${session_id}*"); do
  session_bytes=$((session_bytes + $(rcli memory usage "$k")))
done
echo "session_keys=$(rcli --scan --pattern "*${session_id}*" | tr '\n' ' ')" > "$out/redis-session.txt"
echo "session_bytes=$session_bytes" >> "$out/redis-session.txt"

tree_pids() { echo "$1"; pgrep -P "$1" || true; }
proc_ticks() { # pid tree -> utime+stime ticks
  local t=0 p
  for p in $(tree_pids "$1"); do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
proc_status_sum() { # pid field (VmRSS, Threads)
  local r=0 p
  for p in $(tree_pids "$1"); do
    [ -r "/proc/$p/status" ] && r=$((r + $(awk -v f="$2:" '$1 == f {print $2}' "/proc/$p/status")))
  done
  echo "$r"
}
commandstats() { rcli info commandstats | awk -F'[:=,]' '/^cmdstat_/ && !/^cmdstat_info:/ {print $1, $3}'; }

peak_watch() { # pid file: the highest RSS (kB) and thread count of the tree, every 0.2 s, until killed
  local rss=0 threads=0 r t
  while :; do
    r=$(proc_status_sum "$1" VmRSS); t=$(proc_status_sum "$1" Threads)
    [ "$r" -gt "$rss" ] && rss=$r; [ "$t" -gt "$threads" ] && threads=$t
    echo "peak_rss_kb=$rss peak_threads=$threads" > "$2"
    sleep 0.2
  done
}

# warm name pid url cookie connections min_seconds max_seconds: load in windows until the side is steady. A JVM
# compiles its request path for a minute or more under load on 2 cores (its one C2 thread competes with the load),
# and until then each request costs it several times its steady CPU. Steady: two windows in a row each within 3 %
# of the rate before (or 5 req/s), with fewer than 80 methods compiled in each (gunicorn, without jstat, by its
# rate alone).
warm() {
  local name=$1 pid=$2 url=$3 cookie=$4 c=$5 min=$6 max=$7 t=0 prev=0 compiled=-1 steady=0 rate now delta
  : > "$out/warm-$name.txt"
  while :; do
    rate=$(BENCH_COOKIE="$cookie" wrk -t2 -c"$c" -d"${warm_window}s" -s "$here/load/cookie.lua" "$url" 2>/dev/null \
      | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' || true)
    rate=${rate:-0}; t=$((t + warm_window))
    now=$(jstat -compiler "$pid" 2>/dev/null | awk 'NR == 2 {print $1}' || true); now=${now:-0}
    delta=$((compiled < 0 ? 1000000 : now - compiled)); compiled=$now
    if awk -v r="$rate" -v p="$prev" 'BEGIN {d = r - p; if (d < 0) d = -d; exit !(d <= 0.03 * p || d <= 5)}' \
        && [ "$delta" -lt 80 ]; then
      steady=$((steady + 1))
    else
      steady=0
    fi
    echo "$t s: $rate req/s, $( [ "$delta" -ge 1000000 ] && echo - || echo "$delta") compiled" >> "$out/warm-$name.txt"
    prev=$rate
    if { [ "$steady" -ge 2 ] && [ "$t" -ge "$min" ]; } || [ "$t" -ge "$max" ]; then break; fi
  done
  echo "$t" > "$out/warm-seconds-$name.txt"
}

# scenario name pid url cookie [connections warmup_min warmup_max duration wiki]
scenario() {
  local name=$1 pid=$2 url=$3 cookie=$4 c=${5:-$conns} wu=${6:-$warmup} wmax=${7:-$warm_max} d=${8:-$duration}
  local wiki=${9:-w1} t0 t1 w0 w1 s0 s1 watch wpid
  wpid=${wiki_pid[$wiki]}
  warm "$name" "$pid" "$url" "$cookie" "$c" "$wu" "$wmax"
  commandstats > "$out/redis-before-$name.txt"; t0=$(proc_ticks "$pid"); w0=$(proc_ticks "$wpid")
  peak_watch "$pid" "$out/peak-$name.txt" & watch=$!
  s0=$(date +%s.%N)
  BENCH_COOKIE="$cookie" wrk -t2 -c"$c" -d"$d" --timeout 2s --latency -s "$here/load/cookie.lua" "$url" \
    > "$out/wrk-$name.txt" 2>&1
  s1=$(date +%s.%N); t1=$(proc_ticks "$pid"); w1=$(proc_ticks "$wpid"); commandstats > "$out/redis-after-$name.txt"
  kill "$watch" 2>/dev/null; wait "$watch" 2>/dev/null || true
  # per-command deltas: "cmdstat_hgetall 1234"
  awk 'NR == FNR {b[$1] = $2; next} {d = $2 - b[$1]; if (d) print $1, d}' "$out/redis-before-$name.txt" \
    "$out/redis-after-$name.txt" > "$out/redis-delta-$name.txt"
  { echo "cpu_ticks=$((t1 - t0))"; echo "wiki_cpu_ticks=$((w1 - w0))"; echo "clk_tck=$(getconf CLK_TCK)"
    echo "seconds=$(awk "BEGIN {print $s1 - $s0}")"
    echo "redis_calls=$(awk '{s += $2} END {print s + 0}' "$out/redis-delta-$name.txt")"
    echo "rss_kb=$(proc_status_sum "$pid" VmRSS)"; echo "threads=$(proc_status_sum "$pid" Threads)"
    echo "warm_seconds=$(cat "$out/warm-seconds-$name.txt")"
    tr ' ' '\n' < "$out/peak-$name.txt"; } > "$out/proc-$name.txt"
  log "scenario $name done"
}
fixed_rate() { # name url cookie rate
  java -Xmx512m -cp "$cp_" io.github.mwoauth.benchmarks.FixedRateLoad --url "$2" --cookie "$3" --rate "$4" \
    --seconds "$fixed_seconds" --warmup-seconds "$fixed_warmup" --connections "$lat_conns" > "$out/fixed-$1.txt" 2>&1
  log "fixed rate $1 at $4/s done"
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$out/wrk-$1.txt"; }
seventy_percent_of_slower() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN {m = a < b ? a : b; r = 0.7 * m; print (r < 1 ? 1 : r)}'; }

# --- zero latency ---
# the baseline's cookie jar may hold the wiki's cookies too; both apps ignore those
scenario demo_a "$demo_pid" "http://127.0.0.1:$demo_port/" "$demo_cookie"
scenario demo_b "$demo_pid" "http://127.0.0.1:$demo_port/test_query" "$demo_cookie"
scenario limit_d "$limit_pid" "http://127.0.0.1:$limit_port/test_query" ""
scenario d2_b "$d2_pid" "http://127.0.0.1:$d2_port/test_query" "$d2_cookie"
scenario flask_a "$flask_pid" "http://127.0.0.1:$flask_port/" "$flask_cookie"
scenario flask_b "$flask_pid" "http://127.0.0.1:$flask_port/test_query" "$flask_cookie"
scenario flask_c "$flask_pid" "http://127.0.0.1:$flask_port/mwoauth/initiate/" ""
scenario demo2_b "$demo2_pid" "http://127.0.0.1:$demo2_port/test_query" "$demo2_cookie" "$conns" "$warmup" \
  "$warm_max" "$duration" w2
scenario security_b "$security_pid" "http://127.0.0.1:$security_port/test_query" "$security_cookie" "$conns" \
  "$warmup" "$warm_max" "$duration" w3
scenario demo_c "$demo_pid" "http://127.0.0.1:$demo_port/login" ""

if [ "$profile" = 1 ]; then
  jcmd "$demo_pid" JFR.stop name=1 > /dev/null 2>&1 || true
fi

# --- api.php answering late, at many connections ---
lat_args=("$lat_conns" "$lat_warmup" "$lat_warm_max" "$lat_duration")
api_query="list=usercontribs&ucuser=$user&uclimit=50&format=json&formatversion=2"
for lat in "${latencies[@]}"; do
  restart_wikis "$lat"
  demo_cookie=$(login "$demo_port"); demo2_cookie=$(login "$demo2_port"); security_cookie=$(login "$security_port")
  scribe_cookie=$(login "$scribe_port"); sync_cookie=$(login "$flask_sync_port"); gevent_cookie=$(login "$gevent_port")
  log "latency $lat ms: logged in again"
  scenario "wiki_l$lat" "${wiki_pid[w1]}" "${api_url}?action=query&$api_query" "" "${lat_args[@]}"
  scenario "limit_l$lat" "$limit_pid" "http://127.0.0.1:$limit_port/test_query" "" "${lat_args[@]}"
  scenario "d2_l$lat" "$d2_pid" "http://127.0.0.1:$d2_port/test_query" "$d2_cookie" "${lat_args[@]}"
  scenario "demo_l$lat" "$demo_pid" "http://127.0.0.1:$demo_port/test_query" "$demo_cookie" "${lat_args[@]}"
  scenario "sync_l$lat" "$flask_sync_pid" "http://127.0.0.1:$flask_sync_port/test_query" "$sync_cookie" "${lat_args[@]}"
  scenario "gevent_l$lat" "$gevent_pid" "http://127.0.0.1:$gevent_port/test_query" "$gevent_cookie" "${lat_args[@]}"
  scenario "scribe_l$lat" "$scribe_pid" "http://127.0.0.1:$scribe_port/test_query" "$scribe_cookie" "${lat_args[@]}"
  scenario "demo2_l$lat" "$demo2_pid" "http://127.0.0.1:$demo2_port/test_query" "$demo2_cookie" "${lat_args[@]}" w2
  scenario "security_l$lat" "$security_pid" "http://127.0.0.1:$security_port/test_query" "$security_cookie" \
    "${lat_args[@]}" w3
  if [ "$lat" = "${latencies[0]}" ]; then # open-loop runs, pair by pair, at 70 % of the slower side's rate
    # sync workers answer almost nothing at 1,000 connections: their rate is taken with one connection per worker
    scenario "sync_own_l$lat" "$flask_sync_pid" "http://127.0.0.1:$flask_sync_port/test_query" "$sync_cookie" \
      $((2 * cores + 1)) "$lat_warmup" "$lat_warm_max" "$lat_duration"
    for peer in sync gevent scribe; do
      if [ "$peer" = sync ]; then
        rate=$(seventy_percent_of_slower "demo_l$lat" "sync_own_l$lat")
      else
        rate=$(seventy_percent_of_slower "demo_l$lat" "${peer}_l$lat")
      fi
      fixed_rate "demo_vs_${peer}" "http://127.0.0.1:$demo_port/test_query" "$demo_cookie" "$rate"
      case $peer in
        sync) fixed_rate sync "http://127.0.0.1:$flask_sync_port/test_query" "$sync_cookie" "$rate" ;;
        gevent) fixed_rate gevent "http://127.0.0.1:$gevent_port/test_query" "$gevent_cookie" "$rate" ;;
        scribe) fixed_rate scribe "http://127.0.0.1:$scribe_port/test_query" "$scribe_cookie" "$rate" ;;
      esac
    done
    rate=$(seventy_percent_of_slower "demo2_l$lat" "security_l$lat")
    fixed_rate demo2_vs_security "http://127.0.0.1:$demo2_port/test_query" "$demo2_cookie" "$rate"
    fixed_rate security "http://127.0.0.1:$security_port/test_query" "$security_cookie" "$rate"
  fi
done
echo "latencies=${latencies[*]}" > "$out/latencies.txt"

# --- footprint: the demo alone under a small container's limits (1 CPU, 512 MiB), from a cold start ---
restart_wikis 0
for p in $demo2_pid $limit_pid $d2_pid $scribe_pid $security_pid $flask_pid $flask_sync_pid $gevent_pid; do
  stop_tree "$p"
done
stop_tree "$demo_pid"
# shellcheck source=load/footprint.sh
. "$here/load/footprint.sh"

if [ "$smoke" = 1 ]; then wait "$side_pid"; fi
cleanup; pids=()
if [ "$profile" = 1 ] && [ -s "$out/demo.jfr" ]; then # top frames of the demo's CPU samples
  jfr print --events jdk.ExecutionSample "$out/demo.jfr" | awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/line:.*/, ""); n[$0]++} END {for (f in n) print n[f], f}' | sort -rn | awk 'NR <= 40' > "$out/demo-hot.txt"
  "$py" "$here/load/jfr_scenarios.py" "$out" > "$out/demo-profile.txt" || true # each scenario on its own
fi
if [ "$smoke" = 0 ]; then side; fi

{ echo "machine: $(nproc) cores, $(free -h | awk '/^Mem/ {print $2}') RAM, $(java -version 2>&1 | head -1)"
  echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$out/machine.txt"
"$py" "$here/load/table.py" "$out" "$smoke"
