/// Articles downloaded from LexisNexis as text: many articles in one `.txt` file, each read as a record of its own
/// with its headline, outlet and date.
///
/// A LexisNexis text download (the form news archives give media researchers most often) holds up to hundreds of
/// articles, each opened by a line "3 of 100 DOCUMENTS", then the outlet ("The Times (London)"), the date ("January
/// 11, 2010 Monday"), edition lines, the headline, fields in capitals ("BYLINE: Tom Coghlan", "SECTION: NEWS; Pg.
/// 3"), "LENGTH: 453 words", the article hard-wrapped, and a trailer ("LOAD-DATE:", "LANGUAGE: ENGLISH",
/// "PUBLICATION-TYPE: Newspaper", a copyright line). Read as one text, every head answered once for the whole
/// download, and the fields read as prose: on 300 AllSides dev articles written so, one to a file, 102 `leaning`
/// labels, 121 articles' frames and 288 articles' actors changed (the outlet and "News" became actors). Read so,
/// each article is a record: `id` the file's name and the document's number ("download.txt#3"), `title` the
/// headline, `source` the outlet (never an actor), `text` the article; `--keep` can copy `date` (ISO 8601 when the
/// date is written as LexisNexis writes it: "January 11, 2010 Monday", "11 January 2010"), `source`, `title`, `byline`, `section` and `length` to the output.
/// The text before the first document (the download's request and terms) is not read.
///
/// A file is read so only when its first document opens with that line and gives its "LENGTH: N words" field
/// within 60 lines; any other text file is one record, as before. A later document without the field (a picture's
/// caption alone) is its lines up to the trailer, without a headline. Only the English labels are known.
public enum NexisText {
    /// One article of a download.
    public struct Document: Equatable, Sendable {
        /// Its number in the download ("3" of "3 of 100 DOCUMENTS").
        public var number: Int
        /// The 1-based line of the file where it opens.
        public var line: Int
        /// The outlet.
        public var source: String? = nil
        /// As written ("January 11, 2010 Monday") and as ISO 8601 ("2010-01-11") when it reads as a date.
        public var date: String? = nil
        public var isoDate: String? = nil
        /// The headline.
        public var title: String? = nil
        /// Fields in capitals before the article ("BYLINE" → "Tom Coghlan"), keyed in lower case.
        public var fields: [String: String]
        /// The article, its lines as the file gives them.
        public var text: String
    }

    /// The documents of a LexisNexis text download; nil when `text` is not one (see the type's comment).
    /// - Complexity: O(`text`).
    public static func documents(_ text: String) -> [Document]? {
        // A quick look before splitting into lines: most text files hold no such line.
        guard ByteScan.contains(text, " DOCUMENTS") else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var starts: [(line: Int, number: Int)] = []
        for (i, l) in lines.enumerated() {
            if let n = documentNumber(l) { starts.append((i, n)) }
        }
        guard !starts.isEmpty else { return nil }
        var out: [Document] = []
        // Numbers as the download gives them, unless two documents share one (downloads joined into one file):
        // then their order in the file.
        let numbered = Set(starts.map(\.number)).count == starts.count
        for (k, s) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].line : lines.count
            let number = numbered ? s.number : k + 1
            if let d = document(lines[(s.line + 1)..<end], number: number, line: s.line + 1) { out.append(d); continue }
            // The first document decides whether the file is a download at all.
            guard k > 0 else { return nil }
            // A document without the fields (a picture's caption alone, a listing): its lines up to the trailer.
            var body = Array(lines[(s.line + 1)..<end])
            if let t = body.firstIndex(where: isTrailer) { body = Array(body[..<t]) }
            out.append(Document(number: number, line: s.line + 1, fields: [:],
                                text: body.map { String($0) }.joined(separator: "\n").trimmingCharacters()))
        }
        return out
    }

    /// The number of a line "3 of 100 DOCUMENTS" (spaces around it), nil for any other line.
    static func documentNumber(_ l: Substring) -> Int? {
        let words = l.split(separator: " ")
        guard words.count == 4, words[1] == "of", words[3] == "DOCUMENTS", let n = Int(words[0]), let m = Int(words[2]),
              n >= 1, n <= m else { return nil }
        return n
    }

    /// A field line: a known key in capitals and a colon, then its value ("LENGTH: 453 words"). Other words in
    /// capitals before a colon are text: a headline's "OPINION: Trump and Iran", a dateline's "WASHINGTON: The".
    static func field(_ l: Substring) -> (key: String, value: String)? {
        guard let colon = l.firstIndex(of: ":"), colon > l.startIndex, l.distance(from: l.startIndex, to: colon) <= 24,
              l.index(after: colon) < l.endIndex, l[l.index(after: colon)] == " " else { return nil }
        let key = l[..<colon]
        guard key.allSatisfy({ ("A"..."Z").contains($0) || $0 == "-" }) else { return nil }
        let lower = key.lowercased()
        guard headerKeys.contains(lower) || trailerKeys.contains(lower) else { return nil }
        return (lower, String(l[l.index(after: colon)...]).trimmingCharacters())
    }

    /// Whether line `l` opens the trailer that follows an article (`trailerKeys`).
    static func isTrailer(_ l: Substring) -> Bool { field(l).map { trailerKeys.contains($0.key) } ?? false }

    /// Whether line `l` holds only white space.
    static func isBlank(_ l: Substring) -> Bool { l.allSatisfy(\.isWhitespace) }

    /// Fields before an article.
    static let headerKeys: Set<String> = ["byline", "section", "length", "dateline", "highlight", "edition", "author", "series",
                                         "column", "headline", "abstract", "body", "update", "source", "correction", "name"]

    /// Fields that end an article: what follows it in a download.
    static let trailerKeys: Set<String> = ["load-date", "language", "publication-type", "journal-code", "graphic", "correction-date",
                                          "document-type", "notes", "url", "subject", "organization", "person", "geographic",
                                          "industry", "company", "ticker", "city", "state", "country", "type", "distribution"]

    /// One document: `lines`, those after its opening line, which is line `line` (1-based) of the file.
    static func document(_ lines: ArraySlice<Substring>, number: Int, line: Int) -> Document? {
        // The metadata ends at "LENGTH: N words", within 60 lines.
        guard let lengthLine = lines.prefix(60).firstIndex(where: { l in
            guard let f = field(l), f.key == "length" else { return false }
            return f.value.hasSuffix(" words") && Int(f.value.dropLast(6).filter { $0 != "," }) != nil
        }) else { return nil }
        let meta = lines[lines.startIndex..<lengthLine].map { String($0).trimmingCharacters() }
        var fields: [String: String] = ["length": field(lines[lengthLine])!.value]
        // Outlet, date, edition lines and the headline, in that order; then fields, each up to a blank line.
        var source: String? = nil, date: String? = nil, iso: String? = nil, title: [String] = []
        var i = 0
        var lastKey: String? = nil
        var afterDate = false
        while i < meta.count {
            let l = meta[i]
            defer { i += 1 }
            if l.isEmpty { lastKey = nil; afterDate = false; continue }
            if let f = field(Substring(l)) { fields[f.key] = f.value; lastKey = f.key; continue }
            if let k = lastKey { fields[k, default: ""] += " " + l; continue }
            if source == nil { source = l; continue }
            if date == nil, let d = isoDate(l) { date = l; iso = d; afterDate = true; continue }
            if afterDate { continue }   // edition lines right under the date
            title.append(l)
        }
        // The article: after "LENGTH:", up to the first trailer field or, without one, a closing copyright line.
        // (A slice: lines are dropped from its front in O(1), however many blank lines a hostile file holds.)
        var body = lines[(lengthLine + 1)...]
        if let t = body.firstIndex(where: isTrailer) {
            body = body[..<t]
        } else if let c = body.lastIndex(where: { !isBlank($0) }),
                  String(body[c]).trimmingCharacters().hasPrefix("All Rights Reserved") || String(body[c]).trimmingCharacters().hasPrefix("Copyright") {
            var e = c
            while e > body.startIndex, !isBlank(body[e - 1]) { e -= 1 }
            body = body[..<e]
        }
        while let f = body.first, isBlank(f) { body.removeFirst() }
        while let l = body.last, isBlank(l) { body.removeLast() }
        // Fields other than the trailer's may open the article ("DATELINE: WASHINGTON", "HIGHLIGHT: ..."): kept
        // as fields, not read as prose.
        while let f = body.first.flatMap(field), !trailerKeys.contains(f.key) {
            fields[f.key] = f.value
            body.removeFirst()
            while let l = body.first, isBlank(l) { body.removeFirst() }
        }
        return Document(number: number, line: line, source: source, date: date, isoDate: iso,
                        title: title.isEmpty ? nil : title.joined(separator: " "), fields: fields,
                        text: body.joined(separator: "\n"))
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                         "november", "december"]

    /// "January 11, 2010 Monday" or, as British editions write it, "11 January 2010 Monday" (a weekday after it
    /// or not) as "2010-01-11"; nil for any other line.
    static func isoDate(_ l: String) -> String? {
        let words = l.split(separator: " ")
        guard words.count >= 3, words.count <= 4 else { return nil }
        let month: Substring, day: Substring
        if words[1].hasSuffix(",") { (month, day) = (words[0], words[1].dropLast()) } else { (month, day) = (words[1], words[0]) }
        guard let m = months.firstIndex(of: month.lowercased()), let d = Int(day), (1...31).contains(d),
              let y = Int(words[2]), (1000...9999).contains(y) else { return nil }
        func padded(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return padded(y, 4) + "-" + padded(m + 1, 2) + "-" + padded(d, 2)
    }
}
