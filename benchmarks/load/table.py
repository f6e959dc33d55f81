"""Reads run.sh's raw outputs and prints the one results table (markdown).

Usage: table.py <output dir> <smoke 0|1>
Every row has numbers in "ours" (and in "other" where there is a comparison); "met" is yes/NO/info.
"""
import csv
import os
import re
import sys

out, smoke = sys.argv[1], sys.argv[2] == "1"


def read(name):
    with open(os.path.join(out, name)) as f:
        return f.read()


def kv(name):
    return dict(line.split("=", 1) for line in read(name).splitlines() if "=" in line)


def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(name):
    text = read("wrk-" + name + ".txt")
    proc = kv("proc-" + name + ".txt")
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    seconds = float(proc["seconds"])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)),
        "p99": ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)),
        "cpu": 100.0 * int(proc["cpu_ticks"]) / int(proc["clk_tck"]) / seconds,
        "wiki_cpu": 100.0 * int(proc.get("wiki_cpu_ticks", 0)) / int(proc["clk_tck"]) / seconds,
        "rss": int(proc["rss_kb"]) / 1024.0,
        "bad": (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0),
        "requests": requests,
        "redis": int(proc["redis_calls"]) / max(requests, 1),
    }


rows = []


def row(measure, ours, other, ratio, target, met, fmt="{:,.1f}"):
    f = lambda v: "" if v is None else (fmt.format(v) if isinstance(v, (int, float)) else str(v))
    rows.append([measure, f(ours), f(other), "" if ratio is None else "{:.2f}".format(ratio), target,
                 met if isinstance(met, str) else ("yes" if met else "NO")])


# 1. signing
scores, alloc = {}, {}
with open(os.path.join(out, "jmh.csv")) as f:
    for r in csv.DictReader(f):
        bench = r["Benchmark"].split("SigningBenchmark.", 1)[-1]
        if bench.endswith(":gc.alloc.rate.norm"):
            alloc[bench.split(":")[0]] = float(r["Score"])
        elif ":" not in bench:
            scores[bench] = float(r["Score"])
ours, scribe, floor = scores["mwoauth"], scores["scribejava"], scores["floor"]
row("1 signing ops/ms: mwoauth vs scribejava", ours, scribe, ours / scribe, ">= 3x", ours / scribe >= 3)
row("1 signing ops/ms: mwoauth vs HMAC floor", ours, floor, floor / ours, "floor/ours <= 2", floor / ours <= 2)
row("1 signing B/op: mwoauth vs scribejava", alloc["mwoauth"], alloc["scribejava"],
    alloc["mwoauth"] / alloc["scribejava"], "", "info")
row("1 signing B/op: HMAC floor", alloc["floor"], None, None, "", "info")

# 2. load
w = {n: wrk(n) for n in ("demo_a", "demo_b", "demo_c", "limit_d", "flask_a", "flask_b", "flask_c")}
for key, label in (("a", "(a) / logged in"), ("b", "(b) /test_query"), ("c", "(c) /login")):
    us, them = w["demo_" + key], w["flask_" + key]
    target = ">= 10x" if key in "bc" else ""
    row("2 " + label + " req/s: us vs Flask", us["rps"], them["rps"], us["rps"] / them["rps"], target,
        us["rps"] / them["rps"] >= 10 if target else "info")
    row("2 " + label + " p50 ms: us vs Flask", us["p50"], them["p50"], us["p50"] / them["p50"], "", "info", "{:,.2f}")
    row("2 " + label + " p99 ms: us vs Flask", us["p99"], them["p99"], us["p99"] / them["p99"],
        "<= 0.20" if target else "", us["p99"] / them["p99"] <= 0.2 if target else "info", "{:,.2f}")
    row("2 " + label + " CPU %: us vs Flask", us["cpu"], them["cpu"], None, "", "info")
    row("2 " + label + " LocalWiki CPU % (the same wiki): us vs Flask", us["wiki_cpu"], them["wiki_cpu"], None, "",
        "info")
    row("2 " + label + " RSS MB: us vs Flask", us["rss"], them["rss"], None, "", "info")
    row("2 " + label + " errors (non-2xx/3xx, socket): us vs Flask", us["bad"], them["bad"], None, "0",
        us["bad"] == 0, "{:,.0f}")
d = w["limit_d"]
row("2 (b) vs (d) limit req/s", w["demo_b"]["rps"], d["rps"], w["demo_b"]["rps"] / d["rps"], ">= 0.90",
    w["demo_b"]["rps"] / d["rps"] >= 0.9)
row("2 (d) limit p50 / p99 ms", d["p50"], d["p99"], None, "", "info", "{:,.2f}")
row("2 (d) limit CPU % / RSS MB", d["cpu"], d["rss"], None, "", "info")
row("2 LocalWiki CPU %: during (b) vs during (d)", w["demo_b"]["wiki_cpu"], d["wiki_cpu"], None, "", "info")

# 3. concurrency
probe = dict(p.split("=", 1) for p in read("probe.txt").split() if "=" in p and not p.startswith("SLF4J"))
calls, done = int(probe["calls"]), int(probe["completed"])
row("3 calls completed / in flight (latency {} ms)".format(probe["latency_ms"]), done, calls, done / calls, "all",
    done == calls, "{:,.0f}")
row("3 peak heap MB (client JVM, -Xmx256m) / elapsed s", float(probe["peak_heap_mb"]),
    int(probe["elapsed_ms"]) / 1000.0, None, "< 256 MB", float(probe["peak_heap_mb"]) < 256)
row("3 peak threads / threads before", int(probe["peak_threads"]), int(probe["threads_before"]), None,
    "no thread per request", int(probe["peak_threads"]) < int(probe["threads_before"]) + 50, "{:,.0f}")

# 4. redis
session = kv("redis-session.txt")
row("4 Redis bytes per logged-in session (MEMORY USAGE)", int(session["session_bytes"]), None, None, "<= 1024",
    0 < int(session["session_bytes"]) <= 1024, "{:,.0f}")
for key in ("a", "b"):
    r = w["demo_" + key]["redis"]
    row("4 Redis commands per request ({})".format(key), r, None, None, "<= 2", r <= 2, "{:,.2f}")

print(read("machine.txt").strip())
print("mode: " + ("SMOKE (numbers not meaningful)" if smoke else "full"))
print()
header = ["measure", "ours", "other", "ratio", "target", "met"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for r in rows:
    print("| " + " | ".join(r) + " |")
