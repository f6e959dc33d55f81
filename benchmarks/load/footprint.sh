# Sourced by run.sh (its functions and variables): the demo alone in a small container's limits, one CPU and
# 512 MiB (what a Toolforge web service gets by default), each configuration from a cold start:
#   default: the JVM's own choices in such a container (ActiveProcessorCount=1, MaxRAM=512m stand for the cgroup
#            limits it would read);
#   small:   the flags the README recommends for it (SMALL_FLAGS below, the one place they are written here);
#   small+cds: the same with a class-data-sharing archive of the application, made by one training start.
# For each: milliseconds from the JVM's launch to the first page served, then (b) under load: req/s, p99, peak RSS.
container_flags=(-XX:ActiveProcessorCount=1 -XX:MaxRAM=512m)
SMALL_FLAGS=(-Xmx64m -Xss256k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=24m -XX:MaxDirectMemorySize=32m
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
small_env=(MALLOC_ARENA_MAX=2)

foot_run() { # name [extra java flags...]: starts the demo on a new port, measures, stops it
  local name=$1 port t0 t1 pid cookie extracted
  shift
  port=$(free_port)
  t0=$(date +%s%N)
  env "${redis_env[@]}" "${foot_env[@]}" MEDIAWIKI_OAUTH_WIKI="$script_path" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" \
    MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" MEDIAWIKI_OAUTH_SESSION_KEY="$(session_key)" \
    MEDIAWIKI_OAUTH_OAUTH1_CALLBACK_URL="http://127.0.0.1:$port/oauth-callback" \
    java "${container_flags[@]}" "$@" -jar "$foot_jar" --server.port="$port" "${demo_args[@]}" \
    > "$out/foot-$name.log" 2>&1 & pid=$!; pids+=($pid)
  until curl -s -o /dev/null -f "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out/foot-$name.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  echo "first_page_ms=$(((t1 - t0) / 1000000))" > "$out/start-$name.txt"
  cookie=$(login "$port")
  scenario "foot_$name" "$pid" "http://127.0.0.1:$port/test_query" "$cookie" "$conns" "$foot_warmup" "$foot_warm_max" \
    "$foot_duration"
  stop_tree "$pid"
}

foot_jar="$demo_jar"; foot_env=()
foot_run default
foot_env=("${small_env[@]}")
foot_run small "${SMALL_FLAGS[@]}"
# the application's class-data-sharing archive (Java 17's dynamic archive) needs the jar extracted to plain jars
extracted="$out/demo-extracted"
rm -rf "$extracted"
java -Djarmode=tools -jar "$demo_jar" extract --destination "$extracted" > "$out/cds-extract.log" 2>&1
foot_jar=$(ls "$extracted"/*.jar | head -1)
env "${redis_env[@]}" MEDIAWIKI_OAUTH_WIKI="$script_path" MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_KEY="$key" \
  MEDIAWIKI_OAUTH_OAUTH1_CONSUMER_SECRET="$secret" MEDIAWIKI_OAUTH_SESSION_KEY="$(session_key)" \
  java "${container_flags[@]}" "${SMALL_FLAGS[@]}" -XX:ArchiveClassesAtExit="$out/demo.jsa" \
  -Dspring.context.exit=onRefresh -jar "$foot_jar" --server.port=0 "${demo_args[@]}" > "$out/cds-train.log" 2>&1 || true
if [ -s "$out/demo.jsa" ]; then
  foot_run small_cds "${SMALL_FLAGS[@]}" -XX:SharedArchiveFile="$out/demo.jsa"
fi
echo "small_flags=${small_env[*]} ${SMALL_FLAGS[*]}" > "$out/footprint.txt"
