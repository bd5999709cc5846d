/// Markdown's marks in a record's text fields ("**Ruiz** said", "[the report](https://…)", "## Background"),
/// read as the text a reader of the rendered article sees.
///
/// Article text increasingly arrives as Markdown: scraping services and readers that turn pages into text for
/// language models give it so, and so do newsletters and content systems. Read as written, a link's address
/// becomes words ("https", "com", the outlet's path) of every paragraph that links, and "**Ruiz**" is no
/// capitalised name: on 300 AllSides dev articles with a quarter of their capitalised words bold, italic or
/// linked, 17 `leaning` labels, 40 articles' frames and 134 articles' actors changed. The record reader
/// (`InvisibleCharacters.removing`) removes the marks, as the other repairs do (offsets map back to the text as
/// given); what they mark stays:
///
/// - at a line's start (after up to three spaces): a heading's "#"s ("## Background", and a closing run of "#"),
///   a block quote's ">", a list item's "*", "+" or "-", and a line that is only a thematic break ("***", "- - -",
///   "___") or a heading's underline ("===");
/// - a link `[text](address "title")`: its text stays, the brackets, address and title go; an image
///   `![alt](address)` goes whole (its picture is not text); a link's definition line (`[1]: https://…`) goes;
/// - emphasis: a run of one to three "*" or "_" that opens (not after a letter or digit, before a non-space) and a
///   run of the same marks that closes it (after a non-space, not before a letter or digit) in the same paragraph:
///   "*cries*", "__bold__"; "f***ing", "snake_case", "2*3*4" and a lone "*" stay;
/// - a backslash before ASCII punctuation ("\*", "\_"): the backslash goes and the mark is read as written.
///
/// Inline code is not read: news writes "`so what?'" with a backtick for an opening quote.
enum MarkdownMarks {
    /// A link's text or address longer than this (in scalars) is not taken for one.
    static let longestLink = 2048

    /// White space and a word's scalars (a letter or a digit), as the article analysis classes them (`ScalarClass`).
    @inline(__always) static func isSpace(_ v: UInt32) -> Bool { Unicode.Scalar(v).map(ScalarClass.isSpace) ?? false }
    @inline(__always) static func isAlphanumeric(_ v: UInt32) -> Bool { Unicode.Scalar(v).map(ScalarClass.isWord) ?? false }
    /// ASCII punctuation: what a backslash escapes.
    @inline(__always) static func isASCIIPunctuation(_ v: UInt32) -> Bool {
        (v >= 0x21 && v <= 0x2F) || (v >= 0x3A && v <= 0x40) || (v >= 0x5B && v <= 0x60) || (v >= 0x7B && v <= 0x7E)
    }

    /// Whether the UTF-8 bytes `p` may hold a mark at `i`, where `p[i]` is "*", "_", "[" or "\\": the quick check of
    /// the record reader's scan (`readAll` decides).
    static func mayStart(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = p.count
        @inline(__always) func b(_ j: Int) -> UInt32 { j >= 0 && j < n ? UInt32(p[j]) : 0 }
        switch b(i) {
        case 0x2A, 0x5F:   // "*", "_": a run that may open emphasis
            var j = i
            while b(j) == b(i), j - i < 4 { j += 1 }
            let next = b(j)
            return j - i <= 3 && next != 0 && !isSpace(next) && !(b(i - 1) < 0x80 && isAlphanumeric(b(i - 1)))
        case 0x5B:   // "[": a "](" follows in the same paragraph, before another "[" (which is checked in turn)
            var j = i + 1
            while j < n, j - i < longestLink {
                if p[j] == 0x5D && b(j + 1) == 0x28 { return true }
                if (p[j] == 0x0A && b(j + 1) == 0x0A) || p[j] == 0x5B { return false }
                j += 1
            }
            return false
        case 0x5C:
            return isASCIIPunctuation(b(i + 1))
        default:
            return false
        }
    }

    /// Whether the line that starts at `i` of the UTF-8 bytes `p` may start with a block mark (a heading, a block
    /// quote, a list item, a thematic break): the quick check at the text's start and after each "\n".
    static func lineMayStart(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = p.count
        @inline(__always) func b(_ j: Int) -> UInt32 { j >= 0 && j < n ? UInt32(p[j]) : 0 }
        var j = i
        while b(j) == 0x20, j - i < 3 { j += 1 }
        switch b(j) {
        case 0x23, 0x3E: return true   // "#", ">"
        case 0x2A, 0x2B, 0x2D: return b(j + 1) == 0x20 || thematicBreak(b(j), { b(j + $0) })
        case 0x5F, 0x3D: return thematicBreak(b(j), { b(j + $0) })
        default: return false
        }
    }

    /// Whether the line from offset 0 (`unit(k)`: its code at k, 0 past the text's end) is a thematic break or a
    /// heading's underline: three or more of `mark` ("*", "-", "_", "=") and spaces or tabs only ("=" without spaces).
    @inline(__always)
    static func thematicBreak(_ mark: UInt32, _ unit: (Int) -> UInt32) -> Bool {
        var k = 0, marks = 0
        while true {
            let x = unit(k)
            if x == mark { marks += 1 }
            else if (x == 0x20 || x == 0x09) && mark != 0x3D { }
            else { return marks >= 3 && (x == 0 || x == 0x0A || x == 0x0D) }
            k += 1
        }
    }

    /// `c` with its Markdown marks removed, and for each scalar left its offset in `c` as it was (`origin`) and the
    /// offsets removed (`removed`, ascending); nil, `c` unchanged, when it has none.
    /// - Complexity: O(`c`).
    static func readAll(_ c: inout [Unicode.Scalar]) -> (origin: [Int32], removed: [Int32])? {
        let n = c.count
        @inline(__always) func v(_ j: Int) -> UInt32 { j >= 0 && j < n ? c[j].value : 0 }
        var marked = [Bool](repeating: false, count: n)
        var any = false
        func mark(_ r: Range<Int>) { for j in r { marked[j] = true }; if !r.isEmpty { any = true } }
        // Escaped marks are read as written: their backslash goes, and they are no mark.
        var literal = [Bool](repeating: false, count: n)
        var j = 0
        while j < n {
            if v(j) == 0x5C, isASCIIPunctuation(v(j + 1)) { mark(j..<j + 1); literal[j + 1] = true; j += 2 } else { j += 1 }
        }
        // Lines.
        var start = 0
        while start < n {
            var end = start
            while end < n, v(end) != 0x0A { end += 1 }
            readLine(start..<end, c, literal, mark)
            start = end + 1
        }
        // Links and images (each "]" closes the last open "[", so that brackets nest in a link's text), then
        // emphasis, which a link's text may hold.
        var open: [Int] = []
        j = 0
        while j < n {
            let x = v(j)
            if x == 0x0A && v(j + 1) == 0x0A { open.removeAll(keepingCapacity: true) }
            guard (x == 0x5B || x == 0x5D), !literal[j], !marked[j] else { j += 1; continue }
            if x == 0x5B { open.append(j); j += 1; continue }
            guard let o = open.popLast() else { j += 1; continue }
            guard let end = destination(c, at: j + 1) else { j += 1; continue }
            if o > 0, v(o - 1) == 0x21, !literal[o - 1], !marked[o - 1] {
                mark(o - 1..<end)   // an image: all of it
            } else {
                mark(o..<o + 1); mark(j..<end)
            }
            open.removeAll(keepingCapacity: true)   // a link holds no link
            j = end
        }
        if readEmphasis(c, literal, &marked) { any = true }
        guard any else { return nil }
        return InvisibleCharacters.rewrite(&c) { _, k in
            guard marked[k] else { return nil }
            var e = k
            while e < n, marked[e] { e += 1 }
            return ([], e - k)
        }
    }

    /// Marks a line's block marks: block quotes' ">", a heading's "#"s, a list item's mark, a thematic break, a
    /// link's definition.
    static func readLine(_ line: Range<Int>, _ c: [Unicode.Scalar], _ literal: [Bool], _ mark: (Range<Int>) -> Void) {
        let end = line.upperBound
        @inline(__always) func v(_ j: Int) -> UInt32 { j < end ? c[j].value : 0 }
        var j = line.lowerBound
        func skipSpaces(_ most: Int) { var s = 0; while v(j) == 0x20, s < most { j += 1; s += 1 } }
        skipSpaces(3)
        // Block quotes, nested or not ("> > text").
        while v(j) == 0x3E, !literal[j] {
            mark(j..<(v(j + 1) == 0x20 ? j + 2 : j + 1))
            j += v(j + 1) == 0x20 ? 2 : 1
            skipSpaces(3)
        }
        guard j < end, !literal[j] else { return }
        let x = v(j)
        if (x == 0x2A || x == 0x2D || x == 0x5F || x == 0x3D) && thematicBreak(x, { v(j + $0) }) {
            mark(j..<end)
            return
        }
        if x == 0x23 {
            var h = j
            while v(h) == 0x23, h - j < 7 { h += 1 }
            guard h - j <= 6, h == end || v(h) == 0x20 || v(h) == 0x09 else { return }
            mark(j..<min(h + 1, end))
            // A closing run of "#" after a space, at the line's end.
            var e = end
            while e > h, v(e - 1) == 0x20 || v(e - 1) == 0x09 || v(e - 1) == 0x0D { e -= 1 }
            var s = e
            while s > h, v(s - 1) == 0x23 { s -= 1 }
            if s < e, s > h, v(s - 1) == 0x20 || v(s - 1) == 0x09, !literal[s] {
                var w = s
                while w > h, v(w - 1) == 0x20 || v(w - 1) == 0x09 { w -= 1 }
                mark(w..<e)
            }
            return
        }
        if (x == 0x2A || x == 0x2B || x == 0x2D) && v(j + 1) == 0x20 {
            mark(j..<j + 2)
            return
        }
        // A link's definition: "[label]: address", the whole line.
        if x == 0x5B {
            var k = j + 1
            while k < end, v(k) != 0x5D, k - j < 1000 { k += 1 }
            if k > j + 1, v(k) == 0x5D, v(k + 1) == 0x3A, v(k + 2) == 0x20 || v(k + 2) == 0x09 {
                var a = k + 2
                while v(a) == 0x20 || v(a) == 0x09 { a += 1 }
                if a < end { mark(j..<end) }
            }
        }
    }

    /// The offset just after a link's "(address "title")" that starts at `k` (where `c[k]` should be "("); nil when
    /// none is written there. The address is "<…>", or has no white space and balanced parentheses; neither it nor
    /// the title runs into another link's brackets or a new paragraph, so that each is read once.
    /// - Complexity: O(`longestLink`).
    static func destination(_ c: [Unicode.Scalar], at k: Int) -> Int? {
        let n = c.count
        @inline(__always) func v(_ j: Int) -> UInt32 { j < n ? c[j].value : 0 }
        guard v(k) == 0x28 else { return nil }
        var j = k + 1
        while v(j) == 0x20 || v(j) == 0x09 { j += 1 }
        if v(j) == 0x3C {
            while j < n, v(j) != 0x3E, v(j) != 0x0A, v(j) != 0x5B, v(j) != 0x5D, j - k < longestLink { j += 1 }
            guard v(j) == 0x3E else { return nil }
            j += 1
        } else {
            var parens = 0
            while j < n, j - k < longestLink {
                let x = v(j)
                if isSpace(x) || x < 0x20 || x == 0x5B || x == 0x5D { break }
                if x == 0x28 { parens += 1 }
                if x == 0x29 { if parens == 0 { break }; parens -= 1 }
                j += 1
            }
        }
        while v(j) == 0x20 || v(j) == 0x09 || (v(j) == 0x0A && v(j + 1) != 0x0A) { j += 1 }
        // A title: "…", '…' or (…).
        let q = v(j)
        if q == 0x22 || q == 0x27 || q == 0x28 {
            let closing: UInt32 = q == 0x28 ? 0x29 : q
            j += 1
            while j < n, v(j) != closing, j - k < longestLink {
                if v(j) == 0x5B || v(j) == 0x5D || (v(j) == 0x0A && v(j + 1) == 0x0A) { return nil }
                j += 1
            }
            guard v(j) == closing else { return nil }
            j += 1
            while v(j) == 0x20 || v(j) == 0x09 { j += 1 }
        }
        guard v(j) == 0x29 else { return nil }
        return j + 1
    }

    /// Marks emphasis: runs of one to three "*" or "_" that open and close it in the same paragraph, the nearest
    /// opener of the same mark and length taking a closer (the openers after it, inside what it closes, can no
    /// longer be closed); whether any was marked.
    /// - Complexity: O(`c`): an opener is pushed and popped once (one stack per mark and length).
    static func readEmphasis(_ c: [Unicode.Scalar], _ literal: [Bool], _ marked: inout [Bool]) -> Bool {
        let n = c.count
        @inline(__always) func v(_ j: Int) -> UInt32 { j >= 0 && j < n ? c[j].value : 0 }
        // Openers' offsets, ascending: stacks 0–2 for "*" of length 1–3, 3–5 for "_".
        var openers = [[Int]](repeating: [], count: 6)
        var any = false
        var j = 0
        while j < n {
            let x = v(j)
            if x == 0x0A && v(j + 1) == 0x0A { for s in openers.indices { openers[s].removeAll(keepingCapacity: true) }; j += 1; continue }
            guard (x == 0x2A || x == 0x5F), !literal[j], !marked[j] else { j += 1; continue }
            var e = j
            while e < n, v(e) == x, !literal[e], !marked[e] { e += 1 }
            let length = e - j
            j = e
            guard length <= 3 else { continue }
            // The scalars around the run; marked ones (a link's brackets) count as white space.
            let start = e - length
            let before = start > 0 && !marked[start - 1] ? v(start - 1) : 0x20, after = e < n && !marked[e] ? v(e) : 0x20
            let canClose = !isSpace(before) && !isAlphanumeric(after)
            let canOpen = !isSpace(after) && !isAlphanumeric(before)
            let stack = (x == 0x2A ? 0 : 3) + length - 1
            if canClose, let o = openers[stack].last {
                for k in o..<o + length { marked[k] = true }
                for k in start..<e { marked[k] = true }
                any = true
                for s in openers.indices { while let t = openers[s].last, t >= o { openers[s].removeLast() } }
            } else if canOpen {
                openers[stack].append(start)
            }
        }
        return any
    }
}
