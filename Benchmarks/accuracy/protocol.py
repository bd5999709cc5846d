#!/usr/bin/env python3
"""Benchmarks/accuracy/protocol.py: the selection protocol's estimate of two recipes per benchmark.

One command (from anywhere):  Benchmarks/accuracy/protocol.py [--only allsides,gvfc] [--repeats 3] [--folds 5]

For every benchmark in ../shared/datasets it cross-validates, on the train split only, the default model's
recipe as the team measured it on the held-out tests ("first release": models/train-default.sh at
commit 5adf3ce) and the shipped recipe (models/train-default.sh today), each with
`slant-train --folds 5 --repeats 3` and the same fold assignment, grouped where the data has groups (FNC-1 by
body, AllSides by outlet). It prints each recipe's mean ± sd over the 15 held-out folds and the paired difference
(shipped − first release: mean ± standard error of the 15 per-fold differences, and on how many folds the shipped
recipe leads). Test splits are never read; dev splits are not used (the folds are the estimate).

Both recipes run with today's binary, so what differs is the settings, not the code. The first release's recipe is
written out with the defaults of that time that have since changed (`--label-thresholds per-label`).
The commands are printed, so every number can be reproduced by hand.
"""
import argparse, math, os, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
LEXICON = os.environ.get("SLANT_LEXICON", os.path.join(os.path.dirname(ROOT), "shared", "lexicons", "vader", "vader_lexicon.txt"))
BIN = os.path.join(ROOT, ".build", "release")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import find  # noqa: E402  (the split's file, .jsonl or .jsonl.gz, in SLANT_DATASETS)

# benchmark folder, task, metric (the task's primary metric, which slant-train's fold scores report), grouping,
# The first release's flags, the shipped flags (models/train-default.sh; scope flags such as --needs and --domain
# change nothing in training and are left out).
BENCHMARKS = [
    ("fnc1", "headline_stance", "FNC-1 relative score", "text",
     "--bits 18 --no-cues --no-negation",
     "--bits 18 --ngrams 1 --no-cues --no-negation --topics 64 --topic-bits 13"),
    ("newsmtsc", "target_sentiment", "macro-F1", None,
     f"--bits 17 --lexicon {LEXICON}",
     f"--bits 17 --lexicon {LEXICON} --ngrams 1 --namespaces text,target,context"),
    ("semeval2016", "target_stance", "F_avg", None,
     "--bits 17 --char-ngrams 2-5 --interactions target*text --l2 0.3",
     "--bits 17 --ngrams 1 --char-ngrams 2-5 --namespaces text,target,chars --per-target --l2 1"),
    ("allsides", "leaning", "macro-F1", "source",
     "--bits 18 --namespaces title,text --no-negation --no-cues --optimizer adagrad --epochs 5",
     "--bits 20 --namespaces title,text --ngrams 1 --no-negation --no-cues --l2 1"),
    ("semeval2023-frames", "frames", "micro-F1", None,
     "--bits 16 --namespaces text --ngrams 1 --label-thresholds per-label",
     "--bits 15 --namespaces text --ngrams 1 --no-negation --l2 0.5"),
    ("gvfc", "gun_frame", "macro-F1", None,
     "--bits 16 --char-ngrams 2-5 --namespaces text",
     "--bits 15 --ngrams 1 --char-ngrams 2-5 --namespaces text"),
]


def folds(name, task, group, flags, args):
    """Runs slant-train's repeated cross-validation; returns the per-fold scores and the seconds it took."""
    cmd = [os.path.join(BIN, "slant-train"), "--data", find(name, "train"), "--task", task,
           "--folds", str(args.folds), "--repeats", str(args.repeats), "--threads", args.threads]
    cmd += ["--group-by", group] if group else []
    cmd += flags.split()
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    t = time.time()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"slant-train failed ({p.returncode}):\n{p.stderr[-2000:]}")
    m = re.search(r"^fold scores[^:]*: (.*)$", p.stderr, re.M)
    if not m:
        sys.exit("no fold scores in slant-train's output:\n" + p.stderr[-2000:])
    return [float(x) for x in m.group(1).split()], time.time() - t


def stats(v):
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0
    return m, sd


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated benchmark folders")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="use the release binaries as they are")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"no datasets at {DATA} (set SLANT_DATASETS)")
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT], check=True, stdout=sys.stderr)
    only = set(args.only.split(",")) if args.only else None
    rows = []
    for name, task, metric, group, old, new in BENCHMARKS:
        if only and name not in only:
            continue
        a, ta = folds(name, task, group, old, args)
        b, tb = folds(name, task, group, new, args)
        d = [y - x for x, y in zip(a, b)]
        md, sdd = stats(d)
        rows.append((name, task, metric, group, stats(a), stats(b), md, sdd / math.sqrt(len(d)), sum(x > 0 for x in d), len(d), ta, tb))
        r = rows[-1]
        print(f"{name}: first release {r[4][0]:.4f} ± {r[4][1]:.4f}, shipped {r[5][0]:.4f} ± {r[5][1]:.4f}, "
              f"paired {md:+.4f} ± {r[7]:.4f} ({r[8]} of {r[9]})", file=sys.stderr, flush=True)
    print(f"| benchmark (train split, {args.repeats} × {args.folds} folds) | task | metric | first-release recipe | shipped recipe | shipped − first release (folds ahead) | seconds (the first release / shipped) |")
    print("|---|---|---|---|---|---|---|")
    for name, task, metric, group, (ma, sa), (mb, sb), md, se, ahead, n, ta, tb in rows:
        g = f", grouped by {'body' if group == 'text' else 'outlet'}" if group else ""
        print(f"| {name}{g} | {task} | {metric} | {ma:.4f} ± {sa:.4f} | {mb:.4f} ± {sb:.4f} | {md:+.4f} ± {se:.4f} ({ahead} of {n}) | {ta:.0f} / {tb:.0f} |")


if __name__ == "__main__":
    main()
