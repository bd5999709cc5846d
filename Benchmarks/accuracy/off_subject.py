#!/usr/bin/env python3
"""What the article heads say about texts on other subjects than the news they learned from.

`leaning` learned from political news (AllSides) and `frames` from news on public issues (SemEval-2023); the
model leaves a head out where it cannot read the text (another language, random characters) but not where the
text is about something else. This scores the project's own off-subject examples (`datasets/examples/
off-subject/`: a football report, a recipe, a film review, a weather forecast, a review of headphones, a travel
guide, gardening advice) with the default model and prints, per text, what each head answered; and, as the
reference a subject check would have to keep, how many of the shared datasets' news articles each head answers
(every one today). A subject check is measured by both numbers: off-subject texts answered (0 is its aim) and
news articles left out (0 is the requirement).

Usage: Benchmarks/accuracy/off_subject.py [--model FILE]
"""
import argparse, glob, gzip, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")
NEWS = ["allsides/dev.jsonl.gz", "allsides/extra.jsonl.gz", "seesaw/dev.jsonl.gz", "persent/dev.jsonl",
        "semeval2023-frames/train.jsonl", "fnc1/dev.jsonl.gz"]


def score(paths, model, extra=()):
    cmd = [SCORE, "--task", "leaning,frames", "--threads", "2"] + (["--model", model] if model else []) + list(extra) + paths
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    a = ap.parse_args()
    texts = sorted(glob.glob(os.path.join(ROOT, "datasets", "examples", "off-subject", "*.txt")))
    rows = score(texts, a.model, ["--title-first-line"])
    answered = {"leaning": 0, "frames": 0}
    print(f"{'text':14s} {'leaning':30s} frames")
    for r in rows:
        lean = r.get("leaning")
        fr = r.get("frames")
        for h in answered: answered[h] += h in r
        l = f"{lean['label']} {max(lean['scores'].values()):.2f}" if lean else "(left out)"
        f = ", ".join(f"{x} {fr['scores'][x]:.2f}" for x in fr["labels"]) if fr else "(left out)"
        print(f"{os.path.basename(r['id']):14s} {l:30s} {f}")
    print(f"off-subject texts answered: leaning {answered['leaning']} of {len(rows)}, frames {answered['frames']} of {len(rows)}")
    if not os.path.isdir(DATA):
        sys.exit(f"datasets not found at {DATA} (set SLANT_DATASETS): the news articles' side is not measured")
    tmp = tempfile.mkdtemp()
    for name in NEWS:
        path = os.path.join(DATA, name)
        if not os.path.exists(path): continue
        # Each article once, article-length texts only (the heads leave sentences out by design).
        seen, recs = set(), []
        with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
            for line in f:
                r = json.loads(line)
                if r["text"] in seen or len(r["text"].encode()) < 600: continue
                seen.add(r["text"]); recs.append({"id": str(len(recs)), "title": r.get("title"), "text": r["text"]})
        p = os.path.join(tmp, "news.jsonl")
        with open(p, "w") as f:
            for r in recs: f.write(json.dumps(r) + "\n")
        out = score([p], a.model)
        left = {h: sum(h not in r for r in out) for h in ("leaning", "frames")}
        print(f"{name:32s} {len(out):5d} articles; left out: leaning {left['leaning']}, frames {left['frames']}")


if __name__ == "__main__":
    main()
