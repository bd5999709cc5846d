#!/usr/bin/env python3
"""Benchmarks/heads: scoring speed of each head, one model against another, with the same binary.

One command (from anywhere):  Benchmarks/heads/run.py [--old MODEL] [--new MODEL] [--repeat 7]

No head's scoring speed may drop by more than 10% when the default model is re-chosen. This
times `slant-score --model M --task T --actors off --threads 1` for every head of the default model, on the data
it was trained for (FNC-1 dev pairs with `--title-is-claim`, NewsMTSC dev sentences, SemEval-2016 tweets, AllSides
dev articles for `leaning` and `frames`, GVFC headlines), each input repeated until it holds at least 20,000
records or 10 MB so that start-up does not dominate. Old and new run interleaved (one untimed run of each first),
and the table gives the median wall time of `--repeat` runs, MB/s, and new / old.

By default `--old` is the model the team measured on the held-out tests (models/default.slant at
commit 5adf3ce, the first release of 2026-11-27, taken from git) and `--new` is models/default.slant. Test splits are never read.
"""
import argparse, gzip, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")
WORK = os.path.join(ROOT, ".build", "heads")

# head, data file (relative to the datasets), extra slant-score flags
HEADS = [
    ("headline_stance", "fnc1/dev.jsonl.gz", ["--title-is-claim"]),
    ("target_sentiment", "newsmtsc/dev.jsonl", []),
    ("target_stance", "semeval2016/train.jsonl", []),
    ("leaning", "allsides/dev.jsonl.gz", []),
    ("frames", "allsides/dev.jsonl.gz", []),
    ("gun_frame", "gvfc/train.jsonl", []),
    ("gun_frames", "gvfc/train.jsonl", []),
]


def inflate(rel):
    """The data file as plain JSONL, repeated until it has 20,000 records or 10 MB; its path."""
    src = os.path.join(DATA, rel)
    out = os.path.join(WORK, rel.replace("/", "-").replace(".gz", ""))
    if os.path.exists(out):
        return out
    with (gzip.open if src.endswith(".gz") else open)(src, "rb") as f:
        data = f.read()
    lines = data.count(b"\n")
    copies = 1
    while lines * copies < 20000 and len(data) * copies < 10_000_000:
        copies += 1
    with open(out + ".tmp", "wb") as f:
        for _ in range(copies):
            f.write(data)
    os.replace(out + ".tmp", out)
    return out


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode()[-1000:]}")
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", help="the model to compare against (default: models/default.slant at commit 5adf3ce)")
    ap.add_argument("--new", default=os.path.join(ROOT, "models", "default.slant"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--only", help="comma-separated heads")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"no datasets at {DATA} (set SLANT_DATASETS)")
    os.makedirs(WORK, exist_ok=True)
    old = args.old
    if not old:
        old = os.path.join(WORK, "first-release.slant")
        if not os.path.exists(old):
            with open(old + ".tmp", "wb") as f:
                subprocess.run(["git", "-C", ROOT, "show", "5adf3ce:models/default.slant"], stdout=f, check=True)
            os.replace(old + ".tmp", old)
    if not os.path.exists(SCORE):
        sys.exit(f"no {SCORE}: run `swift build -c release` first")
    only = set(args.only.split(",")) if args.only else None
    print("| head | data, repeated | old s | new s | old MB/s | new MB/s | new / old time |")
    print("|---|---|---|---|---|---|---|")
    for task, rel, flags in HEADS:
        if only and task not in only:
            continue
        path = inflate(rel)
        mb = os.path.getsize(path) / 1e6
        cmds = {m: [SCORE, "--model", model, "--task", task, "--actors", "off", "--threads", "1", *flags, path]
                for m, model in (("old", old), ("new", args.new))}
        for c in cmds.values():
            timed(c)
        times = {"old": [], "new": []}
        for _ in range(args.repeat):
            for m, c in cmds.items():
                times[m].append(timed(c))
        o, n = statistics.median(times["old"]), statistics.median(times["new"])
        with open(path, "rb") as f:
            records = sum(1 for _ in f)
        print(f"| {task} | {rel}, {records:,} records ({mb:.1f} MB) | {o:.3f} | {n:.3f} | {mb / o:.1f} | {mb / n:.1f} | {n / o:.2f} |", flush=True)


if __name__ == "__main__":
    main()
