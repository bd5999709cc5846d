#!/usr/bin/env python3
"""PDF files as the programs that make them write them: does Slant read the same article out of them?

Takes N AllSides dev articles (default 200), writes each one as a PDF file of its own, its headline set larger
than its text, with the writers researchers' PDFs come from, and scores each folder with `slant-score` and the
default model:

- `reportlab`: ReportLab's document templates, Times-Roman 11 pt justified (word spacing set with `Tw`), the
  headline in Helvetica-Bold, the 14 standard fonts with WinAnsiEncoding (no embedded font);
- `fpdf`: fpdf2 with DejaVu Serif embedded as a composite font (Type0, Identity-H, a ToUnicode map);
- `chromium`: a web page (the headline an <h1>, a <p> per paragraph) printed by headless Chromium (Skia's PDF
  writer: subset TrueType fonts, each glyph positioned);
- `libreoffice`: the same web page opened in LibreOffice Writer and exported as PDF (`soffice --convert-to pdf`),
  as word processors write PDF (subset TrueType fonts as composite fonts with ToUnicode maps, kerned text);
- `ghostscript`: the ReportLab files rewritten by Ghostscript's pdfwrite (PDF 1.7, objects in compressed object
  streams, cross-reference streams, fonts re-encoded).

For each form: the records whose `leaning` label, frames or actor list (name, label, mentions) differ from the
originals' given as JSONL records with their headline (as `text_forms.py` counts them; no gold label is involved),
the records whose title Slant did not find, and how much of each article's words come out in order (difflib's
ratio over the word sequences of the original's headline and text against the text read, median and
minimum), beside the same for `pdftotext` (poppler-utils), the tool users would otherwise run first.

    apt-get install poppler-utils ghostscript chromium libreoffice-writer-nogui; pip install reportlab fpdf2
    Benchmarks/input/pdf_files.py [--records 200] [--forms reportlab,fpdf,chromium,libreoffice,ghostscript]
"""
import argparse
import difflib
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "..", "shared", "datasets")
sys.path.insert(0, os.path.dirname(__file__))
from text_forms import compare, read, score  # noqa: E402

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def paragraphs(r):
    return [p.strip() for p in re.split(r"\n+", r["text"]) if p.strip()]


def write_reportlab(records, folder):
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontName="Times-Roman", fontSize=11, leading=14,
                          alignment=TA_JUSTIFY, spaceAfter=8)
    for i, r in enumerate(records):
        story = [Paragraph(html.escape(r["title"]), styles["Title"])] if r.get("title") else []
        story += [Paragraph(html.escape(p), body) for p in paragraphs(r)]
        SimpleDocTemplate(os.path.join(folder, f"{i:05d}.pdf")).build(story)


def write_fpdf(records, folder):
    from fpdf import FPDF
    for i, r in enumerate(records):
        pdf = FPDF()
        pdf.add_font("serif", "", SERIF)
        pdf.add_page()
        if r.get("title"):
            pdf.set_font("serif", size=18)
            pdf.multi_cell(0, 9, r["title"], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("serif", size=11)
        for p in paragraphs(r):
            pdf.multi_cell(0, 5.5, p, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.output(os.path.join(folder, f"{i:05d}.pdf"))


def write_chromium(records, folder):
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chrome:
        sys.exit("pdf_files.py: the chromium form needs Chromium: apt-get install chromium")
    for i, page in enumerate(web_pages(records, os.path.join(folder, "pages"))):
        subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={os.path.join(folder, f'{i:05d}.pdf')}", page],
                       check=True, capture_output=True, timeout=120)
    shutil.rmtree(os.path.join(folder, "pages"))


def web_pages(records, folder):
    os.makedirs(folder)
    for i, r in enumerate(records):
        with open(os.path.join(folder, f"{i:05d}.html"), "w", encoding="utf-8") as f:
            f.write("<!doctype html><meta charset=utf-8><style>body{font:12pt Georgia,serif;margin:2cm}</style>")
            if r.get("title"):
                f.write(f"<h1>{html.escape(r['title'])}</h1>")
            f.write("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(r)))
    return sorted(os.path.join(folder, n) for n in os.listdir(folder))


def write_libreoffice(records, folder):
    if not shutil.which("soffice"):
        sys.exit("pdf_files.py: the libreoffice form needs LibreOffice: apt-get install libreoffice-writer-nogui")
    pages = web_pages(records, os.path.join(folder, "pages"))
    # In batches, each file again alone if a batch stopped short (soffice ends a long batch early now and then).
    for k in range(0, len(pages), 40):
        todo = [p for p in pages[k:k + 40]]
        for attempt in range(3):
            todo = [p for p in todo if not os.path.exists(os.path.join(folder, os.path.basename(p)[:-5] + ".pdf"))]
            if not todo:
                break
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf:writer_pdf_Export", "--infilter=HTML (StarWriter)",
                            "--outdir", folder] + (todo if attempt == 0 else todo[:1]), capture_output=True, timeout=3600)
    made = len([n for n in os.listdir(folder) if n.endswith(".pdf")])
    if made != len(records):
        sys.exit(f"pdf_files.py: LibreOffice wrote {made} PDF files of {len(records)}")
    shutil.rmtree(os.path.join(folder, "pages"))


def write_ghostscript(records, folder, reportlab_folder):
    for name in sorted(os.listdir(reportlab_folder)):
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.7",
                        f"-sOutputFile={os.path.join(folder, name)}", os.path.join(reportlab_folder, name)],
                       check=True, capture_output=True)


def words(s):
    return re.findall(r"\w+", s.lower())


def fidelity(records, texts):
    ratios = []
    for r, t in zip(records, texts):
        a = words((r.get("title") or "") + " " + r["text"])
        ratios.append(difflib.SequenceMatcher(None, a, words(t), autojunk=False).ratio())
    return statistics.median(ratios), min(ratios)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=200)
    ap.add_argument("--forms", default="reportlab,fpdf,chromium,libreoffice,ghostscript")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "slant-score"))
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"pdf_files.py: {a.binary} is missing: swift build -c release")
    for tool, why in [("pdftotext", "the peer column"), ("gs", "the ghostscript form")]:
        if not shutil.which(tool) and (tool == "pdftotext" or "ghostscript" in a.forms):
            sys.exit(f"pdf_files.py: {why} needs {tool}: apt-get install poppler-utils ghostscript")
    raw = read(os.path.join(DATA, "allsides", "dev.jsonl.gz"), a.records)
    records = [{"id": r["id"], "title": r.get("title"), "text": r["text"]} for r in raw]
    writers = {"reportlab": write_reportlab, "fpdf": write_fpdf, "chromium": write_chromium, "libreoffice": write_libreoffice}
    with tempfile.TemporaryDirectory() as tmp:
        base = score(a.binary, records, os.path.join(tmp, "base.jsonl"))
        print(f"{len(records)} AllSides dev articles, each a PDF file: records whose leaning label / frames / actor list"
              " change; titles not found; words in order (median, min) as Slant reads them / as pdftotext does")
        for form in a.forms.split(","):
            folder = os.path.join(tmp, form)
            os.makedirs(folder)
            t0 = time.time()
            if form == "ghostscript":
                source = os.path.join(tmp, "reportlab")
                if not os.path.isdir(source):
                    os.makedirs(source)
                    write_reportlab(records, source)
                write_ghostscript(records, folder, source)
            else:
                writers[form](records, folder)
            made = time.time() - t0
            t0 = time.time()
            out = subprocess.run([a.binary, "--keep", "title,text", folder], capture_output=True, text=True, check=True).stdout
            took = time.time() - t0
            outs = [json.loads(line) for line in out.splitlines()]
            lean, frames, actors = compare(base, outs)
            missing = sum(1 for r, o in zip(records, outs) if r.get("title") and " ".join((o.get("title") or "").split()) != " ".join(r["title"].split()))
            mine = fidelity(records, [(o.get("title") or "") + " " + (o.get("text") or "") for o in outs])
            theirs = []
            for name in sorted(os.listdir(folder)):
                theirs.append(subprocess.run(["pdftotext", os.path.join(folder, name), "-"], capture_output=True,
                                             text=True, check=True).stdout)
            peer = fidelity(records, theirs)
            print(f"  {form:12s} {lean:4d} / {frames:4d} / {actors:4d}; titles {missing:3d}; "
                  f"words {mine[0]:.4f} ({mine[1]:.4f}) / {peer[0]:.4f} ({peer[1]:.4f}); "
                  f"written in {made:.0f} s, scored in {took:.2f} s")


if __name__ == "__main__":
    main()
