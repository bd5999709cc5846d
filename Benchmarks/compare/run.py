#!/usr/bin/env python3
"""Benchmarks/compare: Slant against scikit-learn, fastText, LIBLINEAR and Vowpal Wabbit on the same files, same machine.

One command (from anywhere):  Benchmarks/compare/run.py [--quick] [--repeat 3] [--workloads allsides,fnc1]
                              [--tools slant,slant-adagrad,sklearn,fasttext,liblinear,vw] [--threads 1,2]

It creates a Python virtual environment (Benchmarks/compare/.venv) with the peers from PyPI, builds Slant in
release mode, and for each workload trains every tool on the same training JSONL and scores the same raw JSONL,
end to end (JSON parsing and text processing included). Runs alternate between tools and repeat; medians are
reported. Single-thread runs set OMP_NUM_THREADS=1 and the BLAS equivalents; the all-core rows give the tools
that can use more threads all cores. Every command is printed. --quick trains on the first 5,000 records and
times scoring on the dev file.

Every group's medians are also saved in .build/compare/results.json (with the date and the commands), and the
table shows every saved row of the chosen workloads and mode, marking when each was measured. So a long run
can be split (`--tools sklearn,fasttext,liblinear` once, `--tools slant` after a change) and still print one
table; `--table` prints it without running anything.

Slant trains with the recipe of the default model's head for the task (models/train-default.sh), to convergence
with L-BFGS: on AllSides the `leaning` head's title and text unigrams in 2^20 buckets (L2 1) and
no pair features, negation marking or cue words; on FNC-1 the `headline_stance` head's unigrams, title-body
similarity features and 64-topic latent space; on NewsMTSC the `target_sentiment` head's text, target and
context unigrams with the VADER lexicon sums. The tool `slant-adagrad` (AllSides only) is the same recipe with
5 AdaGrad passes, as many as fastText and Vowpal Wabbit make. Slant scores FNC-1 with `--title-is-claim`
(the headline is the claim there).
"""
import argparse, gzip, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
VENV = os.path.join(HERE, ".venv")
PY = os.path.join(VENV, "bin", "python")
BIN = os.path.join(ROOT, ".build", "release")
WORK = os.path.join(ROOT, ".build", "compare")
WORKLOADS = {
    # name: (train file, task, file scored for speed, file scored for accuracy)
    "allsides": ("allsides/train.jsonl.gz", "leaning", "allsides/train.jsonl.gz", "allsides/dev.jsonl.gz"),
    "fnc1": ("fnc1/train.jsonl.gz", "headline_stance", "fnc1/dev.jsonl.gz", "fnc1/dev.jsonl.gz"),
    # Sentences with a marked target; 0.5 MB of dev is too little to time scoring: an accuracy workload.
    "newsmtsc": ("newsmtsc/train.jsonl", "target_sentiment", "newsmtsc/dev.jsonl", "newsmtsc/dev.jsonl"),
}
LEXICON = os.path.join(os.path.dirname(DATA), "lexicons", "vader", "vader_lexicon.txt")
# Slant's training options per workload (printed with every command).
SLANT_TRAIN = {"allsides": ["--bits", "20", "--namespaces", "title,text", "--ngrams", "1", "--no-negation", "--no-cues",
                             "--l2", "1"],
               "fnc1": ["--bits", "18", "--ngrams", "1", "--no-cues", "--no-negation", "--topics", "64", "--topic-bits", "13"],
               "newsmtsc": ["--bits", "17", "--lexicon", LEXICON, "--ngrams", "1", "--namespaces", "text,target,context"]}
# Extra training options per Slant variant (tool name).
SLANT_VARIANT = {"slant": [], "slant-adagrad": ["--optimizer", "adagrad", "--epochs", "5"]}
SLANT_SCORE = {"fnc1": ["--title-is-claim"]}
TOOLS = ("slant", "slant-adagrad", "sklearn", "fasttext", "liblinear", "vw")
RESULTS = os.path.join(WORK, "results.json")
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PEER_THREADS": "1"}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, env=None, stdout=None):
    """Runs a command; returns (stdout text, seconds, peak RSS in MB)."""
    log("$ " + " ".join(cmd))
    e = dict(os.environ)
    e.update(env or {})
    t = time.time()
    out = open(stdout, "wb") if stdout else subprocess.PIPE
    p = subprocess.Popen(cmd, env=e, stdout=out, stderr=subprocess.PIPE)
    data = p.stdout.read() if not stdout else b""
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.time() - t
    if stdout:
        out.close()
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return data.decode(), secs, usage.ru_maxrss / 1024


def setup():
    if not os.path.exists(PY):
        run([sys.executable, "-m", "venv", VENV])
    run([PY, "-m", "pip", "install", "-q", "scikit-learn", "fasttext-wheel", "liblinear-official", "vowpalwabbit"])
    run(["swift", "build", "-c", "release", "--package-path", ROOT])


def plain(rel, limit=None, suffix=""):
    """A decompressed copy of a dataset file (optionally its first `limit` lines), so no tool pays for gzip."""
    src = os.path.join(DATA, rel)
    dst = os.path.join(WORK, rel.replace("/", "_").replace(".gz", "") + suffix)
    if not os.path.exists(dst):
        with (gzip.open(src, "rb") if src.endswith(".gz") else open(src, "rb")) as f, open(dst, "wb") as g:
            for i, line in enumerate(f):
                if limit and i >= limit:
                    break
                g.write(line)
    return dst


def gold(path, task):
    return [json.loads(l)["labels"][task] for l in open(path, encoding="utf-8")]


def scores(g, p):
    labels = sorted(set(g))
    acc = sum(a == b for a, b in zip(g, p)) / len(g)
    f1s = []
    for l in labels:
        tp = sum(a == l and b == l for a, b in zip(g, p))
        fp = sum(a != l and b == l for a, b in zip(g, p))
        fn = sum(a == l and b != l for a, b in zip(g, p))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return acc, sum(f1s) / len(f1s)


def size_mb(*paths):
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p)) / 1e6


def one_round(name, tool, threads, train, task, speed, acc_file):
    model = os.path.join(WORK, f"{name}-{tool}-{threads}")
    env = ONE_THREAD if threads == 1 else {"PEER_THREADS": str(threads)}
    if tool in SLANT_VARIANT:
        model += ".slant"
        _, tsec, trss = run([os.path.join(BIN, "slant-train"), "--data", train, "--task", task, "--threads", str(threads)]
                            + SLANT_TRAIN.get(name, []) + SLANT_VARIANT[tool] + ["--quiet", "--output", model], env)
        score = [os.path.join(BIN, "slant-score"), "--model", model, "--task", task] + SLANT_SCORE.get(name, [])
        _, ssec, srss = run(score + ["--threads", str(threads), speed], env, stdout=model + ".out")
        n = sum(1 for _ in open(speed, "rb"))
        preds = os.path.join(WORK, "slant-preds.jsonl")
        run(score + [acc_file], env, stdout=preds)
        p = [json.loads(l)[task]["label"] for l in open(preds, encoding="utf-8")]
        msize = size_mb(model)
    else:
        out, tsec, trss = run([PY, os.path.join(HERE, "peers.py"), "train", tool, train, task, model], env)
        preds = model + ".speed.txt"
        out, ssec, srss = run([PY, os.path.join(HERE, "peers.py"), "score", tool, speed, task, model, preds], env)
        ssec = json.loads(out)["seconds"] if False else ssec  # wall time of the whole process, as for Slant
        n = json.loads(out)["records"]
        accp = model + ".acc.txt"
        run([PY, os.path.join(HERE, "peers.py"), "score", tool, acc_file, task, model, accp], env)
        p = open(accp).read().split("\n")[:-1]
        msize = size_mb(model, model + ".liblinear", model + ".vw")
    acc, mf1 = scores(gold(acc_file, task), p)
    mb = os.path.getsize(speed) / 1e6
    return dict(train_s=tsec, score_s=ssec, mbps=mb / ssec, rps=n / ssec, train_rss=trss, score_rss=srss,
                model_mb=msize, acc=acc, macro_f1=mf1)


def load_results():
    try:
        return json.load(open(RESULTS))
    except (OSError, ValueError):
        return {}


def save_result(key, med, repeat):
    res = load_results()
    res[key] = dict(med, when=time.strftime("%Y-%m-%d %H:%M"), repeat=repeat)
    tmp = RESULTS + ".tmp"
    json.dump(res, open(tmp, "w"), indent=1, sort_keys=True)
    os.replace(tmp, RESULTS)


def print_table(workloads, quick):
    res = load_results()
    mode = "quick" if quick else "full"
    rows = []
    for name in workloads:
        for t in TOOLS:
            for threads in (1, 2):
                m = res.get(f"{name}|{t}|{threads}|{mode}")
                if m:
                    rows.append((name, t, threads, m))
    print()
    print(f"Slant vs peers, {os.cpu_count()} cores, {mode} mode"
          + (" (5,000 training records, scoring the dev file)" if quick else " (full training files)")
          + "; medians of the alternating runs of each group (n = runs)")
    hdr = (f"{'workload':9} {'tool':13} {'thr':>3} {'train s':>8} {'score s':>8} {'MB/s':>7} {'rec/s':>9} {'RSS train':>9} "
           f"{'RSS score':>9} {'model MB':>8} {'acc':>6} {'macroF1':>7} {'Slant train×':>12} {'Slant score×':>12} {'n':>2}  measured")
    print(hdr)
    for name, t, threads, m in rows:
        s = res.get(f"{name}|slant|{threads}|{mode}")
        tr = f"{m['train_s'] / s['train_s']:.1f}" if s and t != "slant" else ""
        sc = f"{s['mbps'] / m['mbps']:.1f}" if s and t != "slant" else ""
        print(f"{name:9} {t:13} {threads:3d} {m['train_s']:8.1f} {m['score_s']:8.2f} {m['mbps']:7.1f} {m['rps']:9.0f} "
              f"{m['train_rss']:9.0f} {m['score_rss']:9.0f} {m['model_mb']:8.1f} {m['acc']:6.3f} {m['macro_f1']:7.3f} {tr:>12} {sc:>12} "
              f"{m.get('repeat', 0):2d}  {m.get('when', '')}")
    print("Slant train× = peer train seconds / Slant's; Slant score× = Slant MB/s / peer's; same thread count.")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="train on the first 5,000 records")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workloads", default="allsides,fnc1,newsmtsc")
    ap.add_argument("--tools", default="slant,slant-adagrad,sklearn,fasttext,liblinear,vw")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--table", action="store_true", help="only print the table of saved results")
    args = ap.parse_args()
    workloads = args.workloads.split(",")
    if args.table:
        print_table(workloads, args.quick)
        return
    if not os.path.isdir(DATA):
        sys.exit(f"the datasets are not at {DATA}; set SLANT_DATASETS to the folder that holds allsides/ and fnc1/")
    os.makedirs(WORK, exist_ok=True)
    setup()
    tools = args.tools.split(",")
    mode = "quick" if args.quick else "full"
    for name in workloads:
        trel, task, srel, arel = WORKLOADS[name]
        train = plain(trel, 5000 if args.quick else None, ".quick" if args.quick else "")
        # --quick also times scoring on the accuracy file instead of the (much larger) speed file.
        speed, acc_file = (plain(arel), plain(arel)) if args.quick else (plain(srel), plain(arel))
        for threads in [int(t) for t in args.threads.split(",")]:
            runs = {t: [] for t in tools}
            for _ in range(args.repeat):
                for t in tools:  # alternate tools within each round
                    if threads > 1 and t in ("sklearn", "liblinear", "vw"):
                        continue  # single-threaded learners: their 1-thread row stands
                    if t == "slant-adagrad" and name != "allsides":
                        continue
                    runs[t].append(one_round(name, t, threads, train, task, speed, acc_file))
            for t in tools:
                if runs[t]:
                    med = {k: statistics.median(r[k] for r in runs[t]) for k in runs[t][0]}
                    save_result(f"{name}|{t}|{threads}|{mode}", med, len(runs[t]))
    print_table(workloads, args.quick)


if __name__ == "__main__":
    main()
