/// Page breaks of text extracted from PDFs, and the running headers, footers and page numbers around them, removed.
///
/// `pdftotext` and the tools built on it end each page with a form feed (U+000C), and a printed page carries a
/// running header ("THE DAILY COURIER    Tuesday, March 3, 2016    A3") and a page number. Read as they are, the
/// furniture is prose (a sentence of the header's words, or the header's words inside a sentence the page break
/// cut) and the form feed after a line break is a blank line, which ends a paragraph and so every sentence that
/// runs on to the next page: on 300 AllSides dev articles laid out as 60-column PDF text cut into 40-line pages so,
/// 27 `leaning` labels, 65 articles' frames and 22 articles' actors changed against the same layout without pages
/// (pdf60: 3 / 1 / 4). At each page break, the lines between the last line of text of one page and the first of
/// the next are removed but for one line break, so a sentence (or a word hyphenated across the break) runs on as
/// it does across any other line; with them, at each page's top and bottom, lines that are furniture:
/// - a page number: digits alone, or after "Page"/"p.", with "of N" or "/ N" after them, dashes around ("- 3 -");
/// - a running header or footer: a line that opens (or closes) two pages or more, read with its digits as any
///   digits and its case and spacing as any ("A3" and "A4", "Page 2 of 5" and "Page 3 of 5").
/// At most two lines at each end of a page are read so. Only text with a form feed is read; offsets map back to
/// the text as given.
enum PageFurniture {
    /// `c` without the furniture, and for each scalar left its offset in `c` as it was (`origin`) and the offsets
    /// removed (`removed`, ascending); nil, `c` unchanged, when `c` holds no form feed or nothing to remove.
    /// - Complexity: O(`c`).
    static func removeAll(_ c: inout [Unicode.Scalar]) -> (origin: [Int32], removed: [Int32])? {
        guard c.contains("\u{0C}") else { return nil }
        @inline(__always) func isBreak(_ x: Unicode.Scalar) -> Bool { x == "\n" || x == "\r" || x == "\u{0C}" }
        // Lines, [start, end) without their line break, and pages, ranges of line indices.
        var lines: [Range<Int>] = [], pages: [Range<Int>] = []
        var start = 0, pageStart = 0, k = 0
        while k <= c.count {
            guard k == c.count || isBreak(c[k]) else { k += 1; continue }
            lines.append(start..<k)
            var next = k + 1
            if k < c.count, c[k] == "\r", next < c.count, c[next] == "\n" { next += 1 }
            if k == c.count || c[k] == "\u{0C}" { pages.append(pageStart..<lines.count); pageStart = lines.count }
            start = next; k = next
        }
        @inline(__always) func blank(_ l: Range<Int>) -> Bool { c[l].allSatisfy { $0 == " " || $0 == "\t" } }
        // Each page's first and last two lines of text, and how many pages each line's key opens and closes.
        // (Lines with their keys; each key counted once a page: a page whose two lines read alike counts once.)
        var top: [[(line: Int, key: UInt64)]] = [], bottom: [[(line: Int, key: UInt64)]] = []
        var heads: [UInt64: Int] = [:], foots: [UInt64: Int] = [:]
        for p in pages {
            var first: [(line: Int, key: UInt64)] = [], last: [(line: Int, key: UInt64)] = []
            for i in p where !blank(lines[i]) { first.append((i, key(c, lines[i]))); if first.count == 2 { break } }
            for i in p.reversed() where !blank(lines[i]) { last.append((i, key(c, lines[i]))); if last.count == 2 { break } }
            top.append(first); bottom.append(last)
            for (j, x) in first.enumerated() where j == 0 || x.key != first[0].key { heads[x.key, default: 0] += 1 }
            for (j, x) in last.enumerated() where j == 0 || x.key != last[0].key { foots[x.key, default: 0] += 1 }
        }
        // The furniture: from each end of each page inwards, while the lines are furniture.
        var furniture = [Bool](repeating: false, count: lines.count)
        for k in pages.indices {
            for x in top[k] {
                guard isPageNumber(c, lines[x.line]) || heads[x.key, default: 0] >= 2 else { break }
                furniture[x.line] = true
            }
            for x in bottom[k] {
                guard isPageNumber(c, lines[x.line]) || foots[x.key, default: 0] >= 2 else { break }
                furniture[x.line] = true
            }
        }
        // Removed: the furniture lines with their line breaks, and at each page break everything between the last
        // line of text before it and the first after it but one line break.
        var remove = [Bool](repeating: false, count: c.count)
        for i in lines.indices where furniture[i] {
            for q in lines[i] { remove[q] = true }
            if lines[i].upperBound < c.count { remove[lines[i].upperBound] = true }
        }
        var lastText: Int? = nil
        var page = 0
        for i in lines.indices {
            while page < pages.count && pages[page].upperBound <= i { page += 1 }
            guard !furniture[i], !blank(lines[i]) else { continue }
            // A line of text on a later page than the last one: the gap between them is a page break.
            if let l = lastText, !pages[page].contains(l) {
                let gap = lines[l].upperBound..<lines[i].lowerBound
                for q in gap { remove[q] = true }
                if let q = gap.first(where: { isBreak(c[$0]) }) { remove[q] = false }
            }
            lastText = i
        }
        return InvisibleCharacters.dropMarked(&c, remove)
    }

    /// A line's key for running headers and footers: `FNV64` over its letters folded (`MentionFinder.fold`), each
    /// run of digits as one "#", other characters but spaces as written, spaces left out.
    static func key(_ c: [Unicode.Scalar], _ l: Range<Int>) -> UInt64 {
        var h = FNV64.offset
        var digits = false
        for k in l {
            let x = c[k]
            if x.value >= 0x30 && x.value <= 0x39 { if !digits { h = FNV64.mix(h, "#") }; digits = true; continue }
            digits = false
            if x == " " || x == "\t" { continue }
            h = FNV64.mix(h, MentionFinder.fold(x))
        }
        return h
    }

    /// Whether line `l` is a page number: "12", "- 12 -", "Page 12", "p. 12", "12 of 40", "Page 12/40".
    static func isPageNumber(_ c: [Unicode.Scalar], _ l: Range<Int>) -> Bool {
        guard l.count <= 24 else { return false }
        var w = String(String.UnicodeScalarView(c[l])).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let dashes: Set<String> = ["-", "–", "—"]
        if let f = w.first, dashes.contains(f) { w.removeFirst() }
        if let l = w.last, dashes.contains(l) { w.removeLast() }
        if let f = w.first, f == "page" || f == "p." || f == "pg." { w.removeFirst() }
        func number(_ s: String) -> Bool { !s.isEmpty && s.count <= 4 && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber) }
        switch w.count {
        case 1:
            let parts = w[0].split(separator: "/", omittingEmptySubsequences: false)
            return parts.count <= 2 && parts.allSatisfy { number(String($0)) }
        case 3: return number(w[0]) && (w[1] == "of" || w[1] == "/") && number(w[2])
        default: return false
        }
    }
}
