#!/usr/bin/env bash
# Builds and runs Slant's libFuzzer targets: jsonl, csv, featurize, model, report, html, warc, resume, nexis, docx, rtf, pdf, zip.
# Usage: Fuzz/run.sh [RUNS per target, default 1000000] [target ...]
# Each target is compiled with the library's sources into one module (-sanitize=fuzzer,address), seeded from
# Fuzz/corpus/<target> (made from the tests' examples on first use) and run for RUNS executions. Crashes are
# written to Fuzz/crashes/<target>/; each one found becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}
shift || true
TARGETS=${*:-jsonl csv featurize model report html warc resume nexis docx rtf pdf zip}
OUT=.build/fuzz
mkdir -p "$OUT"
LIB=$(find Sources/Slant -name '*.swift' | sort)
# CKernels is header-only (static inline); SwiftPM makes its module map, swiftc needs one written here.
mkdir -p "$OUT/ckernels"
printf 'module CKernels {\n  header "%s"\n  export *\n}\n' "$PWD/Sources/CKernels/include/slant_kernels.h" > "$OUT/ckernels/module.modulemap"
for t in $TARGETS; do
  bin="$OUT/fuzz-$t"
  if [ ! -x "$bin" ] || [ -n "$(find Sources/Slant Fuzz/common "Fuzz/$t.swift" -newer "$bin" -name '*.swift' | head -1)" ]; then
    echo "building $bin" >&2
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name SlantFuzz -swift-version 6 \
      -I Sources/CBLAS -I Sources/CZlib -I "$OUT/ckernels" -lblas -lz $LIB Fuzz/common/*.swift "Fuzz/$t.swift" -o "$bin" > "$OUT/build-$t.log" 2>&1 \
      || { grep -E "error" "$OUT/build-$t.log" >&2; exit 1; }
  fi
  corpus="Fuzz/corpus/$t"
  if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    case $t in
      jsonl) i=0; while IFS= read -r line; do i=$((i+1)); printf '%s' "$line" > "$corpus/seed$i"; done < datasets/examples/labeled.jsonl
             printf '{"id":"r","text":"&quot;Ruiz&#8217;s&quot; plan &amp;amp;nbsp;AT&T &#146;&shy;x Jose\\u0301 a\\u0302\\u0080\\u0099s","spans":[[6,10]],"target":"Ruiz &amp;amp; Co"}' > "$corpus/seedr"
             printf '{"id":"m","title":"## Ruiz ##","text":"> **Ruiz** [won](https://x.org/a_(b) \\"t\\")\\n\\n* * *\\n- _a_ ![i](u) \\\\* &lt;p&gt;x&lt;/p&gt; f***ing","spans":[[4,8]]}' > "$corpus/seedm"
             printf '{"id":"h","text":"The govern-\\nment of Min-  \\r\\n  ister Ruiz, a left-\\nwing INTER-\\nFERENCE extor\\u00ad\\ntion\\u2010\\nist self-\\nish selfish","spans":[[4,10]]}' > "$corpus/seedh"
             printf '{"id":"t","text":"Donald J. \\t\\r\\nTrump and Jeb \\nBush.  \\n\\n  Then \\n  x \\r\\n\\r\\ny\\t\\nz ","spans":[[10,18]]}' > "$corpus/seedt"
             printf '{"id":"l","text":"Adam Schi\\ufb00\\u00ad and the o\\ufb03cers &#64257;x \\ufb05\\ufb06\\n-\\ufb01\\n","spans":[[5,10],[20,26]],"target":"Schi\\ufb00"}' > "$corpus/seedl"
             printf '{"id":"p","text":"HEAD A1\\n\\nThe govern-\\nment\\n\\n- 1 -\\n\\fHEAD A2\\r\\nsaid\\f\\f12\\nPage 3 of 4\\n\\fx","spans":[[14,22]]}' > "$corpus/seedp" ;;
      report) cp datasets/examples/article.expected.jsonl "$corpus/seed1"
              printf '{"id":"a","source":"X","date":"2020-12-31","leaning":{"label":"left"},"actors":[{"name":"Sen. Ana Ruiz\x27s","aliases":["Ruiz"],"label":"negative","score":-0.5}]}' > "$corpus/seed2" ;;
      nexis) printf 'Download Request: 1-2\n\n   1 of 2 DOCUMENTS\n\n   The Times\n\n   January 11, 2010 Monday\n   Edition 1;\n\nOPINION: A\nheadline\n\nBYLINE: By A and\nB\n\nLENGTH: 4 words\n\nDATELINE: X\n\nWASHINGTON: Some text.\r\n\nLOAD-DATE: May 1, 2010\n\n   Copyright 2010 X\n   2 of 2 DOCUMENTS\nGRAPHIC: x\n' > "$corpus/seed1" ;;
      docx) python3 - "$corpus" <<'PY'
import io, sys, zipfile
W = '<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>%s</w:body></w:document>'
def p(t, style=""): return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (style and '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style, t)
uni = "".join(p(t) for t in ["Date and Time: Tuesday, March 3, 2020", "Documents (2)", "1. A", "Headline", "The Times", "March 3, 2020 Tuesday",
      "Copyright 2020 X", "Section:\u00a0A", "Length:\u00a012 words", "Byline: B", "Body", "Ruiz said &amp; did.", "Classification",
      "Load-Date: March 4, 2020", "End of Document", "No Headline In Original", "Length: 3 words", "Graphic", "Caption", "End of Document"])
plain = (p("Title", "Heading1") + '<w:p><w:r><w:t>a</w:t><w:tab/><w:br/><w:noBreakHyphen/><w:delText>x</w:delText></w:r><w:r><mc:AlternateContent>'
         '<mc:Choice><w:txbxContent>' + p("box") + '</w:txbxContent></mc:Choice><mc:Fallback>' + p("box") + '</mc:Fallback></mc:AlternateContent></w:r></w:p>'
         '<!-- c --><w:tbl><w:tr><w:tc>' + p("&#8220;cell&#x201D;") + '</w:tc></w:tr></w:tbl><w:p/>')
odt = ('<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>'
       '<text:h text:outline-level="1">Title &amp; more</text:h><text:p>Ruiz <text:span>said</text:span><text:s text:c="3"/>so<text:tab/>x'
       '<text:line-break/>y<text:note><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p><text:p>Length: 3 words</text:p>'
       '<text:p>Body</text:p><text:p>Text.</text:p><text:p>End of Document</text:p><draw:frame><draw:text-box><text:p>box</text:p>'
       '</draw:text-box></draw:frame><office:annotation><text:p>c</text:p></office:annotation></office:text></office:body></office:document-content>')
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"); z.writestr("content.xml", odt)
open("%s/seed-odt" % sys.argv[1], "wb").write(out.getvalue())
open("%s/seed-odtx" % sys.argv[1], "w").write(odt)
for i, body in enumerate([uni, plain]):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if i else zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>"); z.writestr("word/document.xml", W % body)
    open("%s/seed%d" % (sys.argv[1], i + 1), "wb").write(out.getvalue())
    open("%s/seed%dx" % (sys.argv[1], i + 1), "w").write(W % body)
PY
            ;;
      rtf) python3 - "$corpus" <<'PY'
import sys
seeds = [
    r'''{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0{\*\panose 02}Times;}{\f1\fcharset204 Arial Cyr;}{\f2\fcharset2 Symbol;}}'''
    r'''{\colortbl;\red0\green0\blue0;}{\stylesheet{\snext0 Normal;}{\s1\b heading 1;}{\*\cs10 Default;}}{\info{\title T}}'''
    '\n' r'''\pard\plain\s1\b Cartels \'93offer\'94\par\pard\plain Ruiz\rquote s {\*\bkmkstart x}men\tab\ldblquote no\rdblquote\emdash\line\~a\-b\_c'''
    r'''{\field{\*\fldinst HYPERLINK "u"}{\fldrslt link}}{\v hid}{\deleted del}{\footnote f}\par''' '\n'
    r'''{\pict\bin2 {}}\u8220?q\uc2\u8212\'97\'97{\f1\'c0\'e1}{\f2\'b7}\u-10179?\u-8704?\par\trowd\cellx1\intbl a\cell b\cell\row {\listtext 1.}L\par last}''',
    r'''{\rtf1\ansi{\stylesheet{Normal;}}\pard World\par\pard{\b Headline}\par By X\par 1,204 words\par 3 March 2020\par 20:44\par The Times\par TIMES\par A4\par'''
    r''' English\par (c) 2020 X\par Text.\par Document TIMES00020200303eg330005r\par\pard\trowd\intbl SE\cell World\cell\row\intbl HD\cell H\cell\row'''
    r'''\intbl PD\cell 4 March 2020\cell\row\intbl LP\cell P\par Q\cell\row\intbl AN\cell Document TIMES00020200304eg340001x\cell\row}''',
    r'''{\rtf1 Title\par Length: 3 words\par Body\par Ruiz said.\par End of Document\par Caption\par Length: 0 words\par Graphic\par Photo\par End of Document}''',
    r'''{\rtf1 ____________________\par Document 1 of 2\par Headline\par Author: Roe, J\par Full text: Ruiz said.\par Author: x\par Subject: A\par'''
    r''' Title: Headline\par Publication title: Daily, Late Edition (East); X\par Publication date: Sept 3, 2020\par ProQuest document ID: 1\par'''
    r''' ____________________\par Abstract: Only.\par ProQuest document ID: 2\par ____________________\par Contact us at: x}''',
]
for i, s in enumerate(seeds): open("%s/seed%d" % (sys.argv[1], i + 1), "w").write(s)
PY
            ;;
      pdf) python3 - "$corpus" <<'PY'
import base64, sys, zlib
def pdf(objs, trailer="<< /Root 1 0 R >>"):
    out, offs = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", []
    for k, o in enumerate(objs):
        offs.append(len(out))
        if o is not None: out += b"%d 0 obj\n" % (k + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    return out + b"trailer\n" + trailer.encode() + b"\nstartxref\n%d\n%%%%EOF\n" % x
def stream(data, d=b"", z=False):
    if z: data, d = zlib.compress(data), d + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), d) + data + b"\nendstream"
page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 5 0 R >> /XObject << /X 7 0 R >> >> /Contents 4 0 R >>"
simple = b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [39 /quoteright 128 /eacute /f_i /uni201C] >> /FirstChar 32 /Widths [250 333 408] >>"
cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <0052> <0002> <00750069> endbfchar 1 beginbfrange <0010> <0020> <0061> endbfrange 1 beginbfrange <0030> <0031> [<D83DDE00> <0009>] endbfrange"
content = (b"BT /F1 20 Tf 72 720 Td (Cartels \\(offer\\) to surrender\\222s) Tj ET\nBT /F1 11 Tf 14 TL 72 690 Td [(Since) -250 (Ruiz) 120 (\\200\\201)] TJ T* (took office,) ' 2 0 (the police) \" 0 -14 TD (regained) Tj ET\n"
           b"q 0.5 0 0 0.5 10 10 cm /X Do Q BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xffEI\x01 EI\nBT /F2 12 Tf 1 0 0 1 72 600 Tm <0001000200100011001200300031> Tj 0 1 -1 0 300 300 Tm <0013> Tj ET\n")
form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n" % 30 + b"BT /F1 9 Tf 72 40 Td (12) Tj ET\nendstream"
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [6 0 R 8 0 R] /Count 2 >>", simple, stream(content, z=True),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /DW 500 /W [1 [600 700] 16 32 400] >>] /ToUnicode 9 0 R >>",
        page, form, page.replace(b"4 0 R >>", b"[4 0 R 10 0 R] >>"), stream(cmap), stream(b"BT /F1 11 Tf 72 700 Td (Page two) Tj ET")]
open(sys.argv[1] + "/seed1", "wb").write(pdf(objs))
uni = ["Headline", "The Times", "March 3, 2020 Tuesday", "Copyright 2020 X", "Length: 12 words", "Byline: B", "Body", "Ruiz said and did.",
       "Classification", "Load-Date: March 4, 2020", "End of Document"]
text = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (760 - 28 * k, t.encode()) for k, t in enumerate(uni))
objs2 = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", stream(text, z=True),
         b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
open(sys.argv[1] + "/seed2", "wb").write(pdf(objs2))
body = b"3 0 4 90 " + b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /MacRomanEncoding >>".ljust(90) + b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
a85 = base64.a85encode(b"BT /F1 12 Tf 72 700 Td (Hello from an object stream) Tj ET", adobe=True)
objs3 = [b"<< /Type /Catalog /Pages 4 0 R >>", stream(body, b" /Type /ObjStm /N 2 /First 9", z=True), None, None,
         b"<< /Type /Page /Parent 4 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents 6 0 R >>",
         stream(a85, b" /Filter [/ASCII85Decode]"), stream(b"", b" /Type /XRef /Root 1 0 R")]
open(sys.argv[1] + "/seed3", "wb").write(pdf(objs3, "<< /Root 1 0 R /Size 8 >>"))
PY
            # Encrypted with the empty user password (AES-128, RC4-40, AES-256 of revisions 6 and 5): the test suite's fixtures.
            for k in aes128 rc4-40 aes256 aes256-r5; do
              sed -n "/\"$k\": \[/,/\],/p" Tests/SlantTests/PDFTextTests.swift | tail -n +2 | grep -o '"[A-Za-z0-9+/=]*"' | tr -d '"\n' | base64 -d > "$corpus/seed-$k"
            done
            ;;
      zip) python3 - "$corpus" <<'PY'
import gzip, io, sys, zipfile
text = open("datasets/examples/crackdown.txt", "rb").read()
records = open("datasets/examples/unlabeled.jsonl", "rb").read()[:4000]
def archive(members, method):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name) if name.endswith("/") else name, data)
    return out.getvalue()
docx = archive([("[Content_Types].xml", "<Types/>"), ("word/document.xml", '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Ruiz said so.</w:t></w:r></w:p></w:body></w:document>')], zipfile.ZIP_DEFLATED)
members = [("2024/", b""), ("2024/a.txt", text), ("b.jsonl", records), ("c.jsonl.gz", gzip.compress(records)), ("d.docx", docx),
           ("e.html", b"<html><body><article><h1>T</h1><p>" + text[:600] + b"</p></article></body></html>"), ("__MACOSX/._a.txt", b"x"),
           (".hidden.txt", b"x"), ("inner.zip", archive([("x.txt", b"y")], zipfile.ZIP_STORED)), ("../up.txt", text[:200]), ("photo.jpg", b"\xff\xd8")]
open(sys.argv[1] + "/seed1", "wb").write(archive(members, zipfile.ZIP_STORED))
open(sys.argv[1] + "/seed2", "wb").write(archive(members, zipfile.ZIP_DEFLATED))
open(sys.argv[1] + "/seed3", "wb").write(archive([("a.txt", text)], zipfile.ZIP_DEFLATED))
PY
            ;;
      csv) cp datasets/examples/pairs.csv "$corpus/seed1"; printf 'text,label\r"a ""b""",x\rc,y\r' > "$corpus/seed2" ;;
      html) head -c 60000 datasets/examples/article.html > "$corpus/seed1"
            printf '<article><p title="a > b">A &amp; B &#x201C;said&#8221; x < 3.<br>More &foo; text.</p><header>open' > "$corpus/seed2"
            printf '<div class="article enArticle"><table><tr><td class="index"><b>HD</b>&nbsp;</td><td><b>A &amp; B</b></td></tr><tr><td class="index"><b>PD</b></td><td>3 March 2020</td></tr><tr><td class="index"><p><b>LP</b></p></td><td><p class="articleParagraph enarticleParagraph">Ruiz (<b>AP</b>) said.</p></td></tr></table></div><div class="article frArticle"><div id="hd"><span>T</span></div><div class="author">By X</div><div>12 words</div><div>3 March 2020</div><div>12:01</div><div>The Times</div><p class="articleParagraph x">P</p><div>Document D1</div></div>' > "$corpus/seed3" ;;
      warc) python3 - "$corpus" <<'PY'
import gzip, sys, zlib
page = open("datasets/examples/article.html", "rb").read()[:20000]
def record(kind, block, extra=b""):
    return (b"WARC/1.1\r\nWARC-Type: " + kind + b"\r\nWARC-Target-URI: https://e.org/a\r\nWARC-Date: 2024-03-06T12:00:00Z\r\n" + extra
            + b"Content-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n")
def chunked(b): return b"".join(b"%x;x=y\r\n" % len(b[k:k + 700]) + b[k:k + 700] + b"\r\n" for k in range(0, len(b), 700)) + b"0\r\nT: v\r\n\r\n"
http = lambda headers, body: b"HTTP/1.1 200 OK\r\n" + headers + b"\r\n" + body
seeds = [record(b"response", http(b"Content-Type: text/html; charset=utf-8\r\n", page)),
         record(b"request", b"GET / HTTP/1.1\r\n\r\n") + record(b"response", http(b"Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked(gzip.compress(page, mtime=0)))),
         record(b"resource", page, b"Content-Type: text/html\r\n") + record(b"revisit", b"HTTP/1.1 200 OK\r\n\r\n"),
         record(b"response", http(b"Content-Type: text/html; charset=iso-8859-1\r\nContent-Encoding: deflate\r\n", zlib.compress(page.replace(b"\xe2\x80\x99", b"\x92"))))]
for i, s in enumerate(seeds): open(f"{sys.argv[1]}/seed{i + 1}", "wb").write(s)
PY
            ;;
      resume) head -c 3000 datasets/examples/article.expected.jsonl > "$corpus/seed1"
              printf '{"id":"a\\"b\\\\","x":1}\n{"id":"\\u00e9t\xc3\xa9","y":[]}\n{"id":"cut' > "$corpus/seed2" ;;
      featurize) printf '\x05%s' "$(head -c 1500 datasets/examples/article.txt)" > "$corpus/seed1"; printf '\x02Mr. Trump said U.S. forces did not leave.' > "$corpus/seed2"
        printf '\x05%s' "$(head -c 1500 datasets/examples/crackdown.txt | tr a-z A-Z)" > "$corpus/seed3" ;;
      model) swift run -c release slant-train --data datasets/examples/labeled.jsonl --bits 8 --quiet --output "$corpus/seed1" >/dev/null
             # A format-version-3 model: topic matrices and a two-stage head.
             swift run -c release slant-train --data datasets/examples/labeled.jsonl --bits 8 --topics 4 --topic-bits 8 \
               --task-options "headline_stance=--bits 8 --topics 4 --topic-bits 8 --two-stage unrelated" --quiet --output "$corpus/seed-v3" >/dev/null
             # A format-version-7 model: names masked and stop words left out.
             swift run -c release slant-train --data datasets/examples/labeled.jsonl --bits 8 --mask-names --stop-words honorifics \
               --quiet --output "$corpus/seed-v7" >/dev/null
             # A format-version-8 model: verb roles (a made-up two-verb lexicon).
             printf 'verb,agency,power\npraise,agency_pos,power_agent\nattack,agency_pos,\n' > "$OUT/verbs.csv"
             swift run -c release slant-train --data datasets/examples/labeled.jsonl --bits 8 --verb-frames "$OUT/verbs.csv" \
               --namespaces text,target,context --quiet --output "$corpus/seed-v8" >/dev/null ;;
    esac
  fi
  mkdir -p "Fuzz/crashes/$t"
  echo "fuzzing $t for $RUNS runs" >&2
  "$bin" -runs="$RUNS" -max_len=65536 -rss_limit_mb=4096 -artifact_prefix="Fuzz/crashes/$t/" -print_final_stats=1 "$corpus" 2>&1 \
    | grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY|crash-|Done" || true
done
