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


def percentile(text, p):
    m = re.search(r"^\s+" + p + r"%\s+(\S+)", text, re.M)
    return ms(m.group(1)) if m else float("nan")


def wrk(name):
    text = read("wrk-" + name + ".txt")
    proc = kv("proc-" + name + ".txt")
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    seconds = float(proc["seconds"])
    cpu_seconds = int(proc["cpu_ticks"]) / int(proc["clk_tck"])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "warm_s": int(proc.get("warm_seconds", "0")),
        "p50": percentile(text, "50"),
        "p99": percentile(text, "99"),
        "cpu_ms_per_request": 1000.0 * cpu_seconds / max(requests, 1),
        "threads": int(proc.get("peak_threads", proc.get("threads", 0))),
        "peak_rss": int(proc.get("peak_rss_kb", proc["rss_kb"])) / 1024.0,
        "timeouts": int(errors.group(4)) if errors else 0,
        "cpu": 100.0 * int(proc["cpu_ticks"]) / int(proc["clk_tck"]) / seconds,
        "wiki_cpu": 100.0 * int(proc.get("wiki_cpu_ticks", 0)) / int(proc["clk_tck"]) / seconds,
        "rss": int(proc["rss_kb"]) / 1024.0,
        "bad": (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0),
        "requests": requests,
        "redis": int(proc["redis_calls"]) / max(requests, 1),
    }


rows = []


def div(a, b):
    return a / b if b else float("inf")


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
d, d2 = w["limit_d"], wrk("d2_b")
b = w["demo_b"]
row("2 (b) vs (d2) same-stack limit req/s", b["rps"], d2["rps"], div(b["rps"], d2["rps"]), ">= 0.90",
    div(b["rps"], d2["rps"]) >= 0.9)
row("2 (b) vs (d) bare limit req/s", b["rps"], d["rps"], div(b["rps"], d["rps"]), ">= 0.35",
    div(b["rps"], d["rps"]) >= 0.35)
row("2 (b) CPU ms per request: us vs (d2)", b["cpu_ms_per_request"], d2["cpu_ms_per_request"],
    div(b["cpu_ms_per_request"], d2["cpu_ms_per_request"]), "ours <= 0.25", b["cpu_ms_per_request"] <= 0.25, "{:,.3f}")
row("2 warm-up s until steady: (b) vs (d2)", b["warm_s"], d2["warm_s"], None, "", "info", "{:,.0f}")
row("2 (a) CPU ms per request: us", w["demo_a"]["cpu_ms_per_request"], None, None, "", "info", "{:,.3f}")
row("2 (d) limit p50 / p99 ms", d["p50"], d["p99"], None, "", "info", "{:,.2f}")
row("2 (d) limit CPU % / RSS MB", d["cpu"], d["rss"], None, "", "info")
row("2 (d2) limit p50 / p99 ms", d2["p50"], d2["p99"], None, "", "info", "{:,.2f}")
row("2 LocalWiki CPU %: during (b) vs during (d)", b["wiki_cpu"], d["wiki_cpu"], None, "", "info")
o2, sec = wrk("demo2_b"), wrk("security_b")
row("2 OAuth 2.0 (b) req/s: us vs Spring Security oauth2Login", o2["rps"], sec["rps"], div(o2["rps"], sec["rps"]),
    ">= 1.5x", div(o2["rps"], sec["rps"]) >= 1.5)
row("2 OAuth 2.0 (b) p99 ms: us vs Spring Security oauth2Login", o2["p99"], sec["p99"], div(o2["p99"], sec["p99"]),
    "<= 1", div(o2["p99"], sec["p99"]) <= 1, "{:,.2f}")
row("2 OAuth 2.0 (b) RSS MB: us vs Spring Security oauth2Login", o2["peak_rss"], sec["peak_rss"], None, "", "info")

# 5. latency: api.php answering late, many connections
latencies = read("latencies.txt").split("=", 1)[1].split()
for lat in latencies:
    first = lat == latencies[0]
    L = lambda n: wrk(n + "_l" + lat)
    us, wiki, lim, lim2 = L("demo"), L("wiki"), L("limit"), L("d2")
    tag = "5 {} ms, (b) ".format(lat)
    row(tag + "req/s: us vs LocalWiki alone (the bound)", us["rps"], wiki["rps"], div(us["rps"], wiki["rps"]),
        ">= 0.90" if first else "", div(us["rps"], wiki["rps"]) >= 0.9 if first else "info")
    row(tag + "p50 / p99 ms: us", us["p50"], us["p99"], None, "p50 <= 110" if first else "",
        us["p50"] <= 110 if first else "info", "{:,.1f}")
    row(tag + "errors + timeouts: us", us["bad"], None, None, "0", us["bad"] == 0, "{:,.0f}")
    row(tag + "req/s: us vs (d2) / (d)", div(us["rps"], lim2["rps"]), div(us["rps"], lim["rps"]), None, "", "info",
        "{:,.2f}")
    for peer, label, target in (("sync", "Flask sync (2 x cores + 1)", 10), ("gevent", "Flask gevent", 3),
                                ("scribe", "Spring MVC + scribejava", 1)):
        them = L(peer)
        ratio = div(us["rps"], them["rps"])
        row(tag + "req/s: us vs " + label, us["rps"], them["rps"], ratio, ">= {}x".format(target) if first else "",
            ratio >= target if first else "info")
        row(tag + "p50 / p99 ms: " + label, them["p50"], them["p99"], None, "", "info")
        row(tag + "errors + timeouts: " + label, them["bad"], None, None, "", "info", "{:,.0f}")
    if first and os.path.exists(os.path.join(out, "wrk-sync_own_l" + lat + ".txt")):
        own = L("sync_own")
        row(tag + "req/s / p99 ms: Flask sync at one connection per worker", own["rps"], own["p99"], None, "", "info")
    sc = L("scribe")
    row(tag + "RSS MB: us vs Spring MVC + scribejava", us["peak_rss"], sc["peak_rss"], div(us["peak_rss"], sc["peak_rss"]),
        "<= 0.5" if first else "", div(us["peak_rss"], sc["peak_rss"]) <= 0.5 if first else "info")
    row(tag + "threads: us vs Spring MVC + scribejava", us["threads"], sc["threads"], div(us["threads"], sc["threads"]),
        "<= 0.5" if first else "", div(us["threads"], sc["threads"]) <= 0.5 if first else "info", "{:,.0f}")
    row(tag + "RSS MB: Flask sync vs Flask gevent", L("sync")["peak_rss"], L("gevent")["peak_rss"], None, "", "info")
    o2, sec = L("demo2"), L("security")
    row(tag + "OAuth 2.0 req/s: us vs Spring Security oauth2Login", o2["rps"], sec["rps"], div(o2["rps"], sec["rps"]),
        ">= 1.5x" if first else "", div(o2["rps"], sec["rps"]) >= 1.5 if first else "info")
    row(tag + "OAuth 2.0 p99 ms: us vs Spring Security oauth2Login", o2["p99"], sec["p99"], div(o2["p99"], sec["p99"]),
        "<= 1" if first else "", div(o2["p99"], sec["p99"]) <= 1 if first else "info")
    row(tag + "OAuth 2.0 errors + timeouts: us vs Spring Security", o2["bad"], sec["bad"], None, "0" if first else "",
        o2["bad"] == 0 if first else "info", "{:,.0f}")

# 6. fixed rate (open loop, latency from each request's due time)
lat = latencies[0]
for ours, theirs, label, target in (("demo_vs_sync", "sync", "Flask sync", 0.2), ("demo_vs_gevent", "gevent",
                                    "Flask gevent", None), ("demo_vs_scribe", "scribe", "Spring MVC + scribejava", None),
                                   ("demo2_vs_security", "security", "OAuth 2.0: Spring Security", None)):
    a, t = kv("fixed-" + ours + ".txt"), kv("fixed-" + theirs + ".txt")
    tag = "6 {} ms, fixed {:,.0f}/s: ".format(lat, float(a["rate.asked"]))
    ratio = div(float(a["p99.ms"]), float(t["p99.ms"]))
    row(tag + "p99 ms: us vs " + label, float(a["p99.ms"]), float(t["p99.ms"]), ratio,
        "<= 0.20" if target else "", ratio <= target if target else "info", "{:,.1f}")
    row(tag + "p50 / p99.9 ms: us", float(a["p50.ms"]), float(a["p999.ms"]), None, "", "info")
    row(tag + "p50 / p99.9 ms: " + label, float(t["p50.ms"]), float(t["p999.ms"]), None, "", "info")
    row(tag + "errors (failed + non-2xx): us vs " + label, int(a["errors"]) + int(a["non2xx"]),
        int(t["errors"]) + int(t["non2xx"]), None, "", "info", "{:,.0f}")

# 7. footprint: 1 CPU, 512 MiB
foot = {n: wrk("foot_" + n) for n in ("default", "small", "small_cds") if os.path.exists(
    os.path.join(out, "wrk-foot_" + n + ".txt"))}
start = {n: int(kv("start-" + n + ".txt")["first_page_ms"]) for n in foot}
fd, fs = foot["default"], foot["small"]
row("7 1 CPU, 512 MiB: (b) req/s: small flags vs JVM defaults", fs["rps"], fd["rps"], div(fs["rps"], fd["rps"]),
    ">= 0.90", div(fs["rps"], fd["rps"]) >= 0.9)
row("7 1 CPU, 512 MiB: peak RSS MB under (b): small flags vs JVM defaults", fs["peak_rss"], fd["peak_rss"], None,
    "small <= 200", fs["peak_rss"] <= 200)
best = min(start.values())
row("7 1 CPU, 512 MiB: first page ms: best (small+cds if made) vs JVM defaults", best, start["default"],
    div(best, start["default"]), "best <= 2000", best <= 2000, "{:,.0f}")
for n in foot:
    row("7 1 CPU, 512 MiB: first page ms / p99 ms: " + n, start[n], foot[n]["p99"], None, "", "info", "{:,.0f}")

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
print(read("footprint.txt").strip())
print("mode: " + ("SMOKE (numbers not meaningful)" if smoke else "full"))
print()
header = ["measure", "ours", "other", "ratio", "target", "met"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for r in rows:
    print("| " + " | ".join(r) + " |")
