"""Per-scenario CPU profile of the demo from run.sh --profile: the JFR execution samples taken while wrk
measured (a), (b) and (c) (the 15 s before each wrk output was written, plus a second), as the top leaf frames, the
threads sampled and the library frames seen on the stack (inclusive).

    python3 benchmarks/load/jfr_scenarios.py OUT_DIR      (OUT_DIR holds demo.jfr and wrk-demo_*.txt)
"""
import collections
import datetime
import os
import re
import subprocess
import sys

LIBRARY = ('io.github.mwoauth', 'com.nimbusds', 'tools.jackson', 'org.springframework.session', 'io.lettuce',
           'org.springframework.web', 'org.springframework.http', 'io.micrometer', 'javax.crypto', 'com.sun.crypto',
           'sun.security', 'ch.qos')


def seconds_of_day(text):
    h, m, s = text.split(':')
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(out, measured=16.0):
    printed = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '96',
                              os.path.join(out, 'demo.jfr')], capture_output=True, text=True, check=True).stdout
    samples = []
    for event in printed.split('jdk.ExecutionSample {')[1:]:
        when = re.search(r'startTime = (\d+:\d+:[\d.]+)', event)
        thread = re.search(r'sampledThread = "([^"]+)"', event)
        frames = re.findall(r'^\s+([\w$.<>]+)\(.*?\)\s+line:', event, re.M)
        if when and frames:
            samples.append((seconds_of_day(when.group(1)), thread.group(1) if thread else '?', frames))
    for name, label in (('demo_a', '(a) / logged in'), ('demo_b', '(b) /test_query'), ('demo_c', '(c) /login')):
        path = os.path.join(out, 'wrk-%s.txt' % name)
        if not os.path.exists(path):
            continue
        end = datetime.datetime.fromtimestamp(os.path.getmtime(path))
        end = end.hour * 3600 + end.minute * 60 + end.second + end.microsecond / 1e6
        chosen = [s for s in samples if end - measured <= s[0] <= end]
        if not chosen:
            continue
        n = len(chosen)
        print('== %s: %d samples' % (label, n))
        print('  threads:')
        for thread, count in collections.Counter(s[1] for s in chosen).most_common(5):
            print('    %5.1f%% %s' % (100.0 * count / n, thread))
        print('  top leaf frames:')
        for frame, count in collections.Counter(s[2][0] for s in chosen).most_common(10):
            print('    %5.1f%% %s' % (100.0 * count / n, frame))
        inclusive = collections.Counter()
        for s in chosen:
            inclusive.update(set(s[2]))
        print('  library frames on the stack (inclusive):')
        shown = 0
        for frame, count in inclusive.most_common():
            if frame.startswith(LIBRARY) and not frame.startswith('io.lettuce'):
                print('    %5.1f%% %s' % (100.0 * count / n, frame))
                shown += 1
                if shown == 15:
                    break


if __name__ == '__main__':
    main(sys.argv[1])
