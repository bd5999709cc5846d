#!/usr/bin/env python3
"""Web archives written by another tool: does `slant-score` read what warcio (https://pypi.org/project/warcio/)
writes, as crawlers write it?

Writes, with warcio's own writer, a web archive of the example page (`datasets/examples/article.html`) served five
ways (a plain response; gzip-encoded and sent in chunks; deflate-encoded; in Windows-1252 with `charset=ISO-8859-1`
in its HTTP header; as a `resource` record) among records that hold no article (warcinfo, a request, an image, a
404, a page compressed as `br`, an index page of links, a revisit, metadata), gzip per record and uncompressed.
Prints, for each, the pages read, whether each page's analysis equals the saved page's (but for its id), and the
stderr summary of what was left out.

Usage: pip install warcio; Benchmarks/input/warcio_interop.py
"""
import io, json, os, subprocess, sys, tempfile, zlib, gzip

try:
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
except ImportError:
    sys.exit("warcio is not installed: pip install warcio")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCORE = os.path.join(ROOT, ".build", "release", "slant-score")
PAGE = open(os.path.join(ROOT, "datasets", "examples", "article.html"), "rb").read()


def chunked(b, n=700):
    return b"".join(b"%x\r\n" % len(b[i:i + n]) + b[i:i + n] + b"\r\n" for i in range(0, len(b), n)) + b"0\r\n\r\n"


def write(path, gz):
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        def response(uri, status, headers, body):
            h = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=h))
        w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "warcio_interop.py"}))
        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "www.example.com")], is_http_request=True)
        w.write_record(w.create_warc_record("https://www.example.com/a", "request", payload=io.BytesIO(b""), http_headers=req))
        response("https://www.example.com/a", "200 OK", [("Content-Type", "text/html; charset=utf-8")], PAGE)
        response("https://www.example.com/b", "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                 ("Transfer-Encoding", "chunked")], chunked(gzip.compress(PAGE, mtime=0)))
        response("https://www.example.com/c", "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "deflate")], zlib.compress(PAGE))
        latin = PAGE.decode("utf-8").replace('<meta charset="utf-8">', "").encode("cp1252", errors="replace")
        response("https://www.example.com/d", "200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], latin)
        response("https://www.example.com/i.jpg", "200 OK", [("Content-Type", "image/jpeg")], b"\xff\xd8\xff" + bytes(5000))
        response("https://www.example.com/gone", "404 Not Found", [("Content-Type", "text/html")], b"<html><p>Not found</p></html>")
        response("https://www.example.com/br", "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "br")], b"\x1b\x00\x00x")
        index = b"<html><body><ul>" + b"".join(b'<li><a href="/%d">Story %d</a></li>' % (i, i) for i in range(40)) + b"</ul></body></html>"
        response("https://www.example.com/", "200 OK", [("Content-Type", "text/html")], index)
        w.write_record(w.create_warc_record("file:///saved/e.html", "resource", payload=io.BytesIO(PAGE), warc_content_type="text/html"))
        w.write_record(w.create_revisit_record("https://www.example.com/a", digest="sha1:AAAA",
                                               refers_to_uri="https://www.example.com/a", refers_to_date="2024-01-01T00:00:00Z"))
        w.write_record(w.create_warc_record("https://www.example.com/a", "metadata", payload=io.BytesIO(b"outlinks: x"),
                                            warc_content_type="application/warc-fields"))


def main():
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    saved = json.loads(subprocess.run([SCORE, os.path.join(ROOT, "datasets", "examples", "article.html")], check=True,
                                      capture_output=True).stdout)
    saved.pop("id")
    tmp = tempfile.mkdtemp()
    for name, gz in (("crawl.warc.gz", True), ("crawl.warc", False)):
        path = os.path.join(tmp, name)
        write(path, gz)
        r = subprocess.run([SCORE, path], capture_output=True, text=True)
        rows = [json.loads(l) for l in r.stdout.splitlines()]
        same = [row.pop("id") for row in rows if row == {**saved, "id": row["id"]}]
        print(f"{name}: exit {r.returncode}, {len(rows)} pages read, {len(same)} equal to the saved page's analysis: {', '.join(same)}")
        print("\n".join("  " + l for l in r.stderr.splitlines() if not l.startswith("slant-score: left out")))


if __name__ == "__main__":
    main()
