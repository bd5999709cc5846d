#!/usr/bin/env python3
"""Saved web pages read for their article: is the article what comes out, and what does reading pages cost?

Wraps AllSides dev articles (every seventh; their title and paragraphs) in two page templates written to look
like news sites, and scores the pages with the shipped `slant-score` (a folder of `.html` files) beside the same
headlines and paragraphs as JSONL (each paragraph that reads as prose, as `HTMLText` defines it, joined by blank
lines; whitespace collapsed, as a browser shows it):

- `semantic`: an `article` element holding an `h1`, a byline, a figure, the paragraphs with an advertisement among
  them and a related link; around it a cookie banner, a header with menus and a search form, a sidebar of most
  read stories, a footer with a newsletter prompt; scripts whose strings hold tags; entities in the text.
- `wordpress`: no `article` element: a masthead and navigation named by `id`/`class`, the paragraphs in
  `div.entry-content` with a newsletter box and an advertisement inside them, share buttons, related posts,
  comments, a widget sidebar and a footer named by `id`.

The same pages are also written as a web archive (`.warc.gz`, a gzip member per record as crawlers write them:
a request record before each response, every other response's page gzip-encoded and sent in chunks) and scored
from it.

A page whose output line equals its JSONL record's (leaning, frames, actors with their evidence and offsets) has
had exactly its headline and paragraphs read (the web archive's ids are the pages' addresses, so its lines are
compared without their ids). Prints, per template and input, how many pages match and the seconds to score the
folder, the web archive and the JSONL (medians of --repeat interleaved runs, one thread).

Usage: Benchmarks/input/html_pages.py [--pages 300] [--repeat 3]
"""
import argparse, gzip, html, json, os, re, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("SLANT_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")

SEMANTIC = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>{title} | The Daily Example</title>
<meta property="og:title" content="{title_attr}">
<style>body {{ font: 16px serif }} .ad > p {{ color: red }}</style>
<script>window.dataLayer = window.dataLayer || []; if (a < b && c > d) {{ track("<p>page</p>"); }}</script>
</head><body>
<!-- site header: <p>not text</p> -->
<div class="cookie">We use cookies. <a href="/privacy">Learn more</a> <button>Accept all cookies and continue</button></div>
<header><a href="/">The Daily Example</a><nav><ul><li><a href="/politics">Politics</a></li><li><a href="/business">Business news from around the world</a></li></ul></nav>
<form action="/search"><input name="q" placeholder="Search the site"><button>Search</button></form></header>
<main><article class="story">
<h1>{title}</h1>
<div class="byline">By Jane Doe and John Roe | Updated March 3, 2024</div>
<figure><img src="a.jpg" alt="A photo"><figcaption>Protesters gathered outside the building on Monday morning in the rain.</figcaption></figure>
{paragraphs}
<div class="related"><p>Related: <a href="/a">Senate passes the bill after a long night of debate</a></p></div>
</article>
<aside><h2>Most read</h2><ol><li><a href="/1">Ten things you need to know about the election today</a></li></ol></aside>
</main>
<footer><p>Sign up for our newsletter to get the day's top stories in your inbox every morning.</p><p>&copy; 2024 The Daily Example.</p></footer>
</body></html>
"""

WORDPRESS = """<html><head><meta charset="utf-8"><title>{title} &#8211; Valley Post</title>
<script src="/wp-includes/js/jquery.js"></script></head>
<body class="post-template-default single single-post has-sidebar">
<div id="page" class="site"><div id="masthead" class="site-header"><p class="site-title"><a href="/">Valley Post</a></p>
<p class="site-description">Independent news and opinion from the valley since 1998, every day of the week.</p>
<div id="site-navigation" class="main-navigation"><ul><li><a href="/news">News</a></li><li><a href="/opinion">Opinion</a></li></ul></div></div>
<div id="content" class="site-content"><div id="primary" class="content-area"><div id="main" class="site-main">
<div class="post-header"><h1 class="entry-title">{title}</h1><div class="entry-meta">Posted on March 3, 2024 by <a href="/author/jd">Jane Doe</a></div></div>
<div class="entry-content">
{paragraphs}
</div>
<div class="share-buttons"><a href="#">Share on Facebook with all of your friends and family today</a></div>
<div class="related-posts"><h3>Related posts</h3><p><a href="/1">Another story about the very same topic from last week and its aftermath</a></p></div>
<div id="comments" class="comments-area"><h2>4 thoughts on this story</h2><p>I have lived in this town for forty years and I have never seen anything like it, honestly.</p></div>
</div></div>
<div id="secondary" class="widget-area"><section class="widget"><p>Subscribe to our weekly digest for the best of our reporting and commentary on local affairs.</p></section></div>
</div>
<div id="colophon" class="site-footer"><p>Proudly powered by WordPress and by readers like you who support independent journalism in the valley.</p></div>
</div></body></html>
"""


def prose(p):
    """HTMLText's rule 4: 10 words with a letter, or 4 ending as a sentence ends."""
    words = [w for w in p.split() if any(c.isalpha() or ord(c) >= 0x80 for c in w)]
    return len(words) >= 10 or (len(words) >= 4 and p.rstrip()[-1:] in ".!?\"'”’")


def body(template, paras):
    out = []
    for k, p in enumerate(paras):
        esc = html.escape(p, quote=False)
        if template == "semantic":
            if k == 2: out.append('<div class="ad"><p>Advertisement</p></div>')
            out.append("<p>" + (esc.replace(" ", "\n  ", 2) if k % 3 == 1 else esc + ("<br>\n" if k % 3 == 2 else "")) + "</p>")
        else:
            out.append("<p>" + esc + "</p>")
            if k == 1: out.append('<div class="newsletter-box"><p>Get our free newsletter with the top stories of the day delivered to your inbox every morning.</p><form><input type="email"></form></div>')
            if k == 3: out.append('<div class="ad-container"><div class="ad-label">Advertisement</div><p>This is a sponsored message from one of our valued partners in the community.</p></div>')
    return "\n".join(out)


def warc_record(kind, uri, block):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-06T12:00:00Z\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", mtime=0)


def warc_response(i, page):
    body = page.encode("utf-8")
    headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if i % 2:
        z = gzip.compress(body, mtime=0)
        body = b"".join(b"%x\r\n" % len(z[k:k + 4096]) + z[k:k + 4096] + b"\r\n" for k in range(0, len(z), 4096)) + b"0\r\n\r\n"
        headers += "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
    return headers.encode() + b"\r\n" + body


def without_id(line):
    return re.sub(rb'^\{"id":"[^"]*",', b"{", line)


def timed(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return time.perf_counter() - t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with gzip.open(os.path.join(DATA, "allsides", "dev.jsonl.gz"), "rt", encoding="utf-8") as f:
        articles = [json.loads(l) for i, l in enumerate(f) if i % 7 == 0]
    tmp = tempfile.mkdtemp()
    print("| template | input | pages | output equal to the JSONL record's | s | JSONL s | ratio |")
    print("|---|---|---|---|---|---|---|")
    for template, page in (("semantic", SEMANTIC), ("wordpress", WORDPRESS)):
        folder = os.path.join(tmp, template)
        os.makedirs(folder)
        records = []
        archive = os.path.join(tmp, template + ".warc.gz")
        w = open(archive, "wb")
        for i, r in enumerate(articles[: a.pages]):
            paras = [p for p in (re.sub(r"\s+", " ", p).strip() for p in r["text"].split("\n")) if p]
            title = re.sub(r"\s+", " ", r.get("title") or "").strip()
            name = f"p{i:05d}.html"
            source = page.format(title=html.escape(title, quote=False), title_attr=html.escape(title), paragraphs=body(template, paras))
            with open(os.path.join(folder, name), "w", encoding="utf-8") as g:
                g.write(source)
            uri = f"https://www.example.com/{template}/{i}"
            w.write(warc_record("request", uri, f"GET /{template}/{i} HTTP/1.1\r\nHost: www.example.com\r\n\r\n".encode()))
            w.write(warc_record("response", uri, warc_response(i, source)))
            records.append({"id": name, "title": title, "text": "\n\n".join(p for p in paras if prose(p))})
        w.close()
        jsonl = os.path.join(tmp, template + ".jsonl")
        with open(jsonl, "w", encoding="utf-8") as g:
            for rec in records: g.write(json.dumps(rec, ensure_ascii=False) + "\n")
        base = [SCORE, "--threads", "1"]
        print("$ " + " ".join(base + [folder]), file=sys.stderr)
        tp, tw, tj = [], [], []
        for _ in range(a.repeat):
            t, pages_out = timed(base + [folder]); tp.append(t)
            t, warc_out = timed(base + [archive]); tw.append(t)
            t, jsonl_out = timed(base + [jsonl]); tj.append(t)
        same = sum(x == y for x, y in zip(pages_out.splitlines(), jsonl_out.splitlines()))
        same_warc = sum(without_id(x) == without_id(y) for x, y in zip(warc_out.splitlines(), jsonl_out.splitlines()))
        mp, mw, mj = statistics.median(tp), statistics.median(tw), statistics.median(tj)
        print(f"| {template} | folder of .html | {len(records)} | {same} | {mp:.2f} | {mj:.2f} | {mp / mj:.2f} |")
        print(f"| {template} | .warc.gz | {len(records)} | {same_warc} | {mw:.2f} | {mj:.2f} | {mw / mj:.2f} |")


if __name__ == "__main__":
    main()
