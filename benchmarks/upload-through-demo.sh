#!/usr/bin/env bash
# A file uploaded through the running demo (offline mode: its LocalWiki and embedded Redis in the same JVM), as a
# browser does: log in (consent page), then POST the file as multipart/form-data to /upload, which streams it on
# to the wiki in chunks. The demo's heap is capped with -Xmx; its heap in use is sampled with jstat while the
# upload runs. Prints the demo's last progress line (with the SHA-1 the wiki verified), the local SHA-1, the time
# and the peak heap in use.
#   benchmarks/upload-through-demo.sh [megabytes] [uploads at once] [-Xmx]     e.g. 1024 2 128m
# Needs: samples/demo/target/mwoauth-demo-*.jar (mvn -o -q -pl samples/demo -am package -DskipTests), curl, jstat.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mb="${1:-1024}"; uploads="${2:-1}"; xmx="${3:-128m}"
jar="$(ls "$root"/samples/demo/target/mwoauth-demo-*.jar | head -1)"
work="$(mktemp -d /tmp/mwoauth-upload.XXXXXX)"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx"$xmx" -jar "$jar" --server.port="$port" --spring.main.banner-mode=off > "$work/demo.log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null || true; wait $demo 2>/dev/null || true; rm -rf "$work"' EXIT
app="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -s -o /dev/null "$app/" && break; sleep 0.5; done

/usr/bin/python3 - "$work/big.png" "$mb" <<'PY'
import hashlib, random, sys
path, mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1); h = hashlib.sha1()
with open(path, "wb") as f:
    for i in range(mb):
        block = bytearray(rnd.randbytes(1 << 20))
        if i == 0:
            block[0:8] = b"\x89PNG\r\n\x1a\n"
        h.update(block); f.write(block)
print("local sha1=" + h.hexdigest())
PY

login() {  # the consent flow with curl: the app's /login, the wiki's form, Allow, the app's callback
  local jar="$1" consent action fields
  consent=$(curl -s -L -c "$jar" -b "$jar" "$app/login")
  action=$(printf '%s' "$consent" | /usr/bin/python3 -c 'import re,sys; print(re.search(r"<form id=.mw-mwoauth-authorize-form. action=.([^\x27]+).", sys.stdin.read()).group(1))')
  fields=$(printf '%s' "$consent" | /usr/bin/python3 -c '
import html, re, sys, urllib.parse
page = sys.stdin.read()
pairs = [(n, html.unescape(v)) for n, v in re.findall(r"<input type=.hidden. name=.([^\x27]+). value=.([^\x27]*).>", page)]
print(urllib.parse.urlencode(pairs + [("accept", "Allow")]))')
  wiki=$(grep -o 'LocalWiki: http://127.0.0.1:[0-9]*' "$work/demo.log" | head -1 | sed 's/LocalWiki: //')
  curl -s -L -o /dev/null -c "$jar" -b "$jar" --data "$fields" "${wiki%/w}$action"
}

peak=0
sample() { while kill -0 $demo 2>/dev/null; do
  used=$(jstat -gc $demo 2>/dev/null | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
  [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used && echo "$peak" > "$work/peak"
  sleep 0.2; done; }
sample & sampler=$!
start=$(date +%s.%N)
for i in $(seq 1 "$uploads"); do
  login "$work/jar$i"
  curl -s -b "$work/jar$i" -F "filename=Through demo $i.png" -F "size=$(stat -c %s "$work/big.png")" \
      -F "file=@$work/big.png;type=image/png" "$app/upload" > "$work/out$i" &
done
wait $(jobs -p | grep -v "^$sampler$" | grep -v "^$demo$") 2>/dev/null || true
end=$(date +%s.%N)
kill $sampler 2>/dev/null || true
for i in $(seq 1 "$uploads"); do echo "upload $i: $(tail -1 "$work/out$i")"; done
echo "size_mib=$mb uploads=$uploads xmx=$xmx elapsed_s=$(echo "$end - $start" | bc) peak_heap_in_use_mb=$(cat "$work/peak" 2>/dev/null || echo ?)"
