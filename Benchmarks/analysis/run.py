#!/usr/bin/env python3
"""Speed and accuracy of the article analysis, with the shipped release executables.

Speed: scoring the AllSides dev articles (11.3 MB of JSONL) with the default model, one thread, end to end
(process start, model load, reading, writing): the default analysis (leaning, frames, detected actors), the
same without actors, the analysis of a watch list of 200 actors, and every head forced with --task (with a stop word as the target, the worst case, and with
a real actor). Medians of --repeat runs, interleaved (each repeat runs every workload once), after one untimed run, with
the slowest and fastest run's rate beside them.

Start-up: the same executable on an empty file (process start and model load), the fixed cost in every row; each
row also gives its rate with that fixed cost left out (the rate of a long stream), beside the end-to-end one.

Accuracy: the actor analysis on PerSenT dev (article-actor pairs), beside the whole-article baseline (the
target-sentiment head on the whole article with the actor as target) and VADER averaged over the same
sentences. Every command is printed.

Instructions (--instructions, needs valgrind): the default analysis of the first 400 AllSides dev articles under
callgrind, and of an empty input (the start-up alone), counted in instructions: the same on every run of a build,
so that two builds compare on a shared machine whose speed drifts (this VM's by a quarter within an hour). The
default analysis read 20.6-21.6 MB/s at 820-830 M instructions in this VM's fast phase.

Usage: Benchmarks/analysis/run.py [--repeat 3] [--threads 1] [--instructions]
"""
import argparse, gzip, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
BIN = os.path.join(ROOT, ".build", "release")


def run(cmd, **kw):
    print("$ " + " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--instructions", action="store_true", help="also count instructions with callgrind (valgrind)")
    a = ap.parse_args()
    if not os.path.isdir(DATA):
        sys.exit(f"datasets not found at {DATA} (set SLANT_DATASETS)")
    run(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp()
    dev = os.path.join(tmp, "allsides-dev.jsonl")
    with gzip.open(os.path.join(DATA, "allsides", "dev.jsonl.gz"), "rb") as f, open(dev, "wb") as g:
        g.write(f.read())
    mb = os.path.getsize(dev) / 1e6
    # The first runs after writing the file overlapped its write-back and ran up to 40% slower (0.53-0.78 s
    # against a steady 0.51 s for the default analysis): flush it, and run once untimed, before measuring.
    os.sync()
    run([os.path.join(BIN, "slant-score"), "--threads", str(a.threads), dev], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    heads = "frames,gun_frame,gun_frames,headline_stance,leaning,target_sentiment,target_stance"
    # A watch list: the 200 multi-word names the analysis detects most often in these articles (people, parties,
    # bodies, places), one per line as `--actor-file` reads them.
    out = run([os.path.join(BIN, "slant-score"), "--threads", "2", "--evidence", "0", dev], stdout=subprocess.PIPE,
              stderr=subprocess.DEVNULL).stdout
    counts = {}
    for line in out.splitlines():
        for actor in json.loads(line).get("actors", []):
            if " " in actor["name"] and actor["name"][0].isupper():
                counts[actor["name"]] = counts.get(actor["name"], 0) + 1
    watch = os.path.join(tmp, "watch.txt")
    with open(watch, "w") as f:
        f.write("".join(n + "\n" for n in sorted(counts, key=lambda n: (-counts[n], n))[:200]))
    setups = [
        ("default analysis (leaning, frames, actors)", []),
        ("leaning and frames, no actors", ["--actors", "off"]),
        ("leaning and detected actors", ["--task", "leaning", "--actors", "on"]),
        # Worst case: "the" is in every sentence, so every sentence is a mention and a short view.
        ("a watch list of 200 actors (--actor-file)", ["--actor-file", watch]),
        ("every head forced (--task all seven), --target the", ["--task", heads, "--title-is-claim", "--target", "the"]),
        # A real actor: mentioned in 997 of the 2,356 articles; the target heads say nothing for the others.
        ("every head forced (--task all seven), --target Trump", ["--task", heads, "--title-is-claim", "--target", "Trump"]),
    ]
    # Start-up alone: process start, model load (mapping, checksum, header, array checks), an empty input.
    empty = os.path.join(tmp, "empty.jsonl")
    open(empty, "w").close()
    starts = []
    for _ in range(max(5, a.repeat)):
        t = time.perf_counter()
        run([os.path.join(BIN, "slant-score"), "--threads", "1", empty], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        starts.append(time.perf_counter() - t)
    start = statistics.median(starts)
    print(f"start-up (default model, empty input): median {start * 1000:.0f} ms\n")
    # End to end is the figure that counts; the second column leaves out the fixed start-up (paid once per run,
    # whatever the input's size) to show the rate a long stream of articles is scored at.
    # The range beside the median: the slowest and the fastest run of each row, so that a reading near a line
    # (the default analysis's 20 MB/s) can be told from the machine's drift.
    print(f"| workload (AllSides dev, {mb:.1f} MB, {a.threads} thread) | median s | MB/s end to end | slowest-fastest run | MB/s after start-up |")
    print("|---|---|---|---|---|")
    # Interleaved: each repeat runs every workload once, so that a slow stretch of a shared machine (this VM's
    # speed moves by 5-40% for seconds at a time) lands on all of them rather than on one row.
    times = {name: [] for name, _ in setups}
    for _ in range(a.repeat):
        for name, extra in setups:
            cmd = [os.path.join(BIN, "slant-score"), "--threads", str(a.threads)] + extra + [dev]
            t = time.perf_counter()
            run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t)
    for name, _ in setups:
        m = statistics.median(times[name])
        spread = f"{mb / max(times[name]):.1f}-{mb / min(times[name]):.1f}"
        print(f"| {name} | {m:.2f} | {mb / m:.1f} | {spread} | {mb / max(m - start, 1e-9):.1f} |", flush=True)
    if a.instructions:
        instructions(dev, tmp)
    persent = os.path.join(DATA, "persent", "dev.jsonl")
    print("\n| PerSenT dev (578 article-actor pairs) | macro-F1 | accuracy |")
    print("|---|---|---|")
    for name, extra in [("actor analysis (default model)", ["--actors"]),
                        ("VADER over the same sentences", ["--actors", "--actor-scorer", "vader"]),
                        ("whole article, actor as target", ["--task", "target_sentiment"])]:
        out = run([os.path.join(BIN, "slant-eval"), "--data", persent, "--json", "--threads", "2"] + extra,
                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        t = json.loads(out)["tasks"]["target_sentiment"]
        print(f"| {name} | {t['macro_f1']:.4f} | {t['accuracy']:.4f} |", flush=True)


def instructions(dev, tmp):
    """Callgrind's instruction counts (`I refs`) for the default analysis of the first 400 articles and for an
    empty input, one thread."""
    first = os.path.join(tmp, "first400.jsonl")
    with open(dev, "rb") as f, open(first, "wb") as g:
        for i, line in enumerate(f):
            if i == 400:
                break
            g.write(line)
    empty = os.path.join(tmp, "empty.jsonl")
    counts = {}
    for name, path in (("default analysis, first 400 articles", first), ("start-up (empty input)", empty)):
        err = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(tmp, "cg.out"),
                   os.path.join(BIN, "slant-score"), "--threads", "1", path],
                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).stderr.decode()
        refs = [l for l in err.splitlines() if "I   refs:" in l]
        counts[name] = int(refs[-1].split(":")[1].replace(",", "")) if refs else None
    print("\n| instructions (callgrind, 1 thread) | millions |")
    print("|---|---|")
    for name, n in counts.items():
        print(f"| {name} | {n / 1e6:.1f} |" if n is not None else f"| {name} | (no count) |", flush=True)


if __name__ == "__main__":
    main()
