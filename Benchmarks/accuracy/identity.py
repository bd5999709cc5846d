#!/usr/bin/env python3
"""How much an actor's label depends on who the actor is, rather than on what the article says of it.

A counterfactual test that needs no labels: for six well-known politicians (Donald Trump, Barack Obama, Mitt
Romney, Hillary Clinton, Bernie Sanders, Joe Biden), every AllSides dev article that writes the surname is scored
twice with the politician as the named actor (`--actor`), once as written and once with the name replaced by an
invented one of the same shape ("Donald Trump" and "Trump" become "Daniel Turner" and "Turner", in the title and
the text). An analysis that reads only how the text speaks of the actor gives both the same label; each row
prints how many labels change and the labels' mix before and after. A model whose target-sentiment head was
trained with `--mask-target` (the target's name read as one word) changes almost none; the default model's head
reads the name. The same articles with all six names replaced at once are also scored for `leaning` (when the
model has it): how many articles' leaning changes with the names alone.

Usage: Benchmarks/accuracy/identity.py [--model FILE] [--data allsides/dev.jsonl.gz]
"""
import argparse, gzip, json, os, re, subprocess, sys, tempfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")
# Each politician, and the invented name that stands in for the real one (first name, surname).
SWAPS = {"Donald Trump": ("Daniel", "Turner"), "Barack Obama": ("Brian", "Osborne"), "Mitt Romney": ("Martin", "Rowley"),
         "Hillary Clinton": ("Helen", "Carlton"), "Bernie Sanders": ("Benjamin", "Sanford"), "Joe Biden": ("James", "Bidwell")}
LABELS = ("negative", "neutral", "positive")


def replace(text, full, invented):
    """`text` with the politician's full name (a middle initial allowed) and surname replaced by the invented one."""
    first, surname = full.split()
    text = re.sub(r"\b%s\s+(?:[A-Z]\.\s+)?%s\b" % (first, surname), " ".join(invented), text)
    return re.sub(r"\b%s\b" % surname, invented[1], text)


def labels(path, model):
    cmd = [SCORE, "--threads", "2", "--task", "target_sentiment", "--actors", "on", "--evidence", "0", path]
    out = subprocess.run(cmd + (["--model", model] if model else []), check=True, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout
    return [((json.loads(l).get("actors") or [{}])[0]).get("label", "not found") for l in out.splitlines() if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", help="the model to test (default: models/default.slant)")
    ap.add_argument("--data", default="allsides/dev.jsonl.gz", help="articles, under the shared datasets folder")
    a = ap.parse_args()
    path = os.path.join(DATA, a.data)
    if not os.path.exists(path):
        sys.exit(f"{path} not found (set SLANT_DATASETS)")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        articles = [json.loads(l) for l in f if l.strip()]
    tmp = tempfile.mkdtemp()
    written, invented, who = [], [], []
    for r in articles:
        for full, new in SWAPS.items():
            if not re.search(r"\b%s\b" % full.split()[1], r["text"]):
                continue
            who.append(full)
            written.append({"id": r["id"], "title": r.get("title", ""), "text": r["text"], "target": full})
            invented.append({"id": r["id"], "title": replace(r.get("title", ""), full, new), "text": replace(r["text"], full, new),
                             "target": " ".join(new)})
    got = []
    for name, rows in (("written", written), ("invented", invented)):
        p = os.path.join(tmp, name + ".jsonl")
        with open(p, "w") as f:
            f.write("".join(json.dumps(x) + "\n" for x in rows))
        got.append(labels(p, a.model))
    print(f"{a.data}, model {a.model or 'models/default.slant'}: the actor's label with its name as written → with an invented name")
    print("| actor | articles | labels changed | as written (neg / neu / pos) | invented name (neg / neu / pos) |")
    print("|---|---|---|---|---|")
    for full in SWAPS:
        idx = [i for i, w in enumerate(who) if w == full]
        if not idx:
            continue
        changed = sum(1 for i in idx if got[0][i] != got[1][i])
        mix = [Counter(got[k][i] for i in idx) for k in (0, 1)]
        row = [" / ".join(str(m[l]) for l in LABELS) for m in mix]
        print(f"| {full} | {len(idx)} | {changed} ({changed / len(idx):.0%}) | {row[0]} | {row[1]} |")
    # Leaning: each article once, every name replaced.
    mentioned = [r for r in articles if any(re.search(r"\b%s\b" % full.split()[1], r["text"]) for full in SWAPS)]
    leanings = []
    for name, swap in (("written", False), ("invented", True)):
        p = os.path.join(tmp, f"leaning-{name}.jsonl")
        with open(p, "w") as f:
            for r in mentioned:
                title, text = r.get("title", ""), r["text"]
                if swap:
                    for full, new in SWAPS.items():
                        title, text = replace(title, full, new), replace(text, full, new)
                f.write(json.dumps({"id": r["id"], "title": title, "text": text}) + "\n")
        cmd = [SCORE, "--threads", "2", "--task", "leaning", p] + (["--model", a.model] if a.model else [])
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        leanings.append([json.loads(l).get("leaning", {}).get("label") for l in out.stdout.splitlines() if l.strip()])
    if out.returncode == 0 and any(leanings[0]):
        changed = sum(1 for x, y in zip(*leanings) if x != y)
        mix = [Counter(l) for l in leanings]
        print(f"\nleaning of the {len(mentioned)} articles that name any of them, every name replaced: {changed} change "
              f"({changed / len(mentioned):.0%}); left / center / right as written "
              + " / ".join(str(mix[0][l]) for l in ("left", "center", "right")) + ", invented "
              + " / ".join(str(mix[1][l]) for l in ("left", "center", "right")))


if __name__ == "__main__":
    main()
