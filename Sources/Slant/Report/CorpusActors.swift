/// How one actor is portrayed in one cell (a group, a period, or both) of the corpus report: counts over the
/// articles that name it, and its strongest evidence. Every field adds up, so cells merge by addition.
public struct PortrayalCounts: Sendable {
    /// Articles that name the actor in the cell, and how many of them portray it negative, neutral, positive.
    public var articles = 0
    /// Articles by the portrayal label they give.
    public var negative = 0, neutral = 0, positive = 0
    /// Mentions over those articles.
    public var mentions = 0
    /// Sum and sum of squares of the articles' net scores (P(positive) − P(negative)), for the mean and its interval.
    public var scoreSum = 0.0, scoreSquares = 0.0
    /// The strongest evidence sentences (at most `CorpusActors.evidenceKept`), strongest first.
    public var evidence: [ReportEvidence] = []

    /// Empty counts.
    public init() {}

    /// The weakest evidence strength this cell would still take.
    var evidenceFloor: Double { evidence.count < CorpusActors.evidenceKept ? -1 : evidence.last!.strength }

    mutating func offer(_ e: ReportEvidence) {
        guard e.strength > evidenceFloor else { return }
        var k = evidence.count
        evidence.append(e)
        while k > 0, evidence[k - 1].strength < e.strength || (evidence[k - 1].strength == e.strength && evidence[k - 1].article > e.article) {
            evidence.swapAt(k, k - 1); k -= 1
        }
        if evidence.count > CorpusActors.evidenceKept { evidence.removeLast() }
    }

    mutating func merge(_ o: PortrayalCounts) {
        articles += o.articles; negative += o.negative; neutral += o.neutral; positive += o.positive
        mentions += o.mentions; scoreSum += o.scoreSum; scoreSquares += o.scoreSquares
        for e in o.evidence { offer(e) }
    }
}

/// An evidence sentence kept by the report: the article it comes from and how strongly it leans.
public struct ReportEvidence: Sendable, Equatable {
    /// |P(positive) − P(negative)| of the sentence.
    public var strength: Double
    /// The sentence's portrayal label.
    public var label: String
    /// The sentence, as the analysis gave it.
    public var sentence: String
    /// The id of the article it comes from.
    public var article: String
}

/// The actors of a corpus, merged across articles and tracked in bounded memory.
///
/// **Merging.** An actor's key is its name without a possessive, leading titles ("President", "Sen.") or "the",
/// in lower case: "President Trump", "Trump's" and "trump" are one key. Each article's aliases for an actor (the
/// analysis's: "Donald Trump" → "Trump") and the other names Slant knows for it (`Actor.expand`: demonyms,
/// party members, acronyms) point to its key; an actor whose key is such an alias joins the actor it points to,
/// when one actor has at least two thirds of that alias's articles ("Clinton" stays apart while Bill and Hillary
/// Clinton share it evenly). The joining happens as articles arrive and, for actors seen before their full name,
/// when the report is made: counts add up.
///
/// **Bounded memory** (lossy counting, Manku & Motwani 2002): at most `capacity` actors are tracked. When the
/// table is full, the half with the fewest articles is dropped, and the floor, the most articles a dropped
/// actor had, is remembered: an actor first tracked after a drop may have missed at most that many articles
/// (`missedAtMost`, reported). Actors named in more than a 2/capacity share of the articles are never dropped.
public struct CorpusActors {
    /// Evidence sentences kept per actor and cell.
    public static let evidenceKept = 2

    /// One tracked actor.
    public struct Entry {
        /// The actor's key (`CorpusActors.key`).
        public var key: String
        /// Articles that name the actor (each once).
        public var articles = 0
        /// Articles this actor may have been named in before it was tracked (0: its counts are exact).
        public var missedAtMost = 0
        /// Names as articles wrote them, with their counts (the display name is the commonest).
        public var names: [String: Int] = [:]
        /// Portrayal counts by cell.
        public var cells: [Int: PortrayalCounts] = [:]
        /// The name shown: the commonest name of several words when it is at least a fifth as common as the
        /// commonest name ("Donald Trump" over "Trump", "United States" over "American"), else the commonest.
        public var displayName: String {
            // Ties: the name that is the key itself ("Iran" over "Iranians"), then the longer, then by order.
            func commonest(_ ns: [String: Int]) -> (key: String, value: Int)? {
                ns.map { (name: $0.key, n: $0.value, own: CorpusActors.key($0.key) == key ? 1 : 0) }
                    .max { a, b in (a.n, a.own, a.name.count, b.name) < (b.n, b.own, b.name.count, a.name) }.map { ($0.name, $0.n) }
            }
            guard let top = commonest(names) else { return key }
            if let full = commonest(names.filter { $0.key.contains(" ") }), 5 * full.value >= top.value { return full.key }
            return top.key
        }
    }

    /// The most actors tracked at once.
    public let capacity: Int
    /// The tracked actors by key.
    public private(set) var entries: [String: Entry] = [:]
    /// The most articles a dropped actor had.
    public private(set) var floor = 0
    /// Alias key → actor key → articles in which the alias named it.
    private var aliases: [String: [String: Int]] = [:]

    /// A table that tracks at most `capacity` actors (16 at least).
    public init(capacity: Int) { self.capacity = max(16, capacity) }

    /// The key of a name: without a possessive, leading titles or "the", spaces collapsed, in lower case, a
    /// typographic apostrophe as "'" (outlets write "O’Rourke" and "O'Rourke"); a party's adjective or singular
    /// stands for its members ("Democratic", "Democrat": "democrats"), as detection finds the adjective on its own
    /// ("a Democratic senator") as often as the party.
    public static func key(_ name: String) -> String {
        let s = Actor.collapseSpaces(Actor.stripPossessive(name)).replacingOccurrences(of: "’", with: "'")
        var words = s.split(separator: " ")
        while words.count > 1, ActorDetector.titles.contains(words[0].lowercased().filter { $0 != "." }) { words.removeFirst() }
        if words.count > 1, words[0].lowercased() == "the" { words.removeFirst() }
        let k = words.joined(separator: " ").lowercased()
        return partyMembers[k] ?? k
    }

    /// Party adjectives and singulars, and the members they stand for.
    static let partyMembers: [String: String] = ["democratic": "democrats", "democrat": "democrats",
                                                 "republican": "republicans", "gop": "republicans"]

    /// The actor an alias key points to, when one has two thirds of its articles or more.
    func target(of alias: String) -> String? {
        guard let t = aliases[alias] else { return nil }
        var total = 0, best: (key: String, n: Int)? = nil
        for (k, n) in t {
            total += n
            if best == nil || n > best!.n || (n == best!.n && k < best!.key) { best = (k, n) }
        }
        guard let b = best, 3 * b.n >= 2 * total else { return nil }
        return b.key
    }

    /// The key an article's actor is counted under, following its alias (one step) to a tracked actor.
    public mutating func resolve(_ name: String) -> String {
        let k = cachedKey(name)
        if let t = target(of: k), t != k, entries[t] != nil { return t }
        return k
    }

    /// Counts one article's naming of an actor under `key` (from `resolve`), in `cell`; `update` adds the
    /// article's portrayal. The names the article used and their known other names become aliases of `key`.
    public mutating func add(key: String, name: String, aliases names: [String], cell: Int, update: (inout PortrayalCounts) -> Void) {
        if entries[key] == nil {
            if entries.count >= capacity { prune() }
            entries[key] = Entry(key: key, missedAtMost: floor)
        }
        entries[key]!.articles += 1
        if entries[key]!.names.count < 16 || entries[key]!.names[name] != nil { entries[key]!.names[name, default: 0] += 1 }
        update(&entries[key]![cellDefault: cell])
        // The article's other names for the actor count when they are names of several words or names Slant
        // knows for it (a surname, a demonym, an acronym): a one-word alias of the analysis's alone ("House"
        // for "White House") would join unrelated actors.
        let known = expansions(name)
        for other in known.keys { link(other, to: key) }
        for a in names where a.contains(" ") && !known.names.contains(a) { link(cachedKey(a), to: key) }
    }

    /// Names and keys are worked out once per distinct name (the caches are bounded: emptied when large).
    private var keyCache: [String: String] = [:]
    private var expansionCache: [String: (names: [String], keys: [String])] = [:]

    mutating func cachedKey(_ name: String) -> String {
        if let k = keyCache[name] { return k }
        if keyCache.count >= 4 * capacity + 1024 { keyCache.removeAll(keepingCapacity: true) }
        let k = Self.key(name)
        keyCache[name] = k
        return k
    }

    private mutating func expansions(_ name: String) -> (names: [String], keys: [String]) {
        if let e = expansionCache[name] { return e }
        if expansionCache.count >= 4 * capacity + 1024 { expansionCache.removeAll(keepingCapacity: true) }
        let names = Actor.expand(name)
        let e = (names, names.map { cachedKey($0) })
        expansionCache[name] = e
        return e
    }

    private mutating func link(_ alias: String, to key: String) {
        guard alias != key, !alias.isEmpty else { return }
        if aliases[alias] == nil, aliases.count >= 8 * capacity { pruneAliases() }
        if aliases[alias] == nil { aliases[alias] = [:] }
        if aliases[alias]!.count < 8 || aliases[alias]![key] != nil { aliases[alias]![key, default: 0] += 1 }
    }

    /// Drops the half of the tracked actors with the fewest articles.
    private mutating func prune() {
        var counts = entries.values.map { $0.articles }
        counts.sort()
        let cut = counts[counts.count / 2]
        floor = max(floor, cut)
        entries = entries.filter { $0.value.articles > cut }
        pruneAliases()
    }

    /// Drops aliases that point to no tracked actor.
    private mutating func pruneAliases() {
        aliases = aliases.compactMapValues { t in
            let kept = t.filter { entries[$0.key] != nil }
            return kept.isEmpty ? nil : kept
        }
    }

    /// The tracked actors with those that are aliases of another joined into it (following chains, never in a
    /// circle), by articles (most first, then by key).
    public func merged() -> [Entry] {
        var into: [String: String] = [:]
        for k in entries.keys {
            var seen: Set<String> = [k]
            var t = k
            while let next = target(of: t), next != t, entries[next] != nil, !seen.contains(next) { seen.insert(next); t = next }
            if t != k { into[k] = t }
        }
        var out = entries.filter { into[$0.key] == nil }
        for (k, t) in into.sorted(by: { $0.key < $1.key }) {
            guard let e = entries[k] else { continue }
            out[t]!.articles += e.articles
            out[t]!.missedAtMost = max(out[t]!.missedAtMost, e.missedAtMost)
            for (n, c) in e.names { out[t]!.names[n, default: 0] += c }
            for (cell, c) in e.cells { out[t]!.cells[cell, default: PortrayalCounts()].merge(c) }
        }
        return out.values.sorted { ($0.articles, $1.key) > ($1.articles, $0.key) }
    }
}

extension CorpusActors.Entry {
    subscript(cellDefault cell: Int) -> PortrayalCounts {
        get { cells[cell] ?? PortrayalCounts() }
        set { cells[cell] = newValue }
    }
}
