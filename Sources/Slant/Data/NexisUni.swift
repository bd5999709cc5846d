/// Articles downloaded from Nexis Uni (LexisNexis's archive for universities since 2018, also Nexis and Lexis
/// Advance) as a Word document: many articles in one `.docx`, each read as a record of its own with its headline,
/// outlet and date, as the older text downloads are (`NexisText`).
///
/// The layout, paragraph by paragraph: an optional cover page (the request's "Date and Time:", "Job Number:",
/// "Documents (100)" and a list of results), then per document the headline, the outlet, the date ("March 3, 2020
/// Tuesday", an edition or time may follow), a copyright line, fields ("Section: NEWS; Pg. A1", "Length: 812
/// words", "Byline: ...", "Highlight: ...", a key, a colon and a space or no-break space, a value running on to the
/// next paragraphs until the next key), a paragraph "Body" and the article's paragraphs, then optionally "Graphic"
/// (captions) and "Classification" ("Language: ENGLISH", "Subject: ...", "Load-Date: March 3, 2020"), and a
/// paragraph "End of Document". Read so, each article is a record: `id` the file's name and the document's number in
/// the file ("download.docx#3"), `title` the headline ("No Headline In Original": none), `source` the outlet (never
/// an actor), `text` the article's paragraphs, one per line; `--keep` can copy `date` (ISO 8601 when it reads as a
/// date), `source`, `title` and any field by its name in lower case (`byline`, `section`, `length`, `load-date`,
/// `language`, ...). The same layout saved as text (Word's "Plain Text", a paragraph per line) reads the same way.
///
/// A file is read so only when its first document has a paragraph "Body" after a field "Length: N words" and ends
/// with "End of Document"; any other file is one record. The three paragraphs before the copyright line are taken
/// as headline, outlet and date (two: headline and date), as Nexis Uni writes them; a document that lacks its outlet
/// line, after a cover page, takes a line of the cover as its headline. Only the English labels are known.
public enum NexisUni {
    /// The documents of a Nexis Uni download whose paragraphs (or lines) are `lines`, line `k` of the file being
    /// `lines[k - 1]`; nil when it is not one (see the type's comment).
    /// - Complexity: O(`lines`).
    public static func documents(_ lines: [String]) -> [NexisText.Document]? {
        let trimmed = lines.map { $0.trimmingCharacters() }
        // A quick look first: most files end no paragraph so.
        guard trimmed.contains("End of Document") else { return nil }
        var out: [NexisText.Document] = []
        var start = 0
        for (k, l) in trimmed.enumerated() where l == "End of Document" || k == trimmed.count - 1 {
            let isEnd = l == "End of Document"
            let chunk = trimmed[start..<(isEnd ? k : k + 1)]
            start = k + 1
            if chunk.allSatisfy(\.isEmpty) { continue }
            if let d = document(chunk, number: out.count + 1) {
                out.append(d)
            } else if out.isEmpty {
                return nil        // the first document decides whether the file is a download at all
            } else {
                // A document without a body (a picture: its captions), or lines after the last "End of Document"
                // (a download cut short): its lines, without a headline (none is an error in its turn).
                var lines = chunk.filter { !$0.isEmpty }
                if let g = lines.firstIndex(of: "Graphic") { lines = Array(lines[(g + 1)...]) }
                if let t = lines.firstIndex(where: { $0 == "Classification" || (field($0).map { NexisText.trailerKeys.contains($0.key) } ?? false) }) {
                    lines = Array(lines[..<t])
                }
                out.append(NexisText.Document(number: out.count + 1, line: chunk.startIndex + 1, fields: [:], text: lines.joined(separator: "\n")))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// A field paragraph ("Length: 812 words"; the space may be a no-break space), as its key in lower case and
    /// value; nil for any other paragraph. Keys are English: ASCII letters, hyphens and inner spaces, at most 30.
    /// (Read on the UTF-8 bytes: every paragraph of a download's articles is asked, and most fail at once.)
    static func field(_ l: String) -> (key: String, value: String)? {
        let u = l.utf8
        var i = u.startIndex, n = 0
        while i < u.endIndex, u[i] != 0x3A {
            let c = u[i] | 0x20
            guard (0x61...0x7A).contains(c) || (n > 0 && (u[i] == 0x2D || u[i] == 0x20)), n < 30 else { return nil }
            n += 1; i = u.index(after: i)
        }
        guard i < u.endIndex, n > 0, u[u.index(before: i)] != 0x20 else { return nil }
        let after = u.index(after: i)
        guard after == u.endIndex || u[after] == 0x20
                || u[after] == 0xC2 && u.index(after: after) < u.endIndex && u[u.index(after: after)] == 0xA0 else { return nil }
        return (String(l[..<i]).lowercased(), String(l[after...]).trimmingCharacters())
    }

    /// "Length: 812 words".
    static func isLength(_ l: String) -> Bool {
        guard let f = field(l), f.key == "length", f.value.hasSuffix(" words") else { return false }
        return Int(f.value.dropLast(6).filter { $0 != "," }) != nil
    }

    /// One document: `chunk`, its trimmed lines (index k is line k + 1 of the file).
    static func document(_ chunk: ArraySlice<String>, number: Int) -> NexisText.Document? {
        guard let body = chunk.firstIndex(of: "Body"),
              let length = chunk[..<body].lastIndex(where: isLength) else { return nil }
        // The copyright line is the last before the fields; without one, the fields are the lines right before
        // "Length:" that read as fields.
        func isCopyright(_ l: String) -> Bool { l.hasPrefix("Copyright") || l.hasPrefix("©") }
        let firstField: Int, headerEnd: Int
        if let c = chunk[..<length].lastIndex(where: isCopyright) {
            (firstField, headerEnd) = (c + 1, c)
        } else {
            var f = length
            while f > chunk.startIndex, chunk[f - 1].isEmpty || field(chunk[f - 1]) != nil { f -= 1 }
            (firstField, headerEnd) = (f, f)
        }
        let header = chunk[chunk.startIndex..<headerEnd].filter { !$0.isEmpty }
        var source: String? = nil, date: String? = nil, iso: String? = nil, title: String? = nil
        switch header.count {
        case 0: break
        case 1: title = header[0]
        case 2: title = header[0]; date = header[1]
        default: title = header[header.count - 3]; source = header[header.count - 2]; date = header[header.count - 1]
        }
        if let d = date { iso = leadingDate(d) }
        if title == "No Headline In Original" { title = nil }
        var fields: [String: String] = [:]
        var lastKey: String? = nil
        func read(_ l: String) {
            if l.isEmpty { return }
            if let f = field(l) { fields[f.key] = fields[f.key].map { $0 + "; " + f.value } ?? f.value; lastKey = f.key }
            else if let k = lastKey { fields[k, default: ""] += " " + l }
        }
        for l in chunk[firstField..<body] { read(l) }
        // The article: up to "Graphic", "Classification" or the first trailer field.
        var end = body + 1
        while end < chunk.endIndex, chunk[end] != "Graphic", chunk[end] != "Classification",
              !(field(chunk[end]).map { NexisText.trailerKeys.contains($0.key) } ?? false) { end += 1 }
        lastKey = nil
        for l in chunk[end...] where l != "Graphic" && l != "Classification" { if field(l) != nil || lastKey != nil { read(l) } }
        let text = chunk[(body + 1)..<end].filter { !$0.isEmpty }
        return NexisText.Document(number: number, line: chunk.startIndex + 1, source: source, date: date, isoDate: iso,
                                  title: title, fields: fields, text: text.joined(separator: "\n"))
    }

    /// The date a line opens with ("March 3, 2020 Tuesday 8:44 PM EST", "Tuesday, March 3, 2020", "3 March 2020"),
    /// as ISO 8601; nil when it opens with none.
    static func leadingDate(_ l: String) -> String? {
        var words = l.split(separator: " ").map(String.init)
        if let f = words.first, f.hasSuffix(","), weekdays.contains(f.dropLast().lowercased()) { words.removeFirst() }
        guard words.count >= 3 else { return nil }
        return NexisText.isoDate(words[0..<3].joined(separator: " "))
    }

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The lines of a text (split at "\n", "\r\n" and "\r").
    static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }
}
