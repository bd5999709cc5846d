#!/usr/bin/env python3
"""Slant's shipped settings against scikit-learn baselines on the same cross-validation folds.

The team's held-out tests compare the default model with scikit-learn pipelines trained on the same train
splits. This script asks the same question before the test does: on identical repeated folds of each
benchmark's train split, does Slant (with the per-task settings of models/train-default.sh) score above
the scikit-learn baseline the team used? Both tools' predictions are scored by the same Python code here, so
the comparison is paired fold by fold: the mean difference and its standard error say whether a gap is
larger than the folds' noise.

Baselines (as the team describes them):
- frames: TF-IDF + one-vs-rest logistic regression (threshold 0.5), micro-F1 over the 14 frames;
- target_stance: a LinearSVC per target on word 1-3 + character 2-5-gram TF-IDF (the task's SVM baseline),
  F_avg = (F1 favor + F1 against) / 2 over all tweets;
- gun_frame: TF-IDF + logistic regression, macro-F1;
- leaning: TF-IDF + logistic regression on title + text, macro-F1, folds grouped by outlet (`source`), since the
  team's AllSides test has only outlets that train does not;
- directed_sentiment: TF-IDF word 1-3-grams of the sentence with the holder's and the target's mentions replaced
  by marker words, class-balanced logistic regression (C 1), macro-F1 (the team's reference on `directed`).
With --balanced, the logistic regressions weigh classes inversely to their frequency, as Slant's heads do; for
frames that is the stronger baseline (the team's exact pipeline is not known here).

--peers adds the other tools of Benchmarks/compare on the same folds, each with a plain, documented setting and
the same lower-cased regex tokens (title, target and text as for scikit-learn; the target in a namespace of its
own for Vowpal Wabbit):
- fasttext: `train_supervised(epoch=25, lr=0.5, wordNgrams=2)`, fastText's advice for small data (leaning: its
  defaults, 5 epochs at 0.1); frames with `loss="ova"` and every label whose probability is at least 0.5 (at
  least the top one);
- vw: Vowpal Wabbit `--oaa K --loss_function logistic -b 18 --ngram x2 --passes 20 -c -k --holdout_off`
  (leaning: 5 passes); target_stance also `--interactions tx` (every text feature crossed with the target, as
  the per-target SVMs and Slant's --per-target do); frames `--multilabel_oaa 14` instead of `--oaa K`.

Folds: 3 repeats x 5 folds, each repeat a seeded shuffle (Python's random, seeds 1, 2, 3) of the records, or for
leaning of the outlets (each outlet's articles all in one fold). Train splits only; the test splits are never read.

Usage (needs scikit-learn, and fasttext-wheel and vowpalwabbit for --peers: the venv of Benchmarks/compare):
    python3 Benchmarks/accuracy/peers_cv.py [--tasks frames,target_stance,gun_frame] [--repeats 3]
                                            [--peers sklearn,fasttext,vw] [--balanced]
"""
import argparse, gzip, json, os, random, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
BIN = os.path.join(ROOT, ".build", "release")

# The shipped settings of each head (models/train-default.sh), without scope options that do not change the
# weights.
TASKS = {
    "frames": ("semeval2023-frames/train.jsonl", ["--bits", "15", "--namespaces", "text", "--ngrams", "1", "--no-negation",
                                                  "--l2", "0.5"]),
    "target_stance": ("semeval2016/train.jsonl", ["--bits", "17", "--ngrams", "1", "--char-ngrams", "2-5",
                                                   "--namespaces", "text,target,chars", "--per-target", "--l2", "1"]),
    "gun_frame": ("gvfc/train.jsonl", ["--bits", "15", "--ngrams", "1", "--char-ngrams", "2-5", "--namespaces", "text"]),
    # Folds grouped by outlet (`source`): the team's test has outlets that train does not.
    "leaning": ("allsides/train.jsonl.gz", ["--bits", "20", "--namespaces", "title,text", "--ngrams", "1", "--no-negation",
                                            "--no-cues", "--l2", "1"]),
    "directed_sentiment": ("directed/train.jsonl", ["--bits", "18", "--ngrams", "2", "--l2", "1", "--namespaces", "text,between",
                                                    "--mark-entities", "--drop-unseen"]),
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


def marked(r):
    """The sentence with the holder's and the target's mentions replaced by marker words (as Slant's --mark-entities)."""
    t = r["text"]
    edits = [(s, e, " slantholder ") for s, e in r.get("holder_spans", [])] + [(s, e, " slanttarget ") for s, e in r.get("spans", [])]
    for s, e, w in sorted(edits, reverse=True):
        t = t[:s] + w + t[e:]
    return t


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
    if task == "directed_sentiment":
        clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 3)), LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced"))
        clf.fit([marked(r) for r in train], [r["labels"][task] for r in train])
        return {r["id"]: p for r, p in zip(test, clf.predict([marked(r) for r in test]))}
    clf = make_pipeline(TfidfVectorizer(sublinear_tf=True), LogisticRegression(max_iter=1000, class_weight="balanced" if balanced else None))
    clf.fit([text_of(r) for r in train], [r["labels"][task] for r in train])
    return {r["id"]: p for r, p in zip(test, clf.predict([text_of(r) for r in test]))}


# The peers' tokens, as Benchmarks/compare gives them: lower-cased regex tokens without '|' and ':' (syntax in
# Vowpal Wabbit's format; fastText splits on the spaces left in their place the same way).
sys.path.insert(0, os.path.join(ROOT, "Benchmarks", "compare"))
from peers import vw_tokens as tokens  # noqa: E402


def peer_text(task, r):
    return tokens((r.get("target", "") + " \n " if task == "target_stance" and r.get("target") else "") + text_of(r))


def fasttext_peer(task, train, test, tmp):
    import fasttext
    path = os.path.join(tmp, "ft.txt")
    with open(path, "w") as f:
        for r in train:
            gold = r["labels"][task]
            labels = " ".join("__label__" + l for l in (gold if task == "frames" else [gold]))
            f.write(labels + " " + peer_text(task, r) + "\n")
    m = fasttext.train_supervised(path, epoch=int(peer_setting(task, "PEER_FT_EPOCHS", "25", "5")),
                                  lr=float(peer_setting(task, "PEER_FT_LR", "0.5", "0.1")), wordNgrams=2, thread=1, seed=1, verbose=0,
                                  **({"loss": "ova"} if task == "frames" else {}))
    # Whole lists: fasttext-wheel's single-text predict fails with NumPy 2 (np.array(copy=False)).
    texts = [peer_text(task, r) for r in test]
    if task == "frames":
        labels, probs = m.predict(texts, k=-1)
        return {r["id"]: [l.replace("__label__", "") for l, p in zip(ls, ps) if p >= 0.5] or [ls[0].replace("__label__", "")]
                for r, ls, ps in zip(test, labels, probs)}
    labels, _ = m.predict(texts)
    return {r["id"]: ls[0].replace("__label__", "") for r, ls in zip(test, labels)}


def vw_peer(task, train, test, tmp):
    from vowpalwabbit import Workspace
    if task == "frames":
        names = sorted({l for r in train for l in r["labels"][task]})
        label = lambda r: ",".join(str(names.index(l)) for l in r["labels"][task])
        mode = f"--multilabel_oaa {len(names)}"
    else:
        names = sorted({r["labels"][task] for r in train})
        label = lambda r: str(names.index(r["labels"][task]) + 1)
        mode = f"--oaa {len(names)}"
    def line(r, lab):
        t = tokens(r["target"]) if task == "target_stance" else ""
        return f"{lab} |x {tokens(text_of(r))}" + (f" |t {t}" if t else "") + "\n"
    tr, te, model, pred = (os.path.join(tmp, n) for n in ("vw.train", "vw.test", "vw.model", "vw.pred"))
    with open(tr, "w") as f:
        f.writelines(line(r, label(r)) for r in train)
    with open(te, "w") as f:
        f.writelines(line(r, "") for r in test)
    extra = " --interactions tx" if task == "target_stance" else ""
    Workspace(f"-d {tr} {mode} --loss_function logistic -b 18 --ngram x2 --passes {peer_setting(task, 'PEER_VW_PASSES', '20', '5')} -c -k --holdout_off"
              f"{extra} --cache_file {tr}.cache -f {model} --quiet").finish()
    Workspace(f"-d {te} -t -i {model} -p {pred} --quiet").finish()
    out = [x.split()[0] if x.strip() else "" for x in open(pred)]
    if task == "frames":
        return {r["id"]: [names[int(i)] for i in o.split(",") if i != ""] for r, o in zip(test, out)}
    return {r["id"]: names[int(float(o)) - 1] for r, o in zip(test, out)}


PEERS = {"fasttext": fasttext_peer, "vw": vw_peer}
# Epochs/passes and learning rate of the peers (environment: PEER_FT_EPOCHS, PEER_FT_LR, PEER_VW_PASSES). The
# small sets get fastText's advice for small data (25 epochs, learning rate 0.5: with its defaults, 5 epochs at
# 0.1, it predicted one class for GVFC, macro-F1 0.05, and reached F_avg 0.45 on SemEval-2016) and 20 passes of
# VW; AllSides (26,590 articles) the tools' defaults, 5 passes as in Benchmarks/compare.
def peer_setting(task, name, small, large):
    return os.environ.get(name, large if task == "leaning" else small)


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
    ap.add_argument("--peers", default="sklearn",
                    help="the tools Slant is compared with on every fold: sklearn, fasttext, vw (comma-separated)")
    a = ap.parse_args()
    peers = a.peers.split(",")
    for o in a.slant_options:
        task, opts = o.split("=", 1)
        TASKS[task] = (TASKS[task][0], opts.split())
    print(f"| task | metric | Slant ({'settings given' if a.slant_options else 'shipped settings'}) | peer | peer's score | paired difference (Slant - peer) | folds Slant ahead |")
    print("|---|---|---|---|---|---|---|")
    def load(path):
        return [json.loads(l) for l in (gzip.open(path, "rt") if path.endswith(".gz") else open(path))]
    extra = {}
    for o in a.extra_train:
        task, path = o.split("=", 1)
        extra.setdefault(task, []).extend(r for r in load(path) if task in r.get("labels", {}))
    for task in a.tasks.split(","):
        records = [r for r in load(os.path.join(DATA, TASKS[task][0])) if task in r.get("labels", {})]
        labels = sorted({r["labels"][task] for r in records}) if task != "frames" else None
        s_scores, k_scores = [], {p: [] for p in peers}
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
                    s_scores.append(metric(task, gold, [ps.get(r["id"]) for r in test], labels))
                    line = f"  {task} repeat {rep + 1} fold {k + 1}: Slant {s_scores[-1]:.4f}"
                    for peer in peers:
                        pk = sklearn(task, train, test, balanced=a.balanced) if peer == "sklearn" else PEERS[peer](task, train, test, tmp)
                        k_scores[peer].append(metric(task, gold, [pk.get(r["id"]) for r in test], labels))
                        line += f" {peer} {k_scores[peer][-1]:.4f}"
                    print(line, file=sys.stderr, flush=True)
        name = {"frames": "micro-F1", "target_stance": "F_avg", "gun_frame": "macro-F1", "leaning": "macro-F1",
                "directed_sentiment": "macro-F1"}[task]
        for peer in peers:
            d = [x - y for x, y in zip(s_scores, k_scores[peer])]
            se = statistics.stdev(d) / len(d) ** 0.5 if len(d) > 1 else 0
            print(f"| {task} | {name} | {statistics.mean(s_scores):.4f} ± {statistics.stdev(s_scores):.4f} | {peer} | "
                  f"{statistics.mean(k_scores[peer]):.4f} ± {statistics.stdev(k_scores[peer]):.4f} | {statistics.mean(d):+.4f} ± {se:.4f} | "
                  f"{sum(1 for x in d if x > 0)} of {len(d)} |", flush=True)


if __name__ == "__main__":
    main()
