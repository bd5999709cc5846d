#!/usr/bin/env python3
"""The same articles written in the forms real text arrives in: do the outputs stay the same?

Takes N AllSides dev articles (default 300), writes each one in a form (laid out as PDF text with words hyphenated
at line ends, and cut into pages with running headers and page numbers, with typeset ligatures, hard-wrapped with and without a space before each break, in Markdown, with
escaped tags, all of them as one LexisNexis text download, Nexis Uni Word or RTF download, page saved from Factiva,
Factiva RTF download or ProQuest text download, each as a Word, OpenDocument or RTF document, ...), scores the originals and each form with
`slant-score` and the default model, and counts the records whose `leaning` label, frames or actor list (name,
label, mentions) differ from the original's. No gold label is involved: a form the reader reads right changes
nothing.

    pip install pyphen                       # TeX's hyphenation patterns, for the PDF layouts
    Benchmarks/input/text_forms.py [--records 300] [--forms pdf60,ligatures] [--show 3]
    Benchmarks/input/text_forms.py --hyphen-lists          # rewrite LineEndHyphens.swift's word lists
    Benchmarks/input/text_forms.py --hyphen-rules          # how often the line-end hyphen rules read a hyphen right

`--hyphen-lists` counts, over AllSides train, each word's uses as the first or last part of a hyphenated compound
against its uses as the head or tail of a word broken at one of TeX's US English hyphenation points (each word's
uses shared among its points), and keeps the words of three letters or more with at least 30 compound uses and
three times as many as broken ones: the 150 most used first parts and 200 last parts, written into
`Sources/Slant/Data/LineEndHyphens.swift`. `--hyphen-rules` lays out AllSides dev's and extra's first 1,500
articles in 60 columns and counts, for each hyphen at a line's end before a lower-case letter, whether the rules
(a replica of `LineEndHyphens`' in Python, reading the lists from the Swift file) join a broken word and keep a
compound, beside always joining and the text's evidence alone.
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "..", "shared", "datasets")
SWIFT = os.path.join(ROOT, "Sources", "Slant", "Data", "LineEndHyphens.swift")
sys.path.insert(0, os.path.join(ROOT, "Benchmarks", "analysis"))
from sentence_openers import wrap  # noqa: E402  (the generated word lists' one layout)


def hyphenator():
    try:
        import pyphen
    except ImportError:
        sys.exit("text_forms.py: the PDF layouts need TeX's hyphenation patterns: pip install pyphen")
    return pyphen.Pyphen(lang="en_US")


def pdf_layout(text, width, dic, stats=None):
    """`text` laid out in lines of `width` columns as a typesetter does: a word that does not fit is broken at its
    last hyphen that fits (a compound) or at its last hyphenation point that fits (two letters before, three
    after), else moved to the next line; paragraphs apart by a blank line."""
    out = []
    for para in re.split(r"\n+", text):
        words, lines, cur, i = para.split(" "), [], "", 0
        while i < len(words):
            w = words[i]
            if not w:
                i += 1
                continue
            room = width - len(cur) - (1 if cur else 0)
            if len(w) <= room:
                cur, i = cur + (" " if cur else "") + w, i + 1
                continue
            broken = False
            if room >= 3:
                cuts = [m.start() for m in re.finditer("-", w) if 0 < m.start() < len(w) - 1 and m.start() + 1 <= room
                        and w[m.start() - 1].isalpha() and w[m.start() + 1].isalpha()]
                if cuts:
                    k = cuts[-1]
                    lines.append(cur + (" " if cur else "") + w[:k + 1])
                    cur, words[i], broken = "", w[k + 1:], True
                    if stats is not None:
                        stats["compound"] += 1
                else:
                    m = re.fullmatch(r"([^A-Za-z]*)([A-Za-z]+)(.*)", w)
                    if m and len(m.group(2)) >= 6:
                        pre, core, post = m.groups()
                        points = [k for k in dic.positions(core) if k >= 2 and len(core) - k >= 3 and len(pre) + k + 1 <= room]
                        if points:
                            k = points[-1]
                            lines.append(cur + (" " if cur else "") + pre + core[:k] + "-")
                            cur, words[i], broken = "", core[k:] + post, True
                            if stats is not None:
                                stats["break"] += 1
            if not broken:
                if cur:
                    lines.append(cur)
                    cur = ""
                else:
                    cur, i = w, i + 1
        if cur:
            lines.append(cur)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def pdf_pages(text, lines_per_page=40):
    """Text laid out as PDF text (`pdf_layout`) cut into pages as `pdftotext` gives them: each page opens with a
    running header and closes with its number, and a form feed ends it."""
    lines = text.split("\n")
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return "\f".join("THE DAILY COURIER    Tuesday, March 3, 2016    A%d\n\n" % (k + 1) + "\n".join(p) + "\n\n%d\n" % (k + 1)
                      for k, p in enumerate(pages))


def markdown(text):
    import random
    rnd = random.Random(2)

    def mark(m):
        w, r = m.group(0), rnd.random()
        if r < 0.15:
            return "**" + w + "**"
        if r < 0.25:
            return "[" + w + "](https://example.com/" + w.replace(" ", "-").lower() + ")"
        return "_" + w + "_" if r < 0.30 else w
    return re.sub(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b", mark, text)


LIGATURES = [("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")]


def forms(dic):
    def ligatures(t):
        for plain, glyph in LIGATURES:
            t = t.replace(plain, glyph)
        return t
    return {
        "pdf60": lambda t: pdf_layout(t, 60, dic),
        "pdf45": lambda t: pdf_layout(t, 45, dic),
        "pdfpages": lambda t: pdf_pages(pdf_layout(t, 60, dic)),
        "ligatures": ligatures,
        "wrap70": lambda t: "\n\n".join("\n".join(textwrap.wrap(p, 70, break_long_words=False, break_on_hyphens=False)) for p in re.split(r"\n+", t)),
        "flowed70": lambda t: "\n\n".join(" \n".join(textwrap.wrap(p, 70, break_long_words=False, break_on_hyphens=False)) for p in re.split(r"\n+", t)),
        "markdown": markdown,
        "escaped": lambda t: "&lt;p&gt;" + t.replace("\n\n", "&lt;/p&gt;\n&lt;p&gt;") + "&lt;/p&gt;",
        "straight": lambda t: t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"'),
        "nbsp": lambda t: t.replace(" ", "\u00a0"),
    }


def nexis_download(records, sources):
    """The records as one LexisNexis text download (the layout of the classic .txt download, as LexisNexisTools'
    sample file shows it): the request's header, then for each article "N of M DOCUMENTS", the outlet and the
    date centred, an edition line, the headline, BYLINE, SECTION and LENGTH fields, a DATELINE field, the
    paragraphs hard-wrapped at 78 columns, and the trailer (LOAD-DATE, LANGUAGE, PUBLICATION-TYPE, copyright)."""
    out = ["", "Download Request: Selected Items: 1-%d" % len(records), "Time Of Request: Friday, March 20, 2018  16:51:31", "",
           "Terms: (trump)", ""]
    for i, (r, source) in enumerate(zip(records, sources), 1):
        words = len(r["text"].split())
        out += ["", f"{i:>32} of {len(records)} DOCUMENTS", "", "", " " * 34 + (source or "The Daily"), "",
                " " * 28 + "January 11, 2010 Monday", " " * 35 + "Late Edition - Final", "", r.get("title") or "", "",
                "BYLINE: By Michael D. Shear and", "Julie Hirschfeld Davis", "", "SECTION: Section A; Column 0; National Desk; Pg. 1", "",
                f"LENGTH: {words} words", "", "DATELINE: WASHINGTON", ""]
        for p in re.split(r"\n+", r["text"]):
            if p.strip():
                out += textwrap.wrap(p, 78, break_long_words=False, break_on_hyphens=False) + [""]
        out += ["LOAD-DATE: January 11, 2010", "", "LANGUAGE: ENGLISH", "", "PUBLICATION-TYPE: Newspaper", "", "",
                " " * 23 + "Copyright 2010 " + (source or "The Daily"), " " * 30 + "All Rights Reserved", ""]
    return "\n".join(out)


def docx_bytes(paragraphs):
    """A Word document (.docx) of `paragraphs`, each a text or (text, style id), as Word writes one: a ZIP archive with
    the content types, the package's relationships and word/document.xml (each paragraph a run of text, tabs
    as <w:tab/>, long texts split into runs as editing leaves them)."""
    import io, zipfile
    from xml.sax.saxutils import escape
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = []
    for p in paragraphs:
        text, style = (p, None) if isinstance(p, str) else p
        text = "".join(c for c in text if c >= " " or c == "\t")
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        runs = []
        for k in range(0, len(text), 200):
            parts = text[k:k + 200].split("\t")
            inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(x)}</w:t>' for x in parts)
            runs.append(f"<w:r><w:rPr><w:lang w:val=\"en-US\"/></w:rPr>{inner}</w:r>")
        body.append(f'<w:p w:rsidR="00A1B2C3">{ppr}{"".join(runs)}</w:p>')
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>'
           + "".join(body) + '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
    return out.getvalue()


def odt_bytes(paragraphs):
    """An OpenDocument text (.odt) of `paragraphs`, each a text or (text, heading level), as LibreOffice writes one: the
    stored `mimetype` first, the manifest, content.xml with automatic styles, paragraphs in spans, runs of spaces as
    <text:s text:c="N"/>, tabs as <text:tab/>."""
    import io, zipfile
    from xml.sax.saxutils import escape

    def text(t):
        t = "".join(c for c in t if c >= " " or c == "\t")
        out = escape(t).replace("\t", "<text:tab/>")
        return re.sub(r"  +", lambda m: ' <text:s text:c="%d"/>' % (len(m.group(0)) - 1), out)
    body = []
    for p in paragraphs:
        t, level = (p, None) if isinstance(p, str) else p
        if level:
            body.append('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>' % (level, level, text(t)))
        else:
            body.append('<text:p text:style-name="P1"><text:span text:style-name="T1">%s</text:span></text:p>' % text(t))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'office:version="1.3"><office:automatic-styles><style:style style:name="P1" style:family="paragraph"/>'
               '<style:style style:name="T1" style:family="text"/></office:automatic-styles><office:body><office:text>'
               '<text:sequence-decls/>' + "".join(body) + '</office:text></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return out.getvalue()


def score_odt(binary, records, folder):
    """Scores each record as an OpenDocument text of its own, its headline a heading of level 1."""
    os.makedirs(folder)
    for i, r in enumerate(records):
        paras = ([(r["title"], 1)] if r.get("title") else []) + [p for p in re.split(r"\n+", r["text"]) if p.strip()]
        with open(os.path.join(folder, f"{i:05d}.odt"), "wb") as f:
            f.write(odt_bytes(paras))
    out = subprocess.run([binary, folder], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def nexis_uni(records, sources):
    """The records as one Nexis Uni download, paragraph by paragraph (the layout Nexis Uni's .docx downloads have,
    as the readers of tm.plugin.lexisnexis describe it): a cover page listing the results, then per article the
    headline, the outlet, the date, a copyright line, Section/Length/Byline fields (a no-break space after the
    colon), "Body", the paragraphs, "Classification" with Language/Subject/Load-Date, and "End of Document"."""
    out = ["Date and Time: Tuesday, March 3, 2020 8:44:00 PM EST", "Job Number: 111222333", "Documents (%d)" % len(records)]
    for i, r in enumerate(records, 1):
        out += [f"{i}. {r.get('title') or 'No Headline In Original'}", "Client/Matter: -none-", "Search Terms: (trump)",
                "Search Type: Natural Language", "Narrowed by: Content Type News"]
    for r, source in zip(records, sources):
        paras = [p for p in re.split(r"\n+", r["text"]) if p.strip()]
        out += [r.get("title") or "No Headline In Original", source or "The Daily", "March 2, 2020 Monday 8:44 PM EST",
                "Copyright 2020 %s All Rights Reserved" % (source or "The Daily"), "Section:\u00a0A; Pg. 1",
                "Length:\u00a0%d words" % len(r["text"].split()), "Byline:\u00a0Michael D. Shear and Julie Hirschfeld Davis",
                "Highlight:\u00a0The president spoke on Monday.", "Body"] + paras
        out += ["Classification", "Language:\u00a0ENGLISH", "Publication-Type:\u00a0Newspaper",
                "Subject:\u00a0POLITICS (90%); ELECTIONS (89%)", "Load-Date:\u00a0March 3, 2020", "End of Document"]
    return out


def score_uni(binary, records, sources, path, as_text):
    """Scores the records as one Nexis Uni download (.docx, or `as_text` saved as text: a paragraph per line)."""
    paragraphs = nexis_uni(records, sources)
    if as_text:
        with open(path + ".txt", "w") as f:
            f.write("\n".join(paragraphs) + "\n")
        path += ".txt"
    else:
        with open(path + ".docx", "wb") as f:
            f.write(docx_bytes(paragraphs))
        path += ".docx"
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def score_docx(binary, records, folder):
    """Scores each record as a Word document of its own, its headline styled as a first-level heading."""
    os.makedirs(folder)
    for i, r in enumerate(records):
        paras = ([(r["title"], "Heading1")] if r.get("title") else []) + [p for p in re.split(r"\n+", r["text"]) if p.strip()]
        with open(os.path.join(folder, f"{i:05d}.docx"), "wb") as f:
            f.write(docx_bytes(paras))
    out = subprocess.run([binary, folder], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def factiva_page(records, sources, indexed):
    """The records as one page saved from Factiva (the layouts tm.plugin.factiva's test page and published parsers
    show): each article a <div class="article enArticle">; `indexed`, a table row per field (HD, WC, PD, SN, SC, LA,
    CY, LP, TD, NS, AN: code in bold in a cell of class "index"), else the headline in div#hd, the byline in
    div.author, the word count, date, source, source code, language and copyright as plain <div> lines, the
    paragraphs as <p class="articleParagraph enarticleParagraph">, and "Document ..." after them."""
    from html import escape
    out = ['<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/><title>Factiva</title>'
           '<style>.article{page-break-after:always;}</style></head><body><div id="navcontainer"><h1>Factiva</h1></div>'
           '<form name="PageBaseForm" method="post"><div id="contentWrapper"><div id="contentLeft"><span></span>']
    for i, (r, source) in enumerate(zip(records, sources)):
        source = escape(source or "The Daily")
        paras = ['<p class="articleParagraph enarticleParagraph">%s</p>\n' % escape(p) for p in re.split(r"\n+", r["text"]) if p.strip()]
        words = "%d words" % len(r["text"].split())
        title = escape(r.get("title") or "")
        if indexed:
            row = lambda code, cell: '<tr><td align="right" valign="top" class="index"><b>%s</b>&nbsp;</td><td>%s</td></tr>' % (code, cell)
            out.append('<div class="article enArticle"><table cellpadding="1" cellspacing="1" border="0">' + row("HD", "<b class='enHeadline'>%s</b>\n" % title)
                       + row("WC", words) + row("PD", "2 March 2020") + row("SN", source) + row("SC", "DAILY") + row("LA", "English")
                       + row("CY", "(c) 2020 %s. All rights reserved.   " % source) + row("<p><b>LP</b>", "".join(paras[:2])).replace("<b><p><b>LP</b></b>", "<p><b>LP</b>&nbsp;</p>")
                       + row("TD", "".join(paras[2:])) + row("NS", "<br/>gpol : Domestic Politics | gcat : Political/General News")
                       + row("AN", "<br/>Document DAILY00020200302eg32000%02d" % (i % 100)) + "</table><br/></div><br/><span></span>")
        else:
            out.append('<div class="article enArticle"><div id="hd"><span class="enHeadline">%s</span></div><div class="author">By Michael D. Shear</div>'
                       '<div>%s</div><div>2 March 2020</div><div>%s</div><div>DAILY</div><div>English</div><div>(c) 2020 %s. All rights reserved.</div>%s'
                       '<div>Document DAILY00020200302eg32000%02d</div></div><br/><span></span>' % (title, words, source, source, "".join(paras), i % 100))
    out.append('<div id="pageFooter"><span class="copyright">&copy; 2020 Factiva, Inc. All rights reserved.</span></div></form></body></html>')
    return "\n".join(out)


def rtf_bytes(paragraphs):
    """An RTF document of `paragraphs`, each a text or (text, style name, bold), as word processors write one: tables
    of fonts, colours and styles, the document's information, then each paragraph with its formatting words,
    characters beyond ASCII as \\'hh in Windows-1252 where it has them and \\uN? otherwise, and the file's lines
    broken every 200 characters or so (line ends in an RTF file are not text). A paragraph's text may be a list of
    cells (a table row: the layout with indexing), each cell a list of paragraphs."""
    styles = []
    for p in paragraphs:
        if not isinstance(p, str) and p[1] and p[1] not in styles:
            styles.append(p[1])

    def esc(t):
        out = []
        for c in t:
            if c in "\\{}":
                out.append("\\" + c)
            elif c == "\t":
                out.append("\\tab ")
            elif c == "\n":
                out.append("\\line ")
            elif ord(c) < 0x80:
                out.append(c)
            else:
                try:
                    b = c.encode("cp1252")
                    out.append("\\'%02x" % b[0])
                except UnicodeEncodeError:
                    for k in range(0, len(c.encode("utf-16-le")), 2):
                        v = int.from_bytes(c.encode("utf-16-le")[k:k + 2], "little")
                        out.append("\\u%d?" % (v - 65536 if v > 32767 else v))
        s = "".join(out)
        # Break the file's lines as writers do (never inside a control word: after a space).
        lines, cur = [], ""
        for word in s.split(" "):
            cur = cur + " " + word if cur else word
            if len(cur) > 200:
                lines.append(cur + " ")
                cur = ""
        return "\n".join(lines + [cur])

    o = ["{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff0\\deff0\\stshfdbch0\\deflang1033{\\fonttbl{\\f0\\froman\\fcharset0\\fprq2"
         "{\\*\\panose 02020603050405020304}Times New Roman;}{\\f1\\fswiss\\fcharset0\\fprq2 Arial;}}",
         "{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;}",
         "{\\stylesheet{\\ql \\li0\\ri0\\widctlpar\\f0\\fs24\\lang1033 \\snext0 \\sqformat Normal;}"
         + "".join("{\\s%d\\ql\\b\\f1\\fs32 \\sbasedon0 \\snext0 \\sqformat %s;}" % (k + 1, n) for k, n in enumerate(styles))
         + "{\\*\\cs10 \\additive \\ssemihidden Default Paragraph Font;}}",
         "{\\info{\\title Download}{\\author Slant}{\\creatim\\yr2020\\mo3\\dy3}}{\\*\\rsidtbl \\rsid1}",
         "\\paperw12240\\paperh15840\\margl1440\\margr1440\\widowctrl\\viewkind1\\uc1"]
    for p in paragraphs:
        if isinstance(p, str):
            p = (p, None, False)
        text, style, bold = p
        if isinstance(text, list):
            row = "\\trowd\\trgaph108\\cellx1200\\cellx9000"
            for cell in text:
                row += "\n" + "\\par\n".join("\\pard\\plain\\intbl\\f0\\fs20 " + esc(x) for x in cell) + "\\cell"
            o.append(row + "\\row")
            continue
        pre = "\\pard\\plain " + ("\\s%d" % (styles.index(style) + 1) if style else "") + "\\ql\\f0\\fs20\\lang1033 "
        o.append(pre + ("{\\b " + esc(text) + "}" if bold else "{\\rtlch\\fcs1 \\ltrch\\fcs0 " + esc(text) + "}") + "\\par")
    o.append("}")
    return "\r\n".join(o).encode("ascii")


def factiva_rtf(records, sources, indexed):
    """The records as one Factiva download in RTF (the layouts published parsers of these downloads read): each
    article closed by "Document ..."; `indexed`, a table row per field (a cell with the code, a cell with the value:
    HD, WC, PD, SN, SC, LA, CY, LP, TD, NS, AN), else the headline in bold, the byline, the word count, date, source,
    source code, language and copyright as paragraphs of their own, then the article's paragraphs."""
    out = []
    for i, (r, source) in enumerate(zip(records, sources)):
        source = source or "The Daily"
        paras = [p for p in re.split(r"\n+", r["text"]) if p.strip()]
        words = "%d words" % len(r["text"].split())
        number = "Document DAILY00020200302eg32000%02d" % (i % 100)
        if indexed:
            row = lambda code, *cell: ([code], list(cell))
            out += [(list(x), None, False) for x in [row("HD", r.get("title") or ""), row("WC", words), row("PD", "2 March 2020"),
                                                      row("SN", source), row("SC", "DAILY"), row("LA", "English"),
                                                      row("CY", "(c) 2020 %s. All rights reserved." % source), row("LP", *paras[:2]),
                                                      row("TD", *(paras[2:] or [""])), row("NS", "gpol : Domestic Politics | gcat : Political/General News"),
                                                      row("AN", number)]]
        else:
            out += [(r.get("title") or "", None, True), "By Michael D. Shear", words, "2 March 2020", source, "DAILY", "English",
                    "(c) 2020 %s. All rights reserved." % source] + paras + [number, ""]
    return out


def score_rtf(binary, records, sources, path, form):
    """Scores the records as one RTF download (`form`: factiva-rtf, factiva-rtf-indexed, nexisuni-rtf) or, for
    "rtf", each as an RTF document of its own (its headline styled "heading 1") in a folder."""
    if form == "rtf":
        os.makedirs(path)
        for i, r in enumerate(records):
            paras = ([(r["title"], "heading 1", False)] if r.get("title") else []) + [p for p in re.split(r"\n+", r["text"]) if p.strip()]
            with open(os.path.join(path, f"{i:05d}.rtf"), "wb") as f:
                f.write(rtf_bytes(paras))
    else:
        paragraphs = nexis_uni(records, sources) if form == "nexisuni-rtf" else factiva_rtf(records, sources, form == "factiva-rtf-indexed")
        path += ".rtf"
        with open(path, "wb") as f:
            f.write(rtf_bytes(paragraphs))
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def proquest_download(records, sources):
    """The records as one ProQuest text download (the layout published parsers of these downloads read): articles
    between lines of 60 underscores, each "Document N of M", its title, Author/Publication info fields, "Full text:"
    with the first paragraph on its line and the others after a blank line each, then Subject, Title, Publication
    title, Publication date ("Mar 2, 2020"), Section, Language, Document type, ProQuest document ID, Document URL,
    Copyright, Last updated and Database fields; ProQuest's contact and terms after the last."""
    sep = "_" * 60
    out = [sep, ""]
    for i, (r, source) in enumerate(zip(records, sources), 1):
        source = source or "The Daily"
        paras = [p for p in re.split(r"\n+", r["text"]) if p.strip()] or [""]
        title = r.get("title") or ""
        out += ["Document %d of %d" % (i, len(records)), "", title, "", "Author: Shear, Michael D", "",
                "Publication info: %s ; New York, N.Y. [New York, N.Y]. 02 Mar 2020: A.1." % source, "",
                "Full text: " + paras[0], ""]
        for p in paras[1:]:
            out += [p, ""]
        out += ["Subject: Politics; Elections", "", "Title: " + title, "", "Publication title: %s; New York, N.Y." % source, "",
                "Publication date: Mar 2, 2020", "", "Section: A", "", "Language of publication: English", "", "Document type: News", "",
                "ProQuest document ID: %d" % (2371234000 + i), "", "Document URL: https://www.proquest.com/newspapers/%d" % (2371234000 + i), "",
                "Copyright: Copyright %s Mar 2, 2020" % source, "", "Last updated: 2020-03-03", "", "Database: US Newsstream", "", sep, ""]
    out += ["Contact us at: https://www.proquest.com/go/contactsupport", "Database copyright \u00a9 2024 ProQuest LLC. All rights reserved.",
            "Terms and Conditions: https://www.proquest.com/go/terms"]
    return "\r\n".join(out) + "\r\n"


def score_proquest(binary, records, sources, path):
    with open(path, "w") as f:
        f.write(proquest_download(records, sources))
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def score_factiva(binary, records, sources, path, indexed):
    with open(path, "w") as f:
        f.write(factiva_page(records, sources, indexed))
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def score_download(binary, records, sources, path, as_one_text):
    """Scores the download as a .txt file (each article a record), or, `as_one_text`, each article's part of it
    as a record's text in JSONL (how it was read before the download was recognised)."""
    if as_one_text:
        parts = re.split(r"\n(?= +\d+ of \d+ DOCUMENTS\n)", nexis_download(records, sources))[1:]
        return score(binary, [{"id": r["id"], "text": t} for r, t in zip(records, parts)], path + ".jsonl")
    with open(path, "w") as f:
        f.write(nexis_download(records, sources))
    out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def score(binary, records, path):
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([binary, "--input-format", "jsonl", path], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def compare(a, b):
    if len(a) != len(b):
        sys.exit(f"text_forms.py: {len(b)} records came out where {len(a)} went in")
    def actors(o):
        return [(x["name"], x["label"], x.get("mentions")) for x in o.get("actors", [])]
    return (sum(x.get("leaning", {}).get("label") != y.get("leaning", {}).get("label") for x, y in zip(a, b)),
            sum(x.get("frames", {}).get("labels") != y.get("frames", {}).get("labels") for x, y in zip(a, b)),
            sum(actors(x) != actors(y) for x, y in zip(a, b)))


def read(path, n):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(n), f)]


def hyphen_lists(dic):
    """Counts the compound and broken uses of words over AllSides train (see the module's comment)."""
    words, compounds = collections.Counter(), collections.Counter()
    with gzip.open(os.path.join(DATA, "allsides", "train.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)["text"]
            for m in re.finditer(r"(?<![A-Za-z-])([A-Za-z]+)-([a-z]+)(?![A-Za-z-])", t):
                compounds[(m.group(1).lower(), m.group(2))] += 1
            words.update(re.findall(r"(?<![A-Za-z-])[A-Za-z]+(?![A-Za-z-])", t))
    c1, c2, s1, s2 = (collections.Counter() for _ in range(4))
    for (a, b), n in compounds.items():
        if len(a) + len(b) + 1 >= 6:
            c1[a] += n
            c2[b] += n
    for w, n in words.items():
        points = [k for k in dic.positions(w) if k >= 2 and len(w) - k >= 3] if len(w) >= 6 else []
        for k in points:
            s1[w[:k].lower()] += n / len(points)
            s2[w[k:]] += n / len(points)

    def keep(c, s, top):
        ws = [w for w in c if len(w) >= 3 and c[w] >= 30 and c[w] > 3 * s[w]]
        return sorted(sorted(ws, key=lambda w: -c[w])[:top])
    return keep(c1, s1, 150), keep(c2, s2, 200)


def write_lists(firsts, seconds):
    src = open(SWIFT, encoding="utf-8").read()
    for name, words in (("firsts", firsts), ("seconds", seconds)):
        src = re.sub(r'(static let %s = FNV64\.listKeys\(""")\n.*?\n(        """\))' % name,
                     lambda m: m.group(1) + "\n" + wrap(words).rstrip("\n") + "\n" + m.group(2), src, flags=re.S)
    open(SWIFT, "w", encoding="utf-8").write(src)


def lists_in_swift():
    src = open(SWIFT, encoding="utf-8").read()
    return [set(re.search(r'static let %s = FNV64\.listKeys\("""(.*?)"""' % n, src, re.S).group(1).split()) for n in ("firsts", "seconds")]


def hyphen_rules(dic, n=1500):
    firsts, seconds = lists_in_swift()
    for split in ("dev", "extra"):
        wrong, total = collections.Counter(), collections.Counter()
        for r in read(os.path.join(DATA, "allsides", f"{split}.jsonl.gz"), n):
            t = r["text"]
            p = pdf_layout(t, 60, dic)
            seen = set(w.lower() for w in re.findall(r"[A-Za-z]+", p))
            written = set((a.lower(), b.lower()) for a, b in re.findall(r"(?<![A-Za-z])([A-Za-z]+)-([A-Za-z]+)", p))
            for m in re.finditer(r"(.?)([A-Za-z]+)-\n([a-z]+)", p):
                before, a, b = m.groups()
                truth = "keep" if re.search(r"(?<![A-Za-z])" + re.escape(a + "-" + b) + r"(?![A-Za-z])", t) else "join"
                al = a.lower()
                evidence = "join" if al + b in seen else "keep" if (al, b) in written else None
                if len(a) < 2 or len(b) < 3 or before == "-" or before.isdigit():
                    rules = "keep"
                else:
                    rules = evidence or ("keep" if al in firsts or b in seconds else "join")
                total[truth] += 1
                for name, d in (("join", "join"), ("evidence", evidence or "join"), ("rules", rules)):
                    wrong[name, truth] += d != truth
        all_ = sum(total.values())
        print(f"AllSides {split}, first {n} articles in 60 columns: {all_} line-end hyphens before a lower-case letter, {total['keep']} of them compounds")
        for name in ("join", "evidence", "rules"):
            w = wrong[name, "join"] + wrong[name, "keep"]
            print(f"  {name:9s} right {1 - w / all_:.4f}  ({wrong[name, 'keep']} compounds joined, {wrong[name, 'join']} breaks kept)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=300)
    ap.add_argument("--forms", default="")
    ap.add_argument("--show", type=int, default=0, help="print the first K changed actor lists of each form")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "slant-score"))
    ap.add_argument("--hyphen-lists", action="store_true")
    ap.add_argument("--hyphen-rules", action="store_true")
    a = ap.parse_args()
    dic = hyphenator()
    if a.hyphen_lists:
        firsts, seconds = hyphen_lists(dic)
        write_lists(firsts, seconds)
        print(f"wrote {len(firsts)} first and {len(seconds)} last parts into {os.path.relpath(SWIFT, ROOT)}")
        return
    if a.hyphen_rules:
        hyphen_rules(dic)
        return
    if not os.path.exists(a.binary):
        sys.exit(f"text_forms.py: {a.binary} is missing: swift build -c release")
    raw = read(os.path.join(DATA, "allsides", "dev.jsonl.gz"), a.records)
    records = [{"id": r["id"], "title": r.get("title"), "text": r["text"]} for r in raw]
    sources = [r.get("source") for r in raw]
    every = forms(dic)
    rtf_forms = ["rtf", "nexisuni-rtf", "factiva-rtf", "factiva-rtf-indexed"]
    chosen = a.forms.split(",") if a.forms else list(every) + ["nexis", "nexisuni", "nexisuni-as-text", "docx", "factiva", "factiva-indexed"] + rtf_forms + ["proquest", "odt"]
    with tempfile.TemporaryDirectory() as tmp:
        base = score(a.binary, records, os.path.join(tmp, "base.jsonl"))
        print(f"{len(records)} AllSides dev articles: records whose leaning label / frames / actor list change")
        for name in chosen:
            base_for = base
            if name == "docx":
                out = score_docx(a.binary, records, os.path.join(tmp, "docx"))
            elif name == "rtf":
                out = score_rtf(a.binary, records, sources, os.path.join(tmp, "rtf"), name)
            elif name == "odt":
                out = score_odt(a.binary, records, os.path.join(tmp, "odt"))
            elif name in ("nexis", "nexis-as-text", "nexisuni", "nexisuni-as-text", "factiva", "factiva-indexed", "proquest") + tuple(rtf_forms[1:]):
                if name == "proquest":
                    out = score_proquest(a.binary, records, sources, os.path.join(tmp, "ProQuestDocuments.txt"))
                elif name in rtf_forms:
                    out = score_rtf(a.binary, records, sources, os.path.join(tmp, name), name)
                elif name.startswith("factiva"):
                    out = score_factiva(a.binary, records, sources, os.path.join(tmp, "factiva.html"), name == "factiva-indexed")
                elif name.startswith("nexisuni"):
                    out = score_uni(a.binary, records, sources, os.path.join(tmp, "uni"), name == "nexisuni-as-text")
                else:
                    out = score_download(a.binary, records, sources, os.path.join(tmp, "download.txt"), name == "nexis-as-text")
                # A download names each article's outlet, which a record that gives its `source` does too (an
                # outlet is no actor of its own articles): compared with the originals scored so.
                if name != "nexis-as-text":
                    with_source = score(a.binary, [dict(r, source=s) for r, s in zip(records, sources)], os.path.join(tmp, "sourced.jsonl"))
                    print("  (originals with their source: %d / %d / %d records differ from those without)" % compare(base, with_source))
                    base_for = with_source
            else:
                written = [dict(r, text=every[name](r["text"])) for r in records]
                out = score(a.binary, written, os.path.join(tmp, name + ".jsonl"))
            lean, frames, actors = compare(base_for, out)
            print(f"  {name:10s} {lean:4d} / {frames:4d} / {actors:4d}")
            shown = 0
            for x, y in zip(base_for, out):
                if shown < a.show and [(v["name"], v["label"]) for v in x.get("actors", [])] != [(v["name"], v["label"]) for v in y.get("actors", [])]:
                    print("     ", [(v["name"], v["label"]) for v in x.get("actors", [])], "->", [(v["name"], v["label"]) for v in y.get("actors", [])])
                    shown += 1


if __name__ == "__main__":
    main()
