#!/usr/bin/env bash
# From a cold start, (b) /test_query of the demo and of the same-stack limit (d2), each in turn, with api.php
# answering late: req/s, p50 and p99 of each consecutive window, and the CPU the JVM's JIT compiler threads used
# by then. Shows how long a freshly started instance takes to reach its steady rate.
#   benchmarks/warmup.sh [latency_ms=100] [connections=256] [windows=18] [window_seconds=5] [java flags...]
# Needs what run.sh needs; builds nothing (run run.sh once first, or mvn -q -B -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
latency=${1:-100}; conns=${2:-256}; windows=${3:-18}; window=${4:-5}
shift $(($# < 4 ? $# : 4))
java_flags=("$@")
py=/usr/bin/python3
cp_="$here/target/benchmarks.jar"
demo_jar=$(ls "$root"/samples/demo/target/mwoauth-demo-*.jar | head -1)
d2_jar=$(ls "$here"/peers/webflux-unsigned/target/mwoauth-peer-webflux-unsigned-*.jar | grep -v original | head -1)
out=$(mktemp -d /tmp/mwoauth-warmup.XXXXXX)
pids=()
cleanup() { local p; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
hex() { "$py" -c "import secrets; print(secrets.token_hex($1))"; }
redis_port=$(free_port); wiki_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$out" > "$out/redis.log" 2>&1 &
pids+=($!)
key=$(hex 16); secret=$(hex 20)
java -Xmx384m -cp "$cp_" io.github.mwoauth.testkit.LocalWikiMain --port "$wiki_port" --callback "http://127.0.0.1:" \
  --consumer-key "$key" --consumer-secret "$secret" --user Alice --contributions 50 --api-latency "$latency" \
  > "$out/wiki.log" 2>&1 & pids+=($!)
until grep -q '^ready' "$out/wiki.log"; do sleep 0.1; done
script_path=$(sed -n 's/^script.path=//p' "$out/wiki.log"); api_url=$(sed -n 's/^api.url=//p' "$out/wiki.log")
# the wiki warms up first, on its own, so that only the side under test starts cold
wrk -t2 -c"$conns" -d20s "${api_url}?action=query&list=usercontribs&ucuser=Alice&uclimit=50&format=json" > /dev/null

jit_seconds() { # CPU seconds of the JVM's compiler threads
  local t total=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm")" in C1\ Compil*|C2\ Compil*) total=$((total + $(awk '{print $14 + $15}' "$t/stat"))) ;; esac
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}'
}
windows_of() { # name pid url cookie
  local i
  printf '%s: window, req/s, p50 ms, p99 ms, timeouts, JIT CPU s so far\n' "$1"
  for ((i = 1; i <= windows; i++)); do
    BENCH_COOKIE="$4" wrk -t2 -c"$conns" -d"${window}s" --timeout 2s --latency -s "$here/load/cookie.lua" "$3" \
      > "$out/w.txt" 2>&1 || true
    printf '%s %d %s %s %s %s %s\n' "$1" "$i" "$(sed -n 's/^Requests\/sec: *//p' "$out/w.txt")" \
      "$(awk '$1 == "50%" {print $2}' "$out/w.txt")" "$(awk '$1 == "99%" {print $2}' "$out/w.txt")" \
      "$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$out/w.txt" | grep . || echo 0)" "$(jit_seconds "$2")"
  done
}

port=$(free_port)
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$redis_port" MEDIAWIKI_OAUTH_WIKI="$script_path" \
  MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" \
  MEDIAWIKI_OAUTH_SESSION_KEY="$("$py" -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())")" \
  MEDIAWIKI_OAUTH_OAUTH1_CALLBACK_URL="http://127.0.0.1:$port/oauth-callback" \
  java -Xmx512m "${java_flags[@]}" -jar "$demo_jar" --server.port="$port" --server.address=127.0.0.1 \
  --logging.level.root=WARN --management.observations.enable.all=false --management.metrics.enable.all=false \
  > "$out/demo.log" 2>&1 & demo_pid=$!; pids+=($demo_pid)
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done
cookie=$("$py" "$here/load/login.py" "http://127.0.0.1:$port" /login)
windows_of demo "$demo_pid" "http://127.0.0.1:$port/test_query" "$cookie"
kill "$demo_pid"

port=$(free_port)
SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$redis_port" WIKI_API="$api_url" \
  java -Xmx512m "${java_flags[@]}" -jar "$d2_jar" --server.port="$port" --server.address=127.0.0.1 \
  --logging.level.root=WARN > "$out/d2.log" 2>&1 & d2_pid=$!; pids+=($d2_pid)
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null "http://127.0.0.1:$port/seed?user=Alice" | tr -d '\r' \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(SESSION=[^;]*\).*/\1/p')
windows_of d2 "$d2_pid" "http://127.0.0.1:$port/test_query" "$cookie"
