#!/usr/bin/env python3
"""Slant's shipped settings against scikit-learn baselines on the same cross-validation folds (issue 9).

The team's held-out tests compare the default model with scikit-learn pipelines trained on the same train
splits. This script asks the same question before the test does: on identical repeated folds of each
benchmark's train split, does Slant (with the per-task settings of models/train-default.sh) score above
the scikit-learn baseline the team used? Both tools' predictions are scored by the same Python code here, so
the comparison is paired fold by fold: the mean difference and its standard error say whether a gap is
larger than the folds' noise.

Baselines (as the team describes them in issue 9):
- frames: TF-IDF + one-vs-rest logistic regression (threshold 0.5), micro-F1 over the 14 frames;
- target_stance: a LinearSVC per target on word 1-3 + character 2-5-gram TF-IDF (the task's SVM baseline),
  F_avg = (F1 favor + F1 against) / 2 over all tweets;
- gun_frame: TF-IDF + logistic regression, macro-F1;
- leaning: TF-IDF + logistic regression on title + text, macro-F1, folds grouped by outlet (`source`), since the
  team's AllSides test has only outlets that train does not.
With --balanced, the logistic regressions weigh classes inversely to their frequency, as Slant's heads do; for
frames that is the stronger baseline (the team's exact pipeline is not known here).

Folds: 3 repeats x 5 folds, each repeat a seeded shuffle (Python's random, seeds 1, 2, 3) of the records, or for
leaning of the outlets (each outlet's articles all in one fold). Train splits only; the test splits are never read.

Usage (needs scikit-learn, e.g. the venv of Benchmarks/compare):
    python3 Benchmarks/accuracy/peers_cv.py [--tasks frames,target_stance,gun_frame] [--repeats 3]
"""
import argparse, gzip, json, os, random, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
BIN = os.path.join(ROOT, ".build", "release")

# The shipped settings of each head (models/train-default.sh), without scope options that do not change the
# weights.
TASKS = {
    "frames": ("semeval2023-frames/train.jsonl", ["--bits", "16", "--namespaces", "text", "--ngrams", "1", "--no-negation",
                                                  "--l2", "0.5"]),
    "target_stance": ("semeval2016/train.jsonl", ["--bits", "17", "--ngrams", "1", "--char-ngrams", "2-5",
                                                   "--namespaces", "text,target,chars", "--per-target", "--l2", "1"]),
    "gun_frame": ("gvfc/train.jsonl", ["--bits", "16", "--ngrams", "1", "--char-ngrams", "2-5", "--namespaces", "text"]),
    # Folds grouped by outlet (`source`): the team's test has outlets that train does not.
    "leaning": ("allsides/train.jsonl.gz", ["--bits", "18", "--namespaces", "title,text", "--ngrams", "1", "--no-negation",
                                            "--no-cues", "--outlet-filter", "0.5", "--min-outlets", "0.25"]),
}
# Tasks whose folds are grouped: every record of one group value is in the same fold.
GROUP_BY = {"leaning": "source"}


def f1(tp, fp, fn):
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def metric(task, gold, pred, labels):
    if task == "frames":
        tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
        fp = sum(len(set(p) - set(g)) for g, p in zip(gold, pred))
        fn = sum(len(set(g) - set(p)) for g, p in zip(gold, pred))
        return f1(tp, fp, fn)
    def per_class(c):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        return f1(tp, fp, fn)
    if task == "target_stance":
        return (per_class("favor") + per_class("against")) / 2
    return statistics.mean(per_class(c) for c in labels)


def slant(task, train_path, test_path, tmp):
    model = os.path.join(tmp, "m.slant")
    subprocess.run([os.path.join(BIN, "slant-train"), "--data", train_path, "--task", task, "--threads", "2", "--seed", "1",
                    "--quiet", "--output", model] + TASKS[task][1], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([os.path.join(BIN, "slant-score"), "--model", model, "--task", task, "--actors", "off",
                          "--threads", "2", test_path], check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    preds = {}
    for line in out.decode().splitlines():
        r = json.loads(line)
        head = r.get(task, {})
        preds[r["id"]] = head.get("labels", []) if task == "frames" else head.get("label")
    return preds


def text_of(r):
    return (r.get("title", "") + " \n " if r.get("title") else "") + r["text"]


def sklearn(task, train, test, balanced=False):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.preprocessing import MultiLabelBinarizer
    from sklearn.svm import LinearSVC
    if task == "frames":
        mlb = MultiLabelBinarizer()
        y = mlb.fit_transform([r["labels"]["frames"] for r in train])
        clf = make_pipeline(TfidfVectorizer(sublinear_tf=True), OneVsRestClassifier(LogisticRegression(max_iter=1000, class_weight="balanced" if balanced else None)))
        clf.fit([text_of(r) for r in train], y)
        p = clf.predict([text_of(r) for r in test])
        return {r["id"]: list(mlb.inverse_transform(p[i:i + 1])[0]) for i, r in enumerate(test)}
    if task == "target_stance":
        preds = {}
        for target in sorted({r["target"] for r in train}):
            tr = [r for r in train if r["target"] == target]
            te = [r for r in test if r["target"] == target]
            if not te:
                continue
            feats = make_union(TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True),
                               TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
            clf = make_pipeline(feats, LinearSVC())
            clf.fit([r["text"] for r in tr], [r["labels"][task] for r in tr])
            for r, p in zip(te, clf.predict([r["text"] for r in te])):
                preds[r["id"]] = p
        return preds
    clf = make_pipeline(TfidfVectorizer(sublinear_tf=True), LogisticRegression(max_iter=1000, class_weight="balanced" if balanced else None))
    clf.fit([text_of(r) for r in train], [r["labels"][task] for r in train])
    return {r["id"]: p for r, p in zip(test, clf.predict([text_of(r) for r in test]))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", default="frames,target_stance,gun_frame")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--slant-options", action="append", default=[], metavar="TASK=OPTIONS",
                    help="Slant's settings for TASK instead of the shipped ones (to compare a candidate)")
    ap.add_argument("--extra-train", action="append", default=[], metavar="TASK=FILE",
                    help="labeled records added to every fold's training set for both tools (e.g. AllSides dev, whose "
                         "outlets train lacks), never to a test fold")
    ap.add_argument("--balanced", action="store_true",
                    help="class_weight='balanced' in the logistic-regression baselines (as Slant's heads weigh classes)")
    a = ap.parse_args()
    for o in a.slant_options:
        task, opts = o.split("=", 1)
        TASKS[task] = (TASKS[task][0], opts.split())
    print(f"| task | metric | Slant ({'settings given' if a.slant_options else 'shipped settings'}) | scikit-learn baseline | paired difference (Slant - sklearn) | folds Slant ahead |")
    print("|---|---|---|---|---|---|")
    def load(path):
        return [json.loads(l) for l in (gzip.open(path, "rt") if path.endswith(".gz") else open(path))]
    extra = {}
    for o in a.extra_train:
        task, path = o.split("=", 1)
        extra.setdefault(task, []).extend(r for r in load(path) if task in r.get("labels", {}))
    for task in a.tasks.split(","):
        records = [r for r in load(os.path.join(DATA, TASKS[task][0])) if task in r.get("labels", {})]
        labels = sorted({r["labels"][task] for r in records}) if task != "frames" else None
        s_scores, k_scores = [], []
        with tempfile.TemporaryDirectory() as tmp:
            for rep in range(a.repeats):
                group = GROUP_BY.get(task)
                if group:
                    # Outlets shuffled, then dealt in that order, each to the fold with the fewest records so
                    # far: folds of similar size although outlets are not, and different in every repeat.
                    names = sorted({r.get(group, "") for r in records})
                    random.Random(rep + 1).shuffle(names)
                    size = {n: 0 for n in names}
                    for r in records:
                        size[r.get(group, "")] += 1
                    fold_of, load = {}, [0] * a.folds
                    for n in names:
                        k = min(range(a.folds), key=lambda k: load[k])
                        fold_of[n] = k
                        load[k] += size[n]
                    fold_sets = [{i for i, r in enumerate(records) if fold_of[r.get(group, "")] == k} for k in range(a.folds)]
                else:
                    order = list(range(len(records)))
                    random.Random(rep + 1).shuffle(order)
                    fold_sets = [set(order[k::a.folds]) for k in range(a.folds)]
                for k in range(a.folds):
                    test_idx = fold_sets[k]
                    train = [r for i, r in enumerate(records) if i not in test_idx] + extra.get(task, [])
                    test = [r for i, r in enumerate(records) if i in test_idx]
                    tr, te = os.path.join(tmp, "train.jsonl"), os.path.join(tmp, "test.jsonl")
                    with open(tr, "w") as f:
                        f.writelines(json.dumps(r) + "\n" for r in train)
                    with open(te, "w") as f:
                        f.writelines(json.dumps({x: v for x, v in r.items() if x != "labels"}) + "\n" for r in test)
                    gold = [r["labels"][task] for r in test]
                    ps = slant(task, tr, te, tmp)
                    pk = sklearn(task, train, test, balanced=a.balanced)
                    s_scores.append(metric(task, gold, [ps.get(r["id"]) for r in test], labels))
                    k_scores.append(metric(task, gold, [pk.get(r["id"]) for r in test], labels))
                    print(f"  {task} repeat {rep + 1} fold {k + 1}: Slant {s_scores[-1]:.4f} sklearn {k_scores[-1]:.4f}", file=sys.stderr, flush=True)
        d = [x - y for x, y in zip(s_scores, k_scores)]
        se = statistics.stdev(d) / len(d) ** 0.5 if len(d) > 1 else 0
        name = {"frames": "micro-F1", "target_stance": "F_avg", "gun_frame": "macro-F1", "leaning": "macro-F1"}[task]
        print(f"| {task} | {name} | {statistics.mean(s_scores):.4f} ± {statistics.stdev(s_scores):.4f} | "
              f"{statistics.mean(k_scores):.4f} ± {statistics.stdev(k_scores):.4f} | {statistics.mean(d):+.4f} ± {se:.4f} | "
              f"{sum(1 for x in d if x > 0)} of {len(d)} |", flush=True)


if __name__ == "__main__":
    main()
