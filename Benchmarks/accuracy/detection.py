#!/usr/bin/env python3
"""How well actor detection finds the actors annotators named, and how it writes their names.

When no actor is named, `slant-score` detects an article's main actors (docs/article-analysis.md). SEESAW
annotates each article's main and salient entities; PerSenT each article's main entity. For every annotated
person, organisation or place that Slant finds when given its name (`target`), this compares the sentences that
mention it with the sentences of each detected actor (`--evidence all` lists them):

- found: a detected actor's sentences and its sentences overlap by half or more (Jaccard index ≥ 0.5);
- named well: also, the detected actor's name uses only words of the annotated name ("Trump" or "Donald Trump"
  for "Donald Trump"; not "Maybe Trump" or "Voters Are Largely Backing Trump"), case, punctuation and initials
  aside;
- detected actors that match no annotated entity of any type (annotations are not exhaustive: an upper bound
  on detection's errors).

Each rate has a 95% bootstrap interval over articles; with --baseline-bin DIR (the release executables of
another build, e.g. an earlier commit's) both builds are scored and the differences are paired.

Usage: Benchmarks/accuracy/detection.py [--data seesaw/train.jsonl.gz ...] [--baseline-bin DIR] [--show N]
"""
import argparse, gzip, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shifted import DATA, ROOT, paired_interval  # noqa: E402  (the project's paths, the percentile bootstrap)

TYPES = {"People", "Organization", "GPE"}


def read(path):
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        return [json.loads(l) for l in f if l.strip()]


def words(name):
    """A name's words, lower-cased, without "the", a possessive, a plural's s ("Republicans" is "Republican") or
    an initial ("Robert S. Mueller" is named well for "Robert Mueller")."""
    ws = re.findall(r"[a-z0-9]+", name.lower().replace("’", "'").replace("'s", ""))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in ws if len(w) > 1} - {"the"}


def score(binary, records, tmp, tag):
    path = os.path.join(tmp, tag + ".jsonl")
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    out = subprocess.run([os.path.join(binary, "slant-score"), "--threads", "2", "--task", "leaning", "--actors", "on",
                          "--evidence", "all", path], check=True, capture_output=True, text=True).stdout
    return {o["id"]: o.get("actors", []) for o in map(json.loads, out.splitlines())}


def sentences(actor):
    return {e["start"] for e in actor.get("evidence", [])}


def evaluate(binary, articles, gold, tmp, tag):
    """Per article: (gold entities found, named well, gold total, detected, detected matching nothing), and the misnamed."""
    detected = score(binary, [{"id": k, "title": a["title"], "text": a["text"]} for k, a in articles.items()], tmp, tag + "-detected")
    given = score(binary, [{"id": f"{k}\t{i}", "title": articles[k]["title"], "text": articles[k]["text"], "target": g["target"]}
                           for k, gs in gold.items() for i, g in enumerate(gs)], tmp, tag + "-given")
    rows, misnamed = {}, []
    for k in articles:
        found = named = total = 0
        det = detected.get(k, [])
        used = [False] * len(det)
        for i, g in enumerate(gold[k]):
            a = given.get(f"{k}\t{i}", [])
            s = sentences(a[0]) if a else set()
            if not s:
                continue
            best, bestOverlap = None, 0.0
            for j, d in enumerate(det):
                sd = sentences(d)
                if not sd:
                    continue
                o = len(s & sd) / len(s | sd)
                if o >= 0.5:
                    used[j] = True
                    if o > bestOverlap:
                        best, bestOverlap = j, o
            if g["target_type"] not in TYPES:
                continue
            total += 1
            if best is not None:
                found += 1
                if words(det[best]["name"]) <= words(g["target"]):
                    named += 1
                else:
                    misnamed.append((det[best]["name"], g["target"]))
        rows[k] = (found, named, total, len(det), used.count(False))
    return rows, misnamed


def rates(rows, keys):
    f = sum(rows[k][0] for k in keys); n = sum(rows[k][1] for k in keys); t = sum(rows[k][2] for k in keys)
    d = sum(rows[k][3] for k in keys); u = sum(rows[k][4] for k in keys)
    return [f / max(t, 1), n / max(t, 1), u / max(d, 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", action="append", help="labelled pairs (default: seesaw/train.jsonl.gz)")
    ap.add_argument("--baseline-bin", help="release executables of another build, compared paired")
    ap.add_argument("--show", type=int, default=0, help="print this many misnamed actors")
    ap.add_argument("--reps", type=int, default=1000)
    a = ap.parse_args()
    paths = a.data or ["seesaw/train.jsonl.gz"]
    for p in paths:
        full = p if os.path.isabs(p) else os.path.join(DATA, p)
        if not os.path.exists(full):
            sys.exit(f"{full}: not found (the datasets are read from {DATA}; set SLANT_DATASETS)")
    if a.baseline_bin and not os.access(os.path.join(a.baseline_bin, "slant-score"), os.X_OK):
        sys.exit(f"{a.baseline_bin}: no slant-score executable there (--baseline-bin names a build's release folder)")
    tmp = tempfile.mkdtemp()
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for p in paths:
        recs = read(p if os.path.isabs(p) else os.path.join(DATA, p))
        articles, gold = {}, {}
        for r in recs:
            k = (r.get("title") or "") + "\n" + r["text"]
            if k not in articles:
                articles[k] = {"title": r.get("title") or "", "text": r["text"]}
                gold[k] = []
            gold[k].append({"target": r["target"], "target_type": r.get("target_type", "People")})
        ids = {k: f"a{i}" for i, k in enumerate(articles)}
        articles = {ids[k]: v for k, v in articles.items()}
        gold = {ids[k]: v for k, v in gold.items()}
        keys = list(articles)
        builds = [("this build", os.path.join(ROOT, ".build", "release"))]
        if a.baseline_bin:
            builds.append(("baseline", a.baseline_bin))
        results = [evaluate(b, articles, gold, tmp, f"{i}") for i, (_, b) in enumerate(builds)]
        print(f"\n{p}: {len(keys)} articles, {sum(r[2] for r in results[0][0].values())} annotated persons, organisations and places Slant finds by name")
        print("| build | found by detection | found and named well | detected actors matching no annotation |")
        print("|---|---|---|---|")
        # Articles resampled (the same resamples for every figure: the seed is fixed), so differences are paired.
        def iv(f):
            return paired_interval(len(keys), lambda idx: f([keys[i] for i in idx]), a.reps)
        for (name, _), (rows, _) in zip(builds, results):
            point = rates(rows, keys)
            cells = [(point[m], iv(lambda ks, m=m: rates(rows, ks)[m])) for m in range(3)]
            print(f"| {name} | " + " | ".join(f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, (lo, hi) in cells) + " |")
        if len(results) == 2:
            diff = lambda ks, m: rates(results[0][0], ks)[m] - rates(results[1][0], ks)[m]
            cells = [(diff(keys, m), iv(lambda ks, m=m: diff(ks, m))) for m in range(3)]
            print("| difference | " + " | ".join(f"{v:+.3f} [{lo:+.3f}, {hi:+.3f}]" for v, (lo, hi) in cells) + " |")
        for name, target in results[0][1][:a.show]:
            print(f"  named {name!r} for {target!r}")


if __name__ == "__main__":
    main()
