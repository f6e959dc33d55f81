#!/usr/bin/env bash
# Runs every benchmark of issue 5 side by side on this machine and prints one table.
#   benchmarks/run.sh           full run (about 6 minutes)
#   benchmarks/run.sh --smoke   a few seconds per scenario (CI: BenchmarksSmokeTests)
#   benchmarks/run.sh --profile full run; the demo records JFR (demo.jfr, hot methods in demo-hot.txt, and per
#                               scenario (a), (b) and (c): threads, leaf and library frames in demo-profile.txt)
# Needs: Java 17, Maven (to build missing jars), Debian's wrk, redis-server, python3-mwoauth, python3-flask,
# python3-gunicorn. Everything binds 127.0.0.1 on free ports and is stopped on exit.
# Env: BENCH_CP (classpath instead of benchmarks/target/benchmarks.jar), DEMO_JAR, BENCH_OUT (raw outputs).
# The jars are built only when missing: after changing the code, build them with `mvn -q -B -DskipTests clean
# package` (a plain package keeps the demo jar, with its old library jars, when the demo's own classes are unchanged).
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
  duration=1s; warmup=1s; conns=16; jmh=(-f 0 -wi 0 -i 1 -r 200ms); probe=(200 200)
else
  duration=15s; warmup=5s; conns=64; jmh=(); probe=(10000 2000)
fi
py=/usr/bin/python3
cores=$(nproc)

if [ -z "${BENCH_CP:-}" ] || [ -z "${DEMO_JAR:-}" ]; then
  if [ ! -f "$here/target/benchmarks.jar" ] || ! ls "$root"/samples/demo/target/mwoauth-demo-*.jar >/dev/null 2>&1; then
    (cd "$root" && mvn -q -B -DskipTests package)
  fi
fi
cp_="${BENCH_CP:-$here/target/benchmarks.jar}"
demo_jar="${DEMO_JAR:-$(ls "$root"/samples/demo/target/mwoauth-demo-*.jar | head -1)}"

out="${BENCH_OUT:-$(mktemp -d /tmp/mwoauth-bench.XXXXXX)}"
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
pids=()
cleanup() {
  local p i
  for p in "${pids[@]}"; do
    for c in $(pgrep -P "$p" 2>/dev/null || true); do kill "$c" 2>/dev/null || true; done # e.g. side's java
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    for ((i = 0; i < 100; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
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
        time.sleep(0.1)
sys.exit("not up: " + sys.argv[1])
PY
}
random_hex() { "$py" -c "import secrets; print(secrets.token_hex($1))"; }
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

# --- servers ---
redis_port=$(free_port); wiki_port=$(free_port); demo_port=$(free_port); limit_port=$(free_port); flask_port=$(free_port)
mkdir -p "$out/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$out/redis" \
  > "$out/redis.log" 2>&1 & pids+=($!)
key=$(random_hex 16); secret=$(random_hex 20)
java -Xmx256m -cp "$cp_" io.github.mwoauth.testkit.LocalWikiMain --port "$wiki_port" --callback "http://127.0.0.1:" \
  --consumer-key "$key" --consumer-secret "$secret" --user Alice > "$out/wiki.log" 2>&1 & pids+=($!)
wiki_pid=$!
for ((i = 0; i < 600; i++)); do grep -q '^ready' "$out/wiki.log" && break; sleep 0.1; done
grep -q '^ready' "$out/wiki.log" || { cat "$out/wiki.log" >&2; exit 1; }
script_path=$(sed -n 's/^script.path=//p' "$out/wiki.log"); api_url=$(sed -n 's/^api.url=//p' "$out/wiki.log")
user=$(sed -n 's/^user=//p' "$out/wiki.log")

demo_jfr=()
[ "$profile" = 1 ] && demo_jfr=(-XX:StartFlightRecording=filename="$out/demo.jfr",settings=profile)
MEDIAWIKI_OAUTH_WIKI="$script_path" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" \
  MEDIAWIKI_OAUTH_SESSION_KEY="$("$py" -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())")" \
  MEDIAWIKI_OAUTH_OAUTH1_CALLBACK_URL="http://127.0.0.1:$demo_port/oauth-callback" \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$redis_port" \
 java -Xmx512m "${demo_jfr[@]}" -jar "$demo_jar" --server.port="$demo_port" --server.address=127.0.0.1 \
  --logging.level.root=WARN > "$out/demo.log" 2>&1 & pids+=($!)
demo_pid=$!
java -Xmx512m -cp "$cp_" io.github.mwoauth.benchmarks.LimitApp --port "$limit_port" --api "$api_url" --user "$user" \
  > "$out/limit.log" 2>&1 & pids+=($!)
limit_pid=$!
(cd "$here/load" && WIKI_INDEX="${script_path}/index.php" WIKI_API="$api_url" CONSUMER_KEY="$key" \
  CONSUMER_SECRET="$secret" SECRET_KEY="$(random_hex 32)" \
  exec "$py" -m gunicorn -w "$cores" -b "127.0.0.1:$flask_port" --log-level warning flask_app:app) \
  > "$out/flask.log" 2>&1 & pids+=($!)
flask_pid=$!
wait_for "http://127.0.0.1:$demo_port/" 120; wait_for "http://127.0.0.1:$limit_port/test_query" 60
wait_for "http://127.0.0.1:$flask_port/" 60
log "servers up: redis $redis_port wiki $wiki_port demo $demo_port limit $limit_port flask $flask_port"

rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
demo_cookie=$("$py" "$here/load/login.py" "http://127.0.0.1:$demo_port" /login)
flask_cookie=$("$py" "$here/load/login.py" "http://127.0.0.1:$flask_port" /login)

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

proc_ticks() { # pid tree -> utime+stime ticks
  local t=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
proc_rss_kb() {
  local r=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/status" ] && r=$((r + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status")))
  done
  echo "$r"
}
commandstats() { rcli info commandstats | awk -F'[:=,]' '/^cmdstat_/ && !/^cmdstat_info:/ {print $1, $3}'; }

scenario() { # name pid url cookie
  local name=$1 pid=$2 url=$3 cookie=$4 t0 t1 w0 w1 c0 c1 s0 s1
  BENCH_COOKIE="$cookie" wrk -t2 -c"$conns" -d"$warmup" -s "$here/load/cookie.lua" "$url" > /dev/null 2>&1 || true
  commandstats > "$out/redis-before-$name.txt"; t0=$(proc_ticks "$pid"); w0=$(proc_ticks "$wiki_pid")
  s0=$(date +%s.%N)
  BENCH_COOKIE="$cookie" wrk -t2 -c"$conns" -d"$duration" --latency -s "$here/load/cookie.lua" "$url" \
    > "$out/wrk-$name.txt" 2>&1
  s1=$(date +%s.%N); t1=$(proc_ticks "$pid"); w1=$(proc_ticks "$wiki_pid"); commandstats > "$out/redis-after-$name.txt"
  # per-command deltas: "cmdstat_hgetall 1234"
  awk 'NR == FNR {b[$1] = $2; next} {d = $2 - b[$1]; if (d) print $1, d}' "$out/redis-before-$name.txt" \
    "$out/redis-after-$name.txt" > "$out/redis-delta-$name.txt"
  c0=0; c1=$(awk '{s += $2} END {print s + 0}' "$out/redis-delta-$name.txt")
  { echo "cpu_ticks=$((t1 - t0))"; echo "wiki_cpu_ticks=$((w1 - w0))"; echo "clk_tck=$(getconf CLK_TCK)"; echo "seconds=$(awk "BEGIN {print $s1 - $s0}")"
    echo "redis_calls=$((c1 - c0))"; echo "rss_kb=$(proc_rss_kb "$pid")"; } > "$out/proc-$name.txt"
  log "scenario $name done"
}
# the baseline's cookie jar may hold the wiki's cookies too; both apps ignore those
scenario demo_a "$demo_pid" "http://127.0.0.1:$demo_port/" "$demo_cookie"
scenario demo_b "$demo_pid" "http://127.0.0.1:$demo_port/test_query" "$demo_cookie"
scenario limit_d "$limit_pid" "http://127.0.0.1:$limit_port/test_query" ""
scenario flask_a "$flask_pid" "http://127.0.0.1:$flask_port/" "$flask_cookie"
scenario flask_b "$flask_pid" "http://127.0.0.1:$flask_port/test_query" "$flask_cookie"
scenario flask_c "$flask_pid" "http://127.0.0.1:$flask_port/mwoauth/initiate/" ""
scenario demo_c "$demo_pid" "http://127.0.0.1:$demo_port/login" ""


if [ "$smoke" = 1 ]; then wait "$side_pid"; fi
if [ "$profile" = 1 ]; then
  jcmd "$demo_pid" JFR.stop name=1 > /dev/null 2>&1 || true
fi
cleanup; pids=()
if [ "$profile" = 1 ] && [ -s "$out/demo.jfr" ]; then # top frames of the demo's CPU samples
  jfr print --events jdk.ExecutionSample "$out/demo.jfr" | awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/line:.*/, ""); n[$0]++} END {for (f in n) print n[f], f}' | sort -rn | awk 'NR <= 40' > "$out/demo-hot.txt"
  "$py" "$here/load/jfr_scenarios.py" "$out" > "$out/demo-profile.txt" || true # each scenario on its own
fi
if [ "$smoke" = 0 ]; then side; fi

{ echo "machine: $(nproc) cores, $(free -h | awk '/^Mem/ {print $2}') RAM, $(java -version 2>&1 | head -1)"
  echo "load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$out/machine.txt"
"$py" "$here/load/table.py" "$out" "$smoke"
