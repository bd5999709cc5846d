#!/usr/bin/env python3
"""A candidate setting against the shipped recipe on the shifted proxies: other outlets, another dataset.

  Benchmarks/accuracy/shifted.py leaning --mask-names              # options added to leaning's
  Benchmarks/accuracy/shifted.py actors --context-sides             # options added to target_sentiment's
  Benchmarks/accuracy/shifted.py actors --train-flags=--actor-neutral-speakers   # slant-train flags, candidate only
  Benchmarks/accuracy/shifted.py actors --train-flags="--actor-balance 0.5"
  Benchmarks/accuracy/shifted.py directed                          # the shipped directed head on another dataset
  Benchmarks/accuracy/shifted.py actors --baseline-bin ../old/.build/release   # a change to the analysis's code: two builds, one model
  Benchmarks/accuracy/shifted.py actors --baseline-bin ../old/.build/release --baseline-model ../old/models/default.slant
                                                                   # a change to both: each build with its own model

`leaning`: the shipped recipe (leaning's --task-options in models/train-default.sh) and the candidate, each trained
on AllSides train + extra and evaluated on AllSides dev (2,356 articles, 29 outlets train lacks; again without its
largest outlet, the New York Times' news, 1,393 of them, so that one outlet cannot decide) and on SEESAW's
articles as annotators read them (labels.leaning, one record per article), and each trained on AllSides train
alone and evaluated on the extra outlets (1,223 articles, 333 outlets). The recipe's `--prior-data` (class offsets
fitted on SEESAW train's annotators' reading) is applied to both; when it (or the candidate's flags) fits on SEESAW
train, the human-reading row uses SEESAW dev alone.

`actors`: the sentence head the analysis reads (target_sentiment, NewsMTSC train, stopped and calibrated on its dev)
with the aggregator fitted as models/train-default.sh does (its --actor-data line), shipped and candidate; the actor
analysis evaluated on SEESAW train (3,203 article-entity pairs of partisan news: another dataset, the largest
proxy), SEESAW dev (1,027) and PerSenT dev (578); and SEESAW dev and PerSenT dev again with each pair weighted so
that the gold labels have the label mix of the team's partisan held-out set (negative 126, neutral 463, positive
23 of 612 pairs): a proxy for that set's label shift, which plain macro-F1 on these datasets (neutral 61% and
37%) does not see. A proxy the candidate trained on (e.g. SEESAW train with `--actor-data`) is marked.

`directed`: the shipped model's directed_sentiment head (models/default.slant) against the team's reference
(scikit-learn TF-IDF word 1-3-grams of the sentence with both mentions marked, class-balanced logistic
regression, C 1, trained on `directed` train) on another dataset: SEESAW's stance sentences (train and dev
splits) whose holder and target are both marked, labelled positive or negative only; the metric is the mean F1
of negative and positive (a neutral answer counts as a miss), with a paired bootstrap interval. Needs scikit-learn.

Every comparison of the first two is `slant-eval --compare` (paired bootstrap over the same records, 1,000 resamples): the
difference candidate - shipped with its 95% interval. Each look spends the proxies: decide with few looks, and
when they disagree or the difference is inside the interval keep the simpler setting (models/README.md).
Every command is printed. Test splits are never read.
"""
import argparse, gzip, json, os, random, re, shlex, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
LEXICON = os.environ.get("SLANT_LEXICON", os.path.join(os.path.dirname(ROOT), "shared", "lexicons", "vader", "vader_lexicon.txt"))
BIN = os.path.join(ROOT, ".build", "release")


def run(cmd, **kw):
    print("$ " + " ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def shipped_options(task):
    """The task's options in models/train-default.sh, with the lexicon path filled in."""
    script = open(os.path.join(ROOT, "models", "train-default.sh")).read()
    m = re.search(r'--task-options "%s=([^"]*)"' % re.escape(task), script)
    if not m:
        sys.exit(f"no --task-options for {task} in models/train-default.sh")
    return m.group(1).replace("$L", LEXICON)


def d(*p):
    return os.path.join(DATA, *p)


def shipped_actor_flags():
    """The --actor-data line of models/train-default.sh (files and flags), with the datasets folder filled in."""
    script = open(os.path.join(ROOT, "models", "train-default.sh")).read()
    m = re.search(r'^\s*(--actor-data [^\\\n]*)', script, re.M)
    if not m:
        sys.exit("no --actor-data line in models/train-default.sh")
    return [w.replace("$D", DATA) for w in shlex.split(m.group(1))]


def train(out, data, task, options, dev=(), flags=()):
    cmd = [os.path.join(BIN, "slant-train"), "-q", "--data", *data, "--task", task,
           "--task-options", f"{task}={options}", "--threads", "2", "--seed", "1", "--output", out]
    if dev:
        cmd += ["--dev", *dev]
    run(cmd + list(flags))


def compare(candidate, shipped, data, extra):
    """slant-eval --compare's paired difference of macro-F1 (candidate - shipped), as (shipped, candidate, low, high)."""
    r = run([os.path.join(BIN, "slant-eval"), "-m", candidate, "--data", data, "--compare", shipped, "--json",
             "--bootstrap", "1000", *extra], capture_output=True, text=True)
    tasks = json.loads(r.stdout)["tasks"]
    t = next(iter(tasks.values()))
    c = t["comparisons"][shipped]["macro_f1"]
    return t["macro_f1"] - c["difference"], t["macro_f1"], c["ci95"][0], c["ci95"][1], t.get("actors_found")


PARTISAN_MIX = {"negative": 126, "neutral": 463, "positive": 23}   # the partisan held-out set's gold labels


def actor_labels(model, data, tmp, bin_dir=BIN):
    """Each pair's gold and predicted actor label (neutral where the actor is not found), from slant-score."""
    out = os.path.join(tmp, "labels.jsonl")
    with open(out, "w") as f:
        run([os.path.join(bin_dir, "slant-score"), "-m", model, "--actors", "on", "--task", "target_sentiment",
             "--keep", "labels", data], stdout=f, stderr=subprocess.DEVNULL)
    pairs = []
    with open(out) as f:
        for line in f:
            r = json.loads(line)
            actors = r.get("actors") or []
            pairs.append((r["labels"]["target_sentiment"], actors[0]["label"] if actors else "neutral"))
    return pairs


def reweighted_macro_f1(pairs, idx, weight):
    """Macro-F1 of the pairs at `idx` (with repeats), each weighted by its gold label's weight."""
    f1 = []
    for c in PARTISAN_MIX:
        tp = fp = fn = 0.0
        for i in idx:
            g, p = pairs[i]
            w = weight[g]
            if g == c and p == c:
                tp += w
            elif p == c:
                fp += w
            elif g == c:
                fn += w
        f1.append(2 * tp / (2 * tp + fp + fn) if tp > 0 else 0.0)
    return sum(f1) / len(f1)


def reweighted(candidate, shipped, data, tmp, reps=1000):
    """Both models' macro-F1 with the partisan set's label mix, and the paired bootstrap interval of the difference."""
    a, b = actor_labels(candidate, data, tmp), actor_labels(shipped, data, tmp)
    n = len(a)
    counts = {c: sum(1 for g, _ in a if g == c) for c in PARTISAN_MIX}
    total = sum(PARTISAN_MIX.values())
    weight = {c: (PARTISAN_MIX[c] / total) / (counts[c] / n) for c in PARTISAN_MIX if counts[c]}
    everything = list(range(n))
    fa, fb = reweighted_macro_f1(a, everything, weight), reweighted_macro_f1(b, everything, weight)
    lo, hi = paired_interval(n, lambda idx: reweighted_macro_f1(a, idx, weight) - reweighted_macro_f1(b, idx, weight), reps)
    return fb, fa, lo, hi, None


def builds(baseline_bin, tmp, reps=1000, baseline_model=None):
    """The shipped model read by this build against the same model read by the build in `baseline_bin` (a change
    to the analysis's code rather than to its training), or against `baseline_model` read by that build (a change
    to the code that also changes the model it trains), on the actor proxies: rows as `main` prints them."""
    model = os.path.join(ROOT, "models", "default.slant")
    rows = []
    for label, data, mix in (("SEESAW train (3,203 pairs)", d("seesaw", "train.jsonl.gz"), False),
                             ("SEESAW dev (1,027)", d("seesaw", "dev.jsonl.gz"), False),
                             ("PerSenT dev (578)", d("persent", "dev.jsonl"), False),
                             ("SEESAW dev, partisan held-out set's label mix", d("seesaw", "dev.jsonl.gz"), True),
                             ("PerSenT dev, partisan held-out set's label mix", d("persent", "dev.jsonl"), True)):
        new, old = actor_labels(model, data, tmp), actor_labels(baseline_model or model, data, tmp, bin_dir=baseline_bin)
        n = len(new)
        if mix:
            counts = {c: sum(1 for g, _ in new if g == c) for c in PARTISAN_MIX}
            total = sum(PARTISAN_MIX.values())
            weight = {c: (PARTISAN_MIX[c] / total) / (counts[c] / n) for c in PARTISAN_MIX if counts[c]}
        else:
            weight = {c: 1.0 for c in PARTISAN_MIX}
        everything = list(range(n))
        lo, hi = paired_interval(n, lambda idx: reweighted_macro_f1(new, idx, weight) - reweighted_macro_f1(old, idx, weight), reps)
        changed = sum(1 for (_, a), (_, b) in zip(new, old) if a != b)
        rows.append((label, reweighted_macro_f1(old, everything, weight), reweighted_macro_f1(new, everything, weight), lo, hi, changed))
    return rows


def paired_interval(n, difference, reps=1000, seed=1):
    """The 95% percentile interval of `difference(indices)` over `reps` resamples of n records (paired bootstrap)."""
    rng = random.Random(seed)
    diffs = sorted(difference([rng.randrange(n) for _ in range(n)]) for _ in range(reps))
    return diffs[int(0.025 * reps)], diffs[int(0.975 * reps) - 1]


def directed_shift(tmp, reps=1000):
    """The shipped directed head against the reference on SEESAW's marked stance sentences: (n, ours, reference, low, high)."""
    from sklearn.metrics import f1_score
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import peers_cv   # the reference, as its cross-validation runs it

    test = os.path.join(tmp, "stances.jsonl")
    with open(test, "w") as out:
        for split in ("train", "dev"):
            with gzip.open(d("seesaw", f"stances-{split}.jsonl.gz"), "rt") as f:
                for line in f:
                    r = json.loads(line)
                    if r.get("holder_spans") and r.get("spans"):
                        out.write(line)
    records = [json.loads(line) for line in open(test)]
    scored = os.path.join(tmp, "stances.out")
    with open(scored, "w") as f:
        run([os.path.join(BIN, "slant-score"), "-m", os.path.join(ROOT, "models", "default.slant"), "--task", "directed_sentiment", test],
            stdout=f, stderr=subprocess.DEVNULL)
    ours = {r["id"]: r["directed_sentiment"]["label"] for r in map(json.loads, open(scored))}
    train = [json.loads(line) for line in open(d("directed", "train.jsonl"))]
    theirs = peers_cv.sklearn("directed_sentiment", train, records)
    gold = [r["labels"]["directed_sentiment"] for r in records]
    a = [ours[r["id"]] for r in records]
    ref = [theirs[r["id"]] for r in records]

    def f1(idx, p):
        return f1_score([gold[i] for i in idx], [p[i] for i in idx], labels=["negative", "positive"], average="macro")
    n = len(gold)
    lo, hi = paired_interval(n, lambda idx: f1(idx, a) - f1(idx, ref), reps)
    return n, f1(range(n), a), f1(range(n), ref), lo, hi


def shipped_prior_flags():
    """The --prior-data arguments of models/train-default.sh (class offsets fitted after training), filled in."""
    script = open(os.path.join(ROOT, "models", "train-default.sh")).read()
    return [w for m in re.findall(r'--prior-data\s+"?([^"\s]+)"?', script) for w in ("--prior-data", m.replace("$D", DATA))]


def seesaw_articles(path, splits=("train", "dev")):
    """SEESAW's articles with the annotators' leaning, one record each (the release has one record per entity)."""
    seen = set()
    with open(path, "w") as out:
        for split in splits:
            with gzip.open(d("seesaw", f"{split}.jsonl.gz"), "rt") as f:
                for line in f:
                    r = json.loads(line)
                    lean = r["labels"].get("leaning")
                    key = (r.get("title"), r["text"][:500])
                    if lean is None or key in seen:
                        continue
                    seen.add(key)
                    out.write(json.dumps({"id": r["id"], "title": r.get("title"), "text": r["text"], "labels": {"leaning": lean}}) + "\n")
    return len(seen)


def without_largest_source(src, path):
    """The records of `src` except those of its largest source (AllSides dev: the New York Times' news, 1,393 of
    2,356 articles), so that one outlet cannot decide the dev estimate; returns (that source, records kept)."""
    with gzip.open(src, "rt") as f:
        records = [json.loads(line) for line in f]
    counts = {}
    for r in records:
        counts[r.get("source")] = counts.get(r.get("source"), 0) + 1
    top = max(counts, key=lambda k: (counts[k], str(k)))
    kept = [r for r in records if r.get("source") != top]
    with open(path, "w") as out:
        for r in kept:
            out.write(json.dumps(r) + "\n")
    return top, len(kept)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["leaning", "actors", "directed"])
    ap.add_argument("--train-flags", default="", help="slant-train flags for the candidate only (e.g. actor settings), as --train-flags=...")
    ap.add_argument("--baseline-bin", help="with actors: compare this build against the build in this folder (e.g. another checkout's .build/release), both reading models/default.slant")
    ap.add_argument("--baseline-model", help="with --baseline-bin: the model the baseline build reads (default: models/default.slant)")
    a, rest = ap.parse_known_args()
    a.options = " ".join(shlex.quote(x) for x in rest)   # everything else: options added to the task's shipped ones
    if not os.path.isdir(DATA):
        sys.exit(f"datasets not found at {DATA} (set SLANT_DATASETS)")
    run(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="slant-shifted-")
    if a.what == "directed":
        n, ours, ref, lo, hi = directed_shift(tmp)
        print(f"\ndirected_sentiment on SEESAW's marked stance sentences ({n:,}): mean F1 of negative and positive")
        print("| shipped head | reference (scikit-learn on `directed` train) | difference |\n|---|---|---|")
        print(f"| {ours:.4f} | {ref:.4f} | {ours - ref:+.4f} [{lo:+.4f}, {hi:+.4f}] |")
        return
    if a.baseline_model and not a.baseline_bin:
        sys.exit("--baseline-model goes with --baseline-bin")
    if a.baseline_bin:
        if a.what != "actors":
            sys.exit("--baseline-bin goes with actors")
        if a.baseline_model and not os.path.isfile(a.baseline_model):
            sys.exit(f"--baseline-model: no such file {a.baseline_model}")
        same = "its own model" if a.baseline_model else "same model"
        print(f"\nactors: this build against {a.baseline_bin}, {same} (macro-F1; paired difference, 95% interval)")
        print("| proxy | baseline build | this build | difference | labels changed |\n|---|---|---|---|---|")
        for label, old, new, lo, hi, changed in builds(a.baseline_bin, tmp, baseline_model=a.baseline_model):
            print(f"| {label} | {old:.4f} | {new:.4f} | {new - old:+.4f} [{lo:+.4f}, {hi:+.4f}] | {changed} |")
        return
    flags = shlex.split(a.train_flags)
    rows = []
    if a.what == "leaning":
        base = shipped_options("leaning")
        cand = (base + " " + a.options).strip()
        both = [d("allsides", "train.jsonl.gz"), d("allsides", "extra.jsonl.gz")]
        prior = shipped_prior_flags()
        for name, opts, fl in (("shipped", base, prior), ("candidate", cand, prior + flags)):
            train(os.path.join(tmp, f"{name}.slant"), both, "leaning", opts, flags=fl)
            train(os.path.join(tmp, f"{name}-train.slant"), [d("allsides", "train.jsonl.gz")], "leaning", opts, flags=fl)
        human = os.path.join(tmp, "seesaw-articles.jsonl")
        # Class offsets fitted on SEESAW train's reading (--prior-data) leave its dev split as the proxy.
        fitted = any("seesaw/train" in w for w in prior + flags)
        n = seesaw_articles(human, ("dev",) if fitted else ("train", "dev"))
        rest = os.path.join(tmp, "dev-rest.jsonl")
        top, kept = without_largest_source(d("allsides", "dev.jsonl.gz"), rest)
        for label, data, suffix in ((f"AllSides dev (2,356)", d("allsides", "dev.jsonl.gz"), ""),
                                    (f"AllSides dev without {top} ({kept:,})", rest, ""),
                                    (f"SEESAW{' dev' if fitted else ''}, annotators' reading ({n})", human, ""),
                                    ("extra outlets, trained on train alone (1,223)", d("allsides", "extra.jsonl.gz"), "-train")):
            rows.append((label,) + compare(os.path.join(tmp, f"candidate{suffix}.slant"), os.path.join(tmp, f"shipped{suffix}.slant"), data, ["--task", "leaning"]))
    else:
        base = shipped_options("target_sentiment")
        cand = (base + " " + a.options).strip()
        recipe = shipped_actor_flags()
        for name, opts, fl in (("shipped", base, []), ("candidate", cand, flags)):
            train(os.path.join(tmp, f"{name}.slant"), [d("newsmtsc", "train.jsonl")], "target_sentiment", opts,
                  dev=[d("newsmtsc", "dev.jsonl")], flags=recipe + fl)
        for label, data in (("SEESAW train (3,203 pairs)", d("seesaw", "train.jsonl.gz")),
                            ("SEESAW dev (1,027)", d("seesaw", "dev.jsonl.gz")),
                            ("PerSenT dev (578)", d("persent", "dev.jsonl"))):
            if "SEESAW train" in label:
                if any("seesaw/train" in w for w in recipe):
                    label += " (both trained on it)"
                elif "seesaw/train" in a.train_flags:
                    label += " (the candidate trained on it)"
            rows.append((label,) + compare(os.path.join(tmp, "candidate.slant"), os.path.join(tmp, "shipped.slant"), data, ["--actors"]))
        for label, data in (("SEESAW dev, partisan held-out set's label mix", d("seesaw", "dev.jsonl.gz")),
                            ("PerSenT dev, partisan held-out set's label mix", d("persent", "dev.jsonl"))):
            rows.append((label,) + reweighted(os.path.join(tmp, "candidate.slant"), os.path.join(tmp, "shipped.slant"), data, tmp))
    print(f"\n{a.what}: shipped recipe against + {a.options!r} {a.train_flags!r} (macro-F1; paired difference, 95% interval)")
    print("| proxy | shipped | candidate | difference |" + (" actors found |" if a.what == "actors" else ""))
    print("|---|---|---|---|" + ("---|" if a.what == "actors" else ""))
    for label, shipped, cand_f1, lo, hi, found in rows:
        extra = f" {found if found is not None else ''} |" if a.what == "actors" else ""
        print(f"| {label} | {shipped:.4f} | {cand_f1:.4f} | {cand_f1 - shipped:+.4f} [{lo:+.4f}, {hi:+.4f}] |{extra}")


if __name__ == "__main__":
    main()
