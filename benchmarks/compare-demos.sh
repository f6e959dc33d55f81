#!/usr/bin/env bash
# Measures one load scenario on two or more demo jars, alternately, to tell a change from this machine's noise.
#   benchmarks/compare-demos.sh PATH ROUNDS DEMO_JAR...     e.g. benchmarks/compare-demos.sh / 3 old.jar new.jar
# Per jar and round: redis-server, a standalone LocalWiki and the demo on loopback, a login, then wrk
# -t2 -c64 for 5 s of warm-up and 10 s measured on PATH with the session cookie; prints req/s and the demo's CPU %.
# Needs what run.sh needs, and benchmarks/target/benchmarks.jar (for LocalWiki).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 3 ] || { echo "usage: $0 PATH ROUNDS DEMO_JAR..." >&2; exit 2; }
path=$1; rounds=$2; shift 2
py=/usr/bin/python3
cp_="$here/target/benchmarks.jar"
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
random_hex() { "$py" -c "import secrets; print(secrets.token_hex($1))"; }

measure() { # demo jar
  local jar=$1 out rp wp dp key secret pids=() t0 t1 i
  out=$(mktemp -d /tmp/mwoauth-compare.XXXXXX)
  rp=$(free_port); wp=$(free_port); dp=$(free_port); key=$(random_hex 16); secret=$(random_hex 20)
  redis-server --port "$rp" --bind 127.0.0.1 --save '' --appendonly no --dir "$out" > "$out/redis.log" 2>&1 & pids+=($!)
  java -Xmx256m -cp "$cp_" io.github.mwoauth.testkit.LocalWikiMain --port "$wp" --callback "http://127.0.0.1:" \
    --consumer-key "$key" --consumer-secret "$secret" --user Alice > "$out/wiki.log" 2>&1 & pids+=($!)
  for ((i = 0; i < 600; i++)); do grep -q '^ready' "$out/wiki.log" && break; sleep 0.1; done
  MEDIAWIKI_OAUTH_WIKI="$(sed -n 's/^script.path=//p' "$out/wiki.log")" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" \
    MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" \
    MEDIAWIKI_OAUTH_SESSION_KEY="$("$py" -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())")" \
    MEDIAWIKI_OAUTH_OAUTH1_CALLBACK_URL="http://127.0.0.1:$dp/oauth-callback" \
    SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$rp" \
    java -Xmx512m -jar "$jar" --server.port="$dp" --server.address=127.0.0.1 --logging.level.root=WARN \
    > "$out/demo.log" 2>&1 & pids+=($!)
  local demo=$!
  for ((i = 0; i < 1200; i++)); do curl -s -o /dev/null "http://127.0.0.1:$dp/" && break; sleep 0.1; done
  local cookie
  cookie=$("$py" "$here/load/login.py" "http://127.0.0.1:$dp" /login)
  BENCH_COOKIE="$cookie" wrk -t2 -c64 -d5s -s "$here/load/cookie.lua" "http://127.0.0.1:$dp$path" > /dev/null 2>&1 || true
  t0=$(awk '{print $14 + $15}' "/proc/$demo/stat")
  BENCH_COOKIE="$cookie" wrk -t2 -c64 -d10s -s "$here/load/cookie.lua" "http://127.0.0.1:$dp$path" > "$out/wrk.txt" 2>&1
  t1=$(awk '{print $14 + $15}' "/proc/$demo/stat")
  printf '%s\t%s req/s\tdemo CPU %s %%\t%s\n' "$jar" "$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")" \
    "$(( (t1 - t0) * 100 / $(getconf CLK_TCK) / 10 ))" "$(grep -E 'Non-2xx|Socket errors' "$out/wrk.txt" | tr '\n' ' ')"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$out"
}

for ((round = 1; round <= rounds; round++)); do
  for jar in "$@"; do measure "$jar"; done
done
