// Shared by the fuzz targets that read news archives' downloads (docx, rtf): compiled into every target by
// Fuzz/run.sh.

/// Checks the articles a download reader found in paragraphs `texts`: numbered 1, 2, ... in the paragraphs'
/// order, each opening on a paragraph of the file, each line of an article's text part of one paragraph.
func checkDocuments(_ docs: [NexisText.Document]?, of texts: [String]) {
    guard let docs else { return }
    var last = 0
    for (k, d) in docs.enumerated() {
        precondition(d.number == k + 1, "documents numbered in order")
        precondition(d.line > last && d.line <= texts.count, "documents in the paragraphs' order")
        last = d.line
        // (Compared as bytes: Foundation's String.contains traps on some strings, "".contains("Section:\u{A0}A").)
        for line in d.text.split(separator: "\n") where !line.isEmpty {
            let l = Array(line.utf8)
            precondition(texts.contains { Array($0.utf8).firstRange(of: l) != nil }, "an article's lines are the document's")
        }
    }
}
