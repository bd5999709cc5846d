#!/usr/bin/env python3
"""The shipped default model against the peers on data none of them was trained on (shifted proxies).

`peers_cv.py` compares Slant and the peers on folds of one train split. The questions users ask of the leaning
head and the actor analysis are about articles unlike the training ones: other outlets, other stories, other
datasets. Here every tool learns from the same labelled data the default model learned from and is scored on
the same shifted sets; each row gives both scores and the paired bootstrap interval of their difference.

Leaning (macro-F1 over left, center, right). Training data for the peers: AllSides train + extra (the default
head's training data). Test sets:
- AllSides dev: 2,356 articles of 40 outlets, 29 of which train lacks (outlet ratings);
- SEESAW dev: 127 distinct articles labelled by annotators' reading (not the outlet's rating). The default
  model's class offsets were fitted on SEESAW train; the peers get no such step.
Actors (macro-F1 over negative, neutral, positive, one prediction per article–actor pair; an actor Slant does
not find counts as neutral, as in `slant-eval --actors`, whose numbers these are). Training data for the peers: PerSenT train + SEESAW
train (the pairs the default aggregator was fitted on), each pair as the actor's name followed by the whole
article (the team's reference classifies the whole article). Test sets: SEESAW dev (1,027 pairs, other
stories) and PerSenT dev (578 pairs, 417 actors).

Peers (settings as in peers_cv.py): scikit-learn TF-IDF word 1-2-grams + class-balanced logistic regression (the
team's reference pipeline, balanced as Slant's heads are); fastText `train_supervised` with its defaults and
wordNgrams 2 (5 epochs; the actor sets, 4,000 pairs, get its small-data advice, 25 epochs at 0.5); Vowpal Wabbit
`--oaa 3 --loss_function logistic -b 18 --ngram x2` (5 passes; 20 for the actor sets), the actor's name in a
namespace of its own.

Usage (the peers installed, e.g. Benchmarks/compare/.venv/bin/python; a release build and models/default.slant):
    python Benchmarks/accuracy/peers_shifted.py [--peers sklearn,fasttext,vw] [--only leaning|actors] [--resamples 1000]
"""
import argparse, gzip, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peers_cv  # noqa: E402  (the peers' tokens, each tool's settings, the metric)
from shifted import BIN, DATA, ROOT, actor_labels, paired_interval, seesaw_articles  # noqa: E402
from peers_cv import text_of, tokens  # noqa: E402

MODEL = os.path.join(ROOT, "models", "default.slant")


def load(path):
    return [json.loads(l) for l in (gzip.open(path, "rt") if path.endswith(".gz") else open(path))]


def macro_f1(gold, pred, labels):
    return peers_cv.metric("leaning", gold, pred, labels)


def paired(gold, a, b, labels, resamples):
    """macro-F1 of a and of b, and the 95% paired bootstrap interval of a − b (`shifted.paired_interval`)."""
    def diff(idx):
        g = [gold[i] for i in idx]
        return macro_f1(g, [a[i] for i in idx], labels) - macro_f1(g, [b[i] for i in idx], labels)
    lo, hi = paired_interval(len(gold), diff, resamples)
    return macro_f1(gold, a, labels), macro_f1(gold, b, labels), lo, hi


def seesaw_dev_articles(tmp):
    """SEESAW dev's articles with the annotators' leaning, one record each (`shifted.seesaw_articles`)."""
    path = os.path.join(tmp, "seesaw-dev-articles.jsonl")
    seesaw_articles(path, splits=("dev",))
    return [dict(r, id=f"a{i}") for i, r in enumerate(load(path))]


# --- Slant: the shipped model, as users run it ----------------------------------------------------------------

def slant_leaning(test, tmp):
    path = os.path.join(tmp, "lean.jsonl")
    with open(path, "w") as f:
        f.writelines(json.dumps({"id": r["id"], "title": r.get("title", ""), "text": r["text"]}) + "\n" for r in test)
    out = subprocess.run([os.path.join(BIN, "slant-score"), "--model", MODEL, "--task", "leaning", "--threads", "2", path],
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
    preds = {r["id"]: r.get("leaning", {}).get("label") for r in map(json.loads, out.splitlines())}
    return [preds.get(r["id"]) for r in test]


def slant_actors(test, tmp):
    """Each pair's label from `slant-score --actors on` (`shifted.actor_labels`: neutral where the actor is not
    found; --actors on, since a text of 600 bytes or fewer with a target is otherwise read as a sentence)."""
    path = os.path.join(tmp, "actors.jsonl")
    with open(path, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in test)
    return [label for _, label in actor_labels(MODEL, path, tmp)]


# --- the peers --------------------------------------------------------------------------------------------------

def peer_input(r, actor):
    return (r["target"] + " \n " if actor else "") + text_of(r)


def sklearn_peer(train, test, labels, actor, tmp):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                        LogisticRegression(max_iter=2000, class_weight="balanced"))
    clf.fit([peer_input(r, actor) for r in train], [r["labels"][labels] for r in train])
    return list(clf.predict([peer_input(r, actor) for r in test]))


def fasttext_peer(train, test, labels, actor, tmp):
    import fasttext
    path = os.path.join(tmp, "ft.txt")
    with open(path, "w") as f:
        f.writelines(f"__label__{r['labels'][labels]} {tokens(peer_input(r, actor))}\n" for r in train)
    m = fasttext.train_supervised(path, epoch=25 if actor else 5, lr=0.5 if actor else 0.1, wordNgrams=2, thread=1, seed=1, verbose=0)
    # Whole lists: fasttext-wheel's single-text predict fails with NumPy 2.
    got, _ = m.predict([tokens(peer_input(r, actor)) for r in test])
    return [ls[0].replace("__label__", "") for ls in got]


def vw_peer(train, test, labels, actor, tmp):
    from vowpalwabbit import Workspace
    names = sorted({r["labels"][labels] for r in train})
    def line(r, lab):
        return f"{lab} |x {tokens(text_of(r))}" + (f" |t {tokens(r['target'])}" if actor else "") + "\n"
    tr, te, model, pred = (os.path.join(tmp, n) for n in ("vw.train", "vw.test", "vw.model", "vw.pred"))
    with open(tr, "w") as f:
        f.writelines(line(r, names.index(r["labels"][labels]) + 1) for r in train)
    with open(te, "w") as f:
        f.writelines(line(r, "") for r in test)
    Workspace(f"-d {tr} --oaa {len(names)} --loss_function logistic -b 18 --ngram x2 --passes {20 if actor else 5} -c -k "
              f"--holdout_off --cache_file {tr}.cache -f {model} --quiet").finish()
    Workspace(f"-d {te} -t -i {model} -p {pred} --quiet").finish()
    return [names[int(float(x.split()[0])) - 1] for x in open(pred) if x.strip()]


PEERS = {"sklearn": sklearn_peer, "fasttext": fasttext_peer, "vw": vw_peer}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers", default="sklearn,fasttext,vw")
    ap.add_argument("--only", choices=["leaning", "actors"])
    ap.add_argument("--resamples", type=int, default=1000)
    a = ap.parse_args()
    peers = a.peers.split(",")
    print("| task | test set (n) | Slant, default model | peer | peer's score | Slant − peer [95% paired interval] |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        if a.only in (None, "leaning"):
            labels = ["center", "left", "right"]
            train = [r for r in load(os.path.join(DATA, "allsides", "train.jsonl.gz")) + load(os.path.join(DATA, "allsides", "extra.jsonl.gz"))
                     if "leaning" in r.get("labels", {})]
            tests = {"AllSides dev, outlets train lacks": [dict(r, id=f"d{i}") for i, r in enumerate(load(os.path.join(DATA, "allsides", "dev.jsonl.gz")))],
                     "SEESAW dev, annotators' reading": seesaw_dev_articles(tmp)}
            report("leaning", "leaning", labels, train, tests, peers, slant_leaning, False, a.resamples, tmp)
        if a.only in (None, "actors"):
            labels = ["negative", "neutral", "positive"]
            train = [r for r in load(os.path.join(DATA, "persent", "train.jsonl")) + load(os.path.join(DATA, "seesaw", "train.jsonl.gz"))
                     if r.get("target") and "target_sentiment" in r.get("labels", {})]
            tests = {"SEESAW dev, article–actor pairs": [dict(r, id=f"s{i}") for i, r in enumerate(load(os.path.join(DATA, "seesaw", "dev.jsonl.gz")))],
                     "PerSenT dev, article–actor pairs": [dict(r, id=f"p{i}") for i, r in enumerate(load(os.path.join(DATA, "persent", "dev.jsonl")))]}
            report("actors", "target_sentiment", labels, train, tests, peers, slant_actors, True, a.resamples, tmp)


def report(task, key, labels, train, tests, peers, slant, actor, resamples, tmp):
    for name, test in tests.items():
        gold = [r["labels"][key] for r in test]
        mine = slant(test, tmp)
        for peer in peers:
            theirs = PEERS[peer](train, test, key, actor, tmp)
            s, p, lo, hi = paired(gold, mine, theirs, labels, resamples)
            print(f"| {task} | {name} ({len(test)}) | {s:.4f} | {peer} | {p:.4f} | {s - p:+.3f} [{lo:+.3f}, {hi:+.3f}] |", flush=True)


if __name__ == "__main__":
    main()
