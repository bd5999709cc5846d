/// Articles downloaded from ProQuest (its news databases: Global Newsstream, US Newsstream, ProQuest Central) as
/// text: many articles in one file, each read as a record of its own with its headline, outlet and date, as
/// LexisNexis and Factiva downloads are (`NexisText`, `FactivaText`).
///
/// ProQuest's text download ("ProQuestDocuments-2024-03-12.txt") separates its articles with a line of
/// underscores; each opens with "Document 3 of 84" and its title, then fields, one to a line, a key and a colon:
/// "Author:", "Abstract:", "Links:", "Full text:" (the article, a paragraph per line, its first on the key's line),
/// then "Subject:", "Location:", "People:", "Title:", "Publication title:", "Publication date:" ("Mar 3, 2020"),
/// "Section:", "Publisher:", "Language of publication:", "Document type:", "ProQuest document ID:", "Document
/// URL:", "Copyright:", "Last updated:", "Database:" and others. The download ends with ProQuest's contact and
/// terms, which are not read. Read so, each article is a record: `id` the file's name and the article's number
/// ("ProQuestDocuments.txt#3"), `title` the title, `source` the publication's title up to its place ("New York
/// Times, Late Edition (East Coast); New York, N.Y." is "New York Times"), `text` the full text (the abstract
/// when there is none); `--keep` can copy `date` (ISO 8601), `source`, `title`, and any field by its key in lower
/// case with hyphens for spaces (`author`, `byline` the same, `publication-title`, `section`, `subject`,
/// `document` the ProQuest document ID, `url`, `copyright`, ...).
///
/// A file is read so only when an article of it has the "ProQuest document ID:" field and a separator line
/// before it. Only the English labels are known.
public enum ProQuestText {
    /// Field keys as ProQuest writes them (case as written). A line that opens with one of these and a colon is a
    /// field; any other line continues the field before it (the full text's paragraphs, a long abstract).
    static let keys: Set<String> = [
        "Author", "Publication info", "Abstract", "Links", "Full text", "Full Text", "Subject", "Location", "People",
        "Company / organization", "Identifier / keyword", "Title", "Publication title", "Pages", "Publication year",
        "Publication date", "Year", "Section", "Publisher", "Place of publication", "Country of publication",
        "Publication subject", "ISSN", "Source type", "Language of publication", "Document type", "Document feature",
        "ProQuest document ID", "Document URL", "Copyright", "Last updated", "Database", "Credit", "Dateline", "Edition",
        "Volume", "Issue", "Supplement", "Column", "Illustration", "Caption", "Accession number", "Update",
        "Publication note", "Classification", "Named person", "Business indexing term", "Corporate/institutional author",
        "Number of pages", "Notes", "Contributor", "Publication subject", "Language", "Place", "Coverage",
    ]

    /// Fields that may come before the full text; any other ends it.
    static let headKeys: Set<String> = ["Author", "Publication info", "Abstract", "Links", "Full text", "Full Text"]

    /// The articles of a ProQuest text download whose lines are `lines` (line `k` of the file `lines[k - 1]`);
    /// nil when it is none (see the type's comment).
    /// - Complexity: O(`lines`).
    public static func documents(_ lines: [String]) -> [NexisText.Document]? {
        // A quick look first: a download separates its articles with a line of underscores, and a file without one
        // is none (reading every line's field cost more than the rest of a Word document's reading).
        guard lines.contains(where: isSeparator) else { return nil }
        var out: [NexisText.Document] = []
        var start = 0
        var sawSeparator = false
        for k in 0...lines.count {
            guard k == lines.count || isSeparator(lines[k]) else { continue }
            defer { start = k + 1 }
            if k < lines.count { sawSeparator = true }
            let chunk = start..<k
            // A part without the fields of an article: the download's contact and terms, a blank stretch.
            guard chunk.contains(where: { k in
                let key = field(lines[k].trimmingCharacters())?.key
                return key == "ProQuest document ID" || key == "Full text" || key == "Full Text"
            }) else { continue }
            if let d = document(lines, chunk, number: out.count + 1) { out.append(d) }
        }
        guard sawSeparator, !out.isEmpty else { return nil }
        // The first article decides: it must carry ProQuest's document ID.
        guard out[0].fields["document"] != nil else { return nil }
        return out
    }

    /// A line of 20 underscores or more (ProQuest writes 60), spaces around.
    static func isSeparator(_ l: String) -> Bool {
        let u = l.utf8
        var n = 0
        for c in u { if c == 0x5F { n += 1 } else if c != 0x20 && c != 0x0D && c != 0x09 { return false } }
        return n >= 20
    }

    /// A field line: a known key, a colon and its value ("Publication date: Mar 3, 2020"); nil for any other line.
    static func field(_ l: String) -> (key: String, value: String)? {
        guard let first = l.utf8.first, first >= 0x41, first <= 0x5A, let colon = l.utf8.firstIndex(of: 0x3A),
              l.utf8.distance(from: l.utf8.startIndex, to: colon) <= 32 else { return nil }
        let key = String(l[..<colon])
        guard keys.contains(key) else { return nil }
        return (key, String(l[l.index(after: colon)...]).trimmingCharacters())
    }

    /// "Document 3 of 84": 3 (the line is not the article's; the record's number is its place in the file).
    static func documentNumber(_ l: String) -> Int? {
        let w = l.split(separator: " ")
        guard w.count == 4, w[0] == "Document", w[2] == "of", let n = Int(w[1]), let m = Int(w[3]), n >= 1, n <= m else { return nil }
        return n
    }

    /// One article: lines `chunk` of `lines`.
    static func document(_ lines: [String], _ chunk: Range<Int>, number: Int) -> NexisText.Document? {
        var headline: [String] = []
        var fields: [String: String] = [:]
        var body: [String] = []
        var abstract: [String] = []         // its paragraphs: the text when there is no full text
        var key: String? = nil
        var first: Int? = nil
        var numbered = false
        var inBody = false
        // A field's value, kept under its key in lower case with hyphens ("Publication title" → "publication-title").
        func add(_ value: String, to key: String) {
            let name = key.lowercased().split(separator: " ").joined(separator: "-")
            fields[name] = fields[name].map { $0 + " " + value } ?? value
        }
        for k in chunk {
            let l = lines[k].trimmingCharacters()
            if l.isEmpty { continue }
            if first == nil { first = k }
            if !numbered, key == nil, headline.isEmpty, documentNumber(l) != nil { numbered = true; continue }
            if let f = field(l), !(inBody && headKeys.contains(f.key) && f.key != "Full text" && f.key != "Full Text") {
                key = f.key
                inBody = f.key == "Full text" || f.key == "Full Text"
                if inBody { if !f.value.isEmpty { body.append(f.value) }; continue }
                if f.key == "Abstract" { if !f.value.isEmpty { abstract.append(f.value) }; continue }
                add(f.value, to: f.key)
                continue
            }
            if inBody { body.append(l); continue }
            if key == "Abstract" { abstract.append(l); continue }
            if let c = key {
                add(l, to: c)
            } else {
                headline.append(l)
            }
        }
        guard let first else { return nil }
        // Renamed as the other downloads name them.
        if let id = fields.removeValue(forKey: "proquest-document-id") { fields["document"] = id }
        if let url = fields.removeValue(forKey: "document-url") { fields["url"] = url }
        if let a = fields["author"] { fields["byline"] = a }
        if !abstract.isEmpty { fields["abstract"] = abstract.joined(separator: " ") }
        let text = body.isEmpty ? abstract : body
        let title = fields["title"] ?? (headline.isEmpty ? nil : headline.joined(separator: " "))
        var source: String? = nil
        if let p = fields["publication-title"] {
            var s = p.split(separator: ";", maxSplits: 1).first.map(String.init) ?? p
            // "New York Times, Late Edition (East Coast)": the outlet without its edition.
            if let comma = s.utf8.firstRange(of: ", ".utf8), s[comma.upperBound...].split(separator: " ").contains(where: { $0.hasPrefix("Edition") || $0.hasPrefix("edition") }) {
                s = String(s[..<comma.lowerBound])
            }
            source = s.trimmingCharacters()
        }
        let date = fields["publication-date"]
        return NexisText.Document(number: number, line: first + 1, source: source, date: date,
                                  isoDate: date.flatMap(isoDate), title: title, fields: fields, text: text.joined(separator: "\n"))
    }

    /// "Mar 3, 2020", "Sept 3, 2020", "March 3, 2020" as "2020-03-03"; nil for any other text.
    static func isoDate(_ l: String) -> String? {
        let w = l.split(separator: " ")
        guard w.count == 3, w[1].hasSuffix(","), let d = Int(w[1].dropLast()), (1...31).contains(d), let y = Int(w[2]),
              (1000...9999).contains(y) else { return nil }
        var m = w[0].lowercased()
        if m.hasSuffix(".") { m.removeLast() }
        guard m.count >= 3, let month = NexisText.months.firstIndex(where: { $0.hasPrefix(m) }) else { return nil }
        func padded(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return padded(y, 4) + "-" + padded(month + 1, 2) + "-" + padded(d, 2)
    }
}
