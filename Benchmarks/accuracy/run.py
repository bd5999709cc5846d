#!/usr/bin/env python3
"""Benchmarks/accuracy: train and evaluate Slant on every benchmark in ../shared/datasets.

One command (from anywhere):  Benchmarks/accuracy/run.py [--only fnc1,newsmtsc] [--threads 2]

Each benchmark is trained with the shipped executables and scored on its dev split (FNC-1, NewsMTSC) or by 5-fold
cross-validation on train (folds: SHA-1("cv" + id) mod 5; AllSides grouped by outlet), exactly as the
scikit-learn numbers beside it were measured. The commands run are printed, so every number can be
reproduced by hand. Test splits are never read.
"""
import argparse, json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
BIN = os.path.join(ROOT, ".build", "release")

# name, task, metric key, scikit-learn dev/CV number, how, extra slant-train flags
LEXICON = os.environ.get("SLANT_LEXICON", os.path.join(os.path.dirname(ROOT), "shared", "lexicons", "vader", "vader_lexicon.txt"))

# name, task, metric key, scikit-learn dev/CV number, how, slant-train flags (the default model's
# per-task settings, models/train-default.sh)
BENCHMARKS = [
    ("fnc1", "headline_stance", "fnc_relative_score", 0.8828, "dev", ["--bits", "18", "--ngrams", "1", "--no-cues", "--no-negation", "--topics", "64", "--topic-bits", "13"]),
    ("fnc1", "headline_stance", "macro_f1", 0.692, "dev", None),  # same run as the line above
    ("newsmtsc", "target_sentiment", "macro_f1", 0.599, "dev", ["--bits", "17", "--lexicon", LEXICON, "--ngrams", "1", "--namespaces", "text,target,context"]),
    ("semeval2016", "target_stance", "f_avg", 0.6733, "cv", ["--bits", "17", "--ngrams", "1", "--char-ngrams", "2-5", "--namespaces", "text,target,chars", "--per-target", "--l2", "1"]),
    ("allsides", "leaning", "macro_f1", 0.270, "dev", LEANING := ["--bits", "20", "--namespaces", "title,text", "--ngrams", "1", "--no-negation", "--no-cues", "--l2", "1"]),
    ("allsides", "leaning", "macro_f1", None, "cv-source", LEANING),
    ("semeval2023-frames", "frames", "micro_f1", 0.654, "cv", ["--bits", "16", "--namespaces", "text", "--ngrams", "1", "--no-negation", "--l2", "0.5"]),
    ("gvfc", "gun_frame", "macro_f1", 0.579, "cv", ["--task", "gun_frame", "--bits", "16", "--ngrams", "1", "--char-ngrams", "2-5", "--namespaces", "text"]),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    t = time.time()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return out, time.time() - t


def find(name, split):
    for ext in (".jsonl", ".jsonl.gz"):
        p = os.path.join(DATA, name, split + ext)
        if os.path.exists(p):
            return p
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated benchmark folders")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--folds", default="5")
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"no datasets at {DATA} (set SLANT_DATASETS)")
    run(["swift", "build", "-c", "release", "--package-path", ROOT])
    only = set(args.only.split(",")) if args.only else None
    results, cache = [], {}
    tmp = os.path.join(ROOT, ".build", "accuracy")
    os.makedirs(tmp, exist_ok=True)
    for name, task, metric, sk, how, flags in BENCHMARKS:
        if only and name not in only:
            continue
        key = (name, task, how)
        if key not in cache:
            flags = flags or []
            train = find(name, "train")
            common = [os.path.join(BIN, "slant-train"), "--data", train, "--threads", args.threads, "--quiet"] + flags
            if how == "dev":
                model = os.path.join(tmp, name + ".slant")
                _, secs = run(common + ["--dev", find(name, "dev"), "--output", model])
                out, _ = run([os.path.join(BIN, "slant-eval"), "--model", model, "--data", find(name, "dev"), "--task", task, "--json"])
                note = "dev"
            else:
                extra = ["--group-by", "source"] if how == "cv-source" else []
                out, secs = run(common + ["--folds", args.folds, "--json"] + extra)
                note = f"{args.folds}-fold CV" + (" by outlet" if extra else "")
            cache[key] = (json.loads(out)["tasks"][task], secs, note)
        rep, secs, note = cache[key]
        value = rep.get(metric)
        results.append((name, task, metric, note, sk, value, secs))
        log(f"RESULT {name} {task} {metric} {note}: Slant {value} vs scikit-learn {sk} ({secs:.1f} s)")
    print()
    print(f"Slant accuracy on dev / cross-validation, {time.strftime('%Y-%m-%d')}, {os.uname().machine}, threads={args.threads}")
    print(f"{'benchmark':20} {'task':17} {'metric':19} {'split':20} {'sklearn':>8} {'Slant':>8} {'delta':>8} {'train s':>8}")
    for name, task, metric, note, sk, value, secs in results:
        v = f"{value:.4f}" if value is not None else "n/a"
        d = f"{value - sk:+.4f}" if value is not None and sk is not None else ""
        skv = f"{sk:8.4f}" if sk is not None else f"{'—':>8}"
        print(f"{name:20} {task:17} {metric:19} {note:20} {skv} {v:>8} {d:>8} {secs:8.1f}")


if __name__ == "__main__":
    main()
