"""One train or score job of a peer tool, run in its own process so that its peak RSS is its own.

    python peers.py train TOOL TRAIN.jsonl[.gz] TASK MODEL
    python peers.py score TOOL INPUT.jsonl[.gz] TASK MODEL GOLD_OUT

Prints one JSON object: seconds, records, bytes (of the raw JSONL read), and for scoring the predictions' labels
written to GOLD_OUT as one label per line (the caller computes accuracy and macro-F1 from them).
Every tool reads the same raw JSONL and does its own text processing: the timings are end to end. fastText and
Vowpal Wabbit get the same lower-cased regex tokens, written to a file their own C++ drivers read (`vw -d FILE`
through the `vowpalwabbit` package, whose `Workspace` runs the command-line driver when given `-d`).
"""
import gzip, json, os, pickle, re, sys, time

TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]", re.UNICODE)


def read(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    n = 0
    with opener(path, "rb") as f:
        for line in f:
            n += len(line)
            r = json.loads(line)
            yield r, n


def text_of(r):
    parts = []
    if r.get("title"):
        parts.append(r["title"])
    if r.get("target"):
        parts.append(r["target"])
    parts.append(r["text"])
    return " \n ".join(parts)


def fnc_text(r):
    return text_of(r)


def tokens(s):
    return " ".join(TOKEN.findall(s.lower()))


def vw_tokens(s):
    """`tokens` without '|' and ':', which are syntax in Vowpal Wabbit's text format (also used by peers_cv.py)."""
    return tokens(s).replace("|", " ").replace(":", " ")


def vw_line(label, text):
    """One example in Vowpal Wabbit's text format: `LABEL |x tokens`."""
    return f"{label} |x " + vw_tokens(text) + "\n"


VW_TRAIN = "--oaa {k} --loss_function logistic -b 18 --ngram x2 --passes 5 -c -k --holdout_off"


def vw_run(args):
    """Runs Vowpal Wabbit's own driver (parser and learner in C++) over a file, as its command line would."""
    from vowpalwabbit import Workspace
    Workspace(args + " --quiet").finish()


def train(tool, path, task, model):
    t0 = time.time()
    recs = [(text_of(r), r["labels"][task]) for r, _ in read(path) if task in r.get("labels", {})]
    texts, labels = [t for t, _ in recs], [l for _, l in recs]
    if tool == "sklearn":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        clf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2), LogisticRegression(max_iter=1000))
        clf.fit(texts, labels)
        pickle.dump(clf, open(model, "wb"))
    elif tool == "liblinear":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from liblinear.liblinearutil import train as ll_train, save_model
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        X = vec.fit_transform(texts)
        names = sorted(set(labels))
        y = [names.index(l) for l in labels]
        m = ll_train(y, X, "-s 0 -c 1 -q")
        save_model(model + ".liblinear", m)
        pickle.dump((vec, names), open(model, "wb"))
    elif tool == "fasttext":
        import fasttext
        tmp = model + ".train.txt"
        with open(tmp, "w") as f:
            for t, l in recs:
                f.write("__label__" + l + " " + tokens(t).replace("\n", " ") + "\n")
        m = fasttext.train_supervised(tmp, epoch=5, wordNgrams=2, thread=int(os.environ.get("PEER_THREADS", "1")), verbose=0)
        m.save_model(model)
        os.remove(tmp)
    elif tool == "vw":
        names = sorted(set(labels))
        tmp = model + ".train.vw"
        with open(tmp, "w") as f:
            for t, l in recs:
                f.write(vw_line(names.index(l) + 1, t))
        vw_run(f"-d {tmp} " + VW_TRAIN.format(k=len(names)) + f" --cache_file {tmp}.cache -f {model}.vw")
        pickle.dump(names, open(model, "wb"))
        os.remove(tmp)
        os.remove(tmp + ".cache")
    print(json.dumps({"seconds": time.time() - t0, "records": len(recs)}))


def score(tool, path, task, model, out):
    t0 = time.time()
    batch, preds, nbytes, n = [], [], 0, 0
    if tool in ("sklearn", "liblinear", "vw"):
        obj = pickle.load(open(model, "rb"))
    if tool == "vw":  # Vowpal Wabbit scores a whole file with its own driver, as `vw -t -i` would
        tmp, pred = model + ".score.vw", model + ".pred"
        with open(tmp, "w") as f:
            for r, nbytes in read(path):
                f.write(vw_line(1, text_of(r)))
                n += 1
        vw_run(f"-d {tmp} -t -i {model}.vw -p {pred}")
        preds = [obj[int(float(x.split()[0])) - 1] for x in open(pred)]
        os.remove(tmp)
        os.remove(pred)
    if tool == "liblinear":
        from liblinear.liblinearutil import load_model, predict as ll_predict
        llm = load_model(model + ".liblinear")
    if tool == "fasttext":
        import fasttext
        ft = fasttext.load_model(model)

    def flush():
        if not batch:
            return
        if tool == "sklearn":
            preds.extend(obj.predict(batch))
        elif tool == "liblinear":
            vec, names = obj
            p, _, _ = ll_predict([], vec.transform(batch), llm, "-q")
            preds.extend(names[int(i)] for i in p)
        elif tool == "fasttext":
            labels, _ = ft.predict([tokens(t).replace("\n", " ") for t in batch])
            preds.extend(l[0].replace("__label__", "") for l in labels)
        batch.clear()

    for r, nbytes in (read(path) if tool != "vw" else ()):
        batch.append(text_of(r))
        n += 1
        if len(batch) == 1000:
            flush()
    flush()
    secs = time.time() - t0
    with open(out, "w") as f:
        f.write("\n".join(preds) + "\n")
    print(json.dumps({"seconds": secs, "records": n, "bytes": nbytes}))


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(*sys.argv[2:6])
    else:
        score(*sys.argv[2:7])
