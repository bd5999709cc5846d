/// Spaces and tabs at the end of a line, removed.
///
/// Text wrapped to a width often keeps the space it was broken at: e-mail in the flowed format (RFC 3676, where a
/// space before a line break marks a soft break), text copied from PDF viewers and terminals, editors that pad
/// lines. Read as it is, a hard-wrapped line's break becomes a space beside that space, and two white-space
/// characters are a gap to the rules that join a name's words (a data set's stripped commas leave such gaps:
/// "after the loss to Louisville  Fisher"), so "Donald J. \nTrump" was the actor "Trump": on 300 AllSides dev
/// articles wrapped at 70 columns so, 11 actor lists changed (1 without the trailing spaces). A space or tab
/// before a line break is never part of the words, so they are removed (offsets map back to the text as given)
/// where another line of text follows right after the break; before a blank line or at the text's end, where
/// they change nothing, they stay (FNC-1's bodies end a tenth of their paragraphs so, and the pass is not free),
/// and so do spaces at a line's start, which may indent a paragraph.
enum TrailingSpaces {
    /// Whether the line break at byte `i` of UTF-8 `p` ("\n") follows a space or a tab (before a "\r" too) and
    /// precedes text: a quick check on bytes, `removeAll` removes them.
    @inline(__always)
    static func mayRemove(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i - 1
        if j >= 0, p[j] == 0x0D { j -= 1 }
        return j >= 0 && (p[j] == 0x20 || p[j] == 0x09) && i + 1 < p.count && !isBlankOrBreak(p[i + 1])
    }

    /// Whether byte or scalar value `v` is a space, a tab or a line break ("\n", "\r").
    @inline(__always)
    static func isBlankOrBreak<T: BinaryInteger>(_ v: T) -> Bool { v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D }

    /// `c` with the spaces and tabs before each line break ("\n", "\r\n", "\r") that text follows removed, and for
    /// each scalar left its offset in `c` as it was (`origin`) and the offsets removed (`removed`, ascending); nil,
    /// `c` unchanged, when there is none.
    /// - Complexity: O(`c`).
    static func removeAll(_ c: inout [Unicode.Scalar]) -> (origin: [Int32], removed: [Int32])? {
        @inline(__always) func blank(_ x: Unicode.Scalar) -> Bool { x == " " || x == "\t" }
        // Whether a line break at `k` is one that text follows right after it.
        @inline(__always) func breakBeforeText(_ k: Int) -> Bool {
            guard k < c.count, c[k] == "\n" || c[k] == "\r" else { return false }
            let next = c[k] == "\r" && k + 1 < c.count && c[k + 1] == "\n" ? k + 2 : k + 1
            return next < c.count && !isBlankOrBreak(c[next].value)
        }
        guard c.indices.contains(where: { blank(c[$0]) && breakBeforeText($0 + 1) }) else { return nil }
        // Each run of spaces and tabs that a line break ends, marked whole.
        var remove = [Bool](repeating: false, count: c.count)
        var k = 0
        while k < c.count {
            guard blank(c[k]) else { k += 1; continue }
            var end = k + 1
            while end < c.count, blank(c[end]) { end += 1 }
            if breakBeforeText(end) { for r in k..<end { remove[r] = true } }
            k = end
        }
        return InvisibleCharacters.dropMarked(&c, remove)
    }
}
