#!/usr/bin/env python3
"""Speed and memory of slant-report, with the shipped release executables.

Speed: the AllSides dev articles scored by the default model with --keep source (12.9 MB of slant-score JSONL,
2,356 articles), repeated --copies times into one file (ids made unique), reported by outlet with every output
(--html, --csv, --json) on one core. The rate is the input's size over the wall time, the median of --repeat
runs after one untimed run; the same with --bootstrap 0 shows what the intervals cost.

Memory: synthetic scored records (small: about 0.9 kB each, so that a million pass in reasonable time), generated
on the fly into slant-report's stdin, with 40 outlets, 12 monthly periods and actors drawn from a long-tailed
pool where most names occur once (1,000,000 records bring about a million distinct names). Maximum resident
set size (getrusage of the child) at 10,000, 100,000 and 1,000,000 records: bounded memory means the last two
are about equal, well below what keeping the names would take.

Peer: with --peer-python (a Python with pandas), Benchmarks/report/pandas_peer.py computes the same counts in
pandas (no intervals, merging, evidence or page) on the same file: wall time and maximum resident set of both,
medians of --repeat runs.

Usage: Benchmarks/report/run.py [--repeat 5] [--copies 10] [--records 10000,100000,1000000] [--peer-python PATH]
"""
import argparse, gzip, json, os, random, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
BIN = os.path.join(ROOT, ".build", "release")


def run(cmd, **kw):
    print("$ " + " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def synthetic(n, seed=1):
    """Yields n scored lines: 40 outlets, dates over 12 months, 3 actors per article from a long-tailed pool."""
    rng = random.Random(seed)
    famous = [f"Famous Person{i}" for i in range(50)]
    frames = ["Economic", "Political", "Morality", "Crime_and_punishment", "Health_and_safety"]
    labels = ["negative", "neutral", "positive"]
    for i in range(n):
        actors = []
        for k in range(3):
            name = famous[min(49, int(rng.paretovariate(1.2)) - 1)] if k < 2 else f"Rare Name{i}"
            lab = rng.choice(labels)
            s = {"negative": -0.6, "neutral": 0.0, "positive": 0.6}[lab]
            actors.append('{"name":"%s","aliases":["%s"],"mentions":%d,"label":"%s","score":%.3f,"evidence":[{"sentence":"A sentence about %s in article %d.","label":"%s","scores":{"negative":%.2f,"positive":%.2f}}]}'
                          % (name, name, 1 + i % 4, lab, s, name, i, lab, max(0, -s), max(0, s)))
        fr = ",".join('"%s"' % f for f in frames if rng.random() < 0.3)
        lean = rng.choice(["left", "center", "right"])
        yield ('{"id":"s%d","source":"outlet%d","date":"2025-%02d-%02d","frames":{"labels":[%s],"scores":{}},"leaning":{"label":"%s","scores":{}},"actors":[%s]}\n'
               % (i, i % 40, 1 + i % 12, 1 + i % 28, fr, lean, ",".join(actors)))


def peak_rss_of(cmd, lines):
    """Runs cmd feeding it lines on stdin; returns (seconds, max RSS in MB, bytes fed)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    fed = 0
    buf = []
    for line in lines:
        buf.append(line)
        if len(buf) == 2000:
            chunk = "".join(buf).encode(); fed += len(chunk); p.stdin.write(chunk); buf = []
    if buf:
        chunk = "".join(buf).encode(); fed += len(chunk); p.stdin.write(chunk)
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{cmd} failed with status {status}")
    return time.perf_counter() - t, usage.ru_maxrss / 1024, fed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--records", default="10000,100000,1000000")
    ap.add_argument("--peer-python", default=None, help="a Python with pandas, for the peer comparison")
    a = ap.parse_args()
    run(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp()
    report = os.path.join(BIN, "slant-report")
    if os.path.isdir(DATA):
        scored = os.path.join(tmp, "scored.jsonl")
        with open(scored, "wb") as out:
            run([os.path.join(BIN, "slant-score"), "--keep", "source", os.path.join(DATA, "allsides", "dev.jsonl.gz")], stdout=out, stderr=subprocess.DEVNULL)
        big = os.path.join(tmp, "scored-x.jsonl")
        with open(scored, "rb") as f:
            lines = f.read().splitlines(keepends=True)
        with open(big, "wb") as g:
            for c in range(a.copies):
                for l in lines:
                    g.write(l.replace(b'{"id":"', b'{"id":"c%d-' % c, 1))
        mb = os.path.getsize(big) / 1e6
        os.sync()
        print(f"input: {mb:.1f} MB, {len(lines) * a.copies} scored articles (AllSides dev x {a.copies})")
        for label, extra in [("full report (--html, --csv, --json)", ["--html", os.path.join(tmp, "r.html"), "--csv", os.path.join(tmp, "t"), "--json", os.path.join(tmp, "r.json")]),
                             ("same, --bootstrap 0", ["--bootstrap", "0", "--html", os.path.join(tmp, "r.html"), "--csv", os.path.join(tmp, "t"), "--json", os.path.join(tmp, "r.json")]),
                             ("summary only (reading and counting)", ["--bootstrap", "0"])]:
            cmd = ["taskset", "-c", "0", report, "--by", "source", big] + extra
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times = []
            for _ in range(a.repeat):
                t = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - t)
            med = statistics.median(times)
            print(f"{label:40s} median {med:.3f} s (min {min(times):.3f}, max {max(times):.3f}) = {mb / med:.0f} MB/s on one core")
        if a.peer_python:
            def timed(cmd):
                t = time.perf_counter()
                p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(p.pid, 0)
                if status != 0:
                    sys.exit(f"{cmd} failed with status {status}")
                return time.perf_counter() - t, usage.ru_maxrss / 1024
            ours = ["taskset", "-c", "0", report, "--by", "source", big, "--html", os.path.join(tmp, "r.html"), "--csv", os.path.join(tmp, "t")]
            peer = ["taskset", "-c", "0", a.peer_python, os.path.join(ROOT, "Benchmarks", "report", "pandas_peer.py"), big]
            runs = {"slant-report (every output, intervals)": [], "pandas (counts only)": []}
            for _ in range(a.repeat):
                runs["slant-report (every output, intervals)"].append(timed(ours))
                runs["pandas (counts only)"].append(timed(peer))
            for label, rs in runs.items():
                print(f"{label:40s} median {statistics.median(r[0] for r in rs):.3f} s, max RSS {statistics.median(r[1] for r in rs):.0f} MB")
            ratio = statistics.median(r[0] for r in runs["pandas (counts only)"]) / statistics.median(r[0] for r in runs["slant-report (every output, intervals)"])
            print(f"pandas / slant-report wall time: {ratio:.1f}x")
    else:
        print(f"datasets not found at {DATA} (set SLANT_DATASETS): the speed part is skipped")
    print("memory (synthetic records on stdin, --by source --time date --every month, all outputs):")
    for n in [int(x) for x in a.records.split(",")]:
        cmd = ["taskset", "-c", "0", report, "--by", "source", "--time", "date", "--every", "month",
               "--html", os.path.join(tmp, "m.html"), "--csv", os.path.join(tmp, "m"), "-"]
        secs, rss, fed = peak_rss_of(cmd, synthetic(n))
        print(f"  {n:>9,} records ({fed / 1e6:7.1f} MB): max RSS {rss:6.1f} MB, {secs:.1f} s (the generator, in Python, sets the pace)")


if __name__ == "__main__":
    main()
