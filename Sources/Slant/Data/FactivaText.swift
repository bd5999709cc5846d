/// Articles downloaded from Factiva as RTF (its "Rich Text Format" download, `RTFText`) or that download saved as
/// text, a paragraph per line: many articles in one file, each read as a record of its own with its headline,
/// outlet and date, as Factiva's saved pages are (`FactivaHTML`).
///
/// Each article ends with a paragraph "Document " and its number ("Document NYTF000020200303eg330005r"). In the
/// layout with indexing, the article is a table of fields, each a cell with its code ("HD" the headline, "WC" the
/// word count, "PD" the date, "SN" the source's name, "LA" the language, "CY" the copyright, "LP" the lead
/// paragraphs and "TD" the others, "NS" subjects, "AN" the document's number, ...: `FactivaHTML.names`) and a
/// cell with its value, read here as a paragraph with the code alone (or the code, a tab and the value) and the
/// value's paragraphs after it. In the plain layout the article opens with unlabelled paragraphs: a section or
/// column, the headline (in bold), the byline, "812 words", the date, the time, the source's name and code, the
/// edition and page, the language, the copyright; then the paragraphs. Read so, each article is a record: `id`
/// the file's name and the article's number ("factiva.rtf#3"), `title` the headline, `source` the source's name
/// (never an actor), `text` the paragraphs, one per line; `--keep` can copy `date` (ISO 8601 when it reads as a
/// date: "3 March 2020"), `source`, `title`, `byline`, `length`, `section`, `language`, `copyright`, `document`,
/// `subject`, ... as a saved page gives them.
///
/// A file is read so only when its first article ends with the "Document" paragraph and opens as one of the two
/// layouts does: a "HD" field and a "LP" or "TD" field, or a word count among its first eight paragraphs with a
/// date after it. Only the English labels are known ("812 words", not "812 mots").
public enum FactivaText {
    /// The articles of a Factiva download whose paragraphs are `lines` (line `k` of the file `lines[k - 1]`),
    /// `bold[k]` whether paragraph k is set in bold (empty when the file gives no such mark); nil when it is none.
    /// - Complexity: O(`lines`).
    public static func documents(_ lines: [String], bold: [Bool] = []) -> [NexisText.Document]? {
        var out: [NexisText.Document] = []
        var start = 0
        for (k, l) in lines.enumerated() {
            guard let number = documentNumber(l) else { continue }
            let chunk = start..<k
            start = k + 1
            let nonEmpty = chunk.filter { !lines[$0].allSatisfy(\.isWhitespace) }
            if nonEmpty.isEmpty { continue }
            guard let d = document(nonEmpty.map { lines[$0].trimmingCharacters() }, bold: nonEmpty.map { $0 < bold.count && bold[$0] },
                                   number: out.count + 1, line: nonEmpty[0] + 1, documentNumber: number) else {
                if out.isEmpty { return nil }       // the first article decides whether the file is a download at all
                // An article in neither layout: its paragraphs, without a headline.
                out.append(NexisText.Document(number: out.count + 1, line: nonEmpty[0] + 1, fields: ["document": number],
                                              text: nonEmpty.map { lines[$0].trimmingCharacters() }.joined(separator: "\n")))
                continue
            }
            out.append(d)
        }
        guard !out.isEmpty else { return nil }
        // Paragraphs after the last article's number: Factiva's "Search Summary" of the download (the query, dates,
        // sources, results found), not read; anything else is a download cut short, an article without its number.
        let rest = (start..<lines.count).filter { !lines[$0].allSatisfy(\.isWhitespace) }
        if let first = rest.first, lines[first].trimmingCharacters() != "Search Summary" {
            let ls = rest.map { lines[$0].trimmingCharacters() }
            out.append(document(ls, bold: rest.map { $0 < bold.count && bold[$0] }, number: out.count + 1, line: rest[0] + 1, documentNumber: nil)
                       ?? NexisText.Document(number: out.count + 1, line: rest[0] + 1, fields: [:], text: ls.joined(separator: "\n")))
        }
        return out
    }

    /// The number of a paragraph "Document NYTF000020200303eg330005r" (or "AN", a tab and that: the layout with
    /// indexing written as text), nil for any other.
    static func documentNumber(_ l: String) -> String? {
        guard ByteScan.contains(l, "Document ") else { return nil }     // (most lines: before trimming them)
        var t = l.trimmingCharacters()
        guard t.utf8.count <= 64 else { return nil }
        if t.hasPrefix("AN\t") { t = String(t.dropFirst(3)).trimmingCharacters() }
        guard t.hasPrefix("Document ") else { return nil }
        let id = t.dropFirst(9)
        guard id.count >= 10, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return String(id)
    }

    /// Field codes of the layout with indexing.
    static let codes: Set<String> = Set(FactivaHTML.names.keys).union(["LP", "TD", "PG", "VOL", "CT", "RF", "IPC", "IPD", "ART", "RST"])

    /// A paragraph that opens a field of the layout with indexing: its code and the value after a tab, if any.
    /// (Read on the UTF-8 bytes: every paragraph of a download is asked, and most fail at their first bytes.)
    static func fieldCode(_ l: String) -> (code: String, value: String)? {
        let u = l.utf8
        var i = u.startIndex
        while i < u.endIndex, u[i] == 0x20 { i = u.index(after: i) }
        let s = i
        var n = 0
        while i < u.endIndex, n < 5, u[i] >= 0x41, u[i] <= 0x5A { i = u.index(after: i); n += 1 }
        guard (2...4).contains(n) else { return nil }
        let value: String
        if i == u.endIndex || l[i...].allSatisfy(\.isWhitespace) && u[i] != 0x09 { value = "" }
        else if u[i] == 0x09 { value = String(l[u.index(after: i)...]).trimmingCharacters() }
        else { return nil }
        let code = String(l[s..<i])
        return codes.contains(code) ? (code, value) : nil
    }

    /// "812 words".
    static func isWordCount(_ l: String) -> Bool {
        guard l.hasSuffix(" words") else { return false }
        let n = l.dropLast(6).filter { $0 != "," }
        return !n.isEmpty && n.count <= 7 && Int(n) != nil
    }

    /// Language names as Factiva's English pages write them.
    static let languages: Set<String> = ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Russian",
                                         "Chinese-Simplified", "Chinese-Traditional", "Chinese", "Japanese", "Korean", "Arabic",
                                         "Swedish", "Norwegian", "Danish", "Finnish", "Polish", "Turkish", "Greek", "Hungarian",
                                         "Czech", "Indonesian", "Malay", "Vietnamese", "Thai", "Hebrew", "Catalan", "Romanian"]

    /// One article: `ls`, its trimmed non-empty paragraphs before its "Document" paragraph.
    static func document(_ ls: [String], bold: [Bool], number: Int, line: Int, documentNumber: String?) -> NexisText.Document? {
        if let hd = ls.firstIndex(where: { fieldCode($0)?.code == "HD" }), ls.contains(where: { ["LP", "TD"].contains(fieldCode($0)?.code ?? "") }) {
            // Fields before the headline (a section "SE", a column "CLM") count too.
            return indexed(ls, from: ls.firstIndex(where: { fieldCode($0) != nil }) ?? hd, number: number, line: line, documentNumber: documentNumber)
        }
        return plain(ls, bold: bold, number: number, line: line, documentNumber: documentNumber)
    }

    /// The layout with indexing: fields from the first field's code on.
    static func indexed(_ ls: [String], from hd: Int, number: Int, line: Int, documentNumber: String?) -> NexisText.Document {
        var fields: [String: String] = [:]
        var paragraphs: [String] = []
        var code: String? = nil
        // A field's value: after its code and a tab, and the paragraphs up to the next code.
        for l in ls[hd...] {
            var value = l
            if let f = fieldCode(l) { code = f.code; value = f.value }
            guard let c = code, !value.isEmpty else { continue }
            if c == "LP" || c == "TD" { paragraphs.append(value); continue }
            let key = FactivaHTML.names[c] ?? c.lowercased()
            fields[key] = fields[key].map { $0 + " " + value } ?? value
        }
        if let n = documentNumber { fields["document"] = n }
        return FactivaHTML.indexedDocument(fields: fields, paragraphs: paragraphs, number: number, line: line)
    }

    /// The plain layout: unlabelled paragraphs up to the language and the copyright, then the article. Nil when no
    /// word count with a date after it opens the article.
    static func plain(_ ls: [String], bold: [Bool], number: Int, line: Int, documentNumber: String?) -> NexisText.Document? {
        guard let wc = ls.prefix(8).firstIndex(where: isWordCount), wc > 0 else { return nil }
        var k = wc + 1
        guard k < ls.count, let iso = NexisUni.leadingDate(ls[k]) else { return nil }
        var fields: [String: String] = ["length": ls[wc]]
        var d = NexisText.Document(number: number, line: line, fields: [:], text: "")
        d.date = ls[k]; d.isoDate = iso
        k += 1
        // Before the word count: the headline (the bold paragraph, else the first but a short section line before a
        // second that is no byline), the byline after it, a section or column before it.
        let before = Array(ls[..<wc])
        var t = bold.prefix(wc).firstIndex(of: true) ?? 0
        if !bold.prefix(wc).contains(true), before.count >= 2, before[0].split(separator: " ").count <= 3, !before[1].hasPrefix("By ") { t = 1 }
        d.title = before[t]
        if t > 0 { fields["section"] = before[..<t].joined(separator: " ") }
        if t + 1 < before.count { fields["byline"] = before[(t + 1)...].joined(separator: " ") }
        // After the date: the time, the source's name and code, then edition and page lines up to the language.
        if k < ls.count, ls[k].utf8.count <= 12, ls[k].contains(":"), ls[k].first?.isNumber == true { fields["time"] = ls[k]; k += 1 }
        if k < ls.count { d.source = ls[k]; k += 1 }
        if k < ls.count, ls[k].utf8.count <= 12, !ls[k].contains(" "), ls[k].allSatisfy({ $0.isUppercase || $0.isNumber }) { fields["source-code"] = ls[k]; k += 1 }
        if let la = ls[k...].prefix(4).firstIndex(where: languages.contains) {
            for (j, l) in ls[k..<la].enumerated() { fields[j == 0 && !(l.utf8.count <= 5 && l.last?.isNumber == true) ? "edition" : "page"] = l }
            fields["language"] = ls[la]
            k = la + 1
        }
        if k < ls.count, isCopyright(ls[k]) { fields["copyright"] = ls[k]; k += 1 }
        d.text = ls[k...].joined(separator: "\n")
        if let n = documentNumber { fields["document"] = n }
        d.fields = fields
        return d
    }

    /// A copyright line: "(c) 2020 The New York Times Company. All Rights Reserved.", "Copyright 2020 ...", "© ...".
    static func isCopyright(_ l: String) -> Bool {
        l.hasPrefix("(c)") || l.hasPrefix("(C)") || l.hasPrefix("©") || l.hasPrefix("Copyright")
    }
}
