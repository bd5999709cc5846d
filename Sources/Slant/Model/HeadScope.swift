/// What a head applies to: the inputs it needs, the kind of text it was trained on, and whether it is general
/// or specific to one domain. Stored per task in the model header; `slant-score` leaves out, per record, every
/// head whose input is missing or does not fit, and says which and why.
public struct HeadScope: Codable, Equatable, Sendable {
    /// The kind of text a head was trained on.
    public enum Granularity: String, Codable, CaseIterable, Sendable {
        case sentence, tweet, headline, article
    }

    /// An input a head cannot do without.
    public enum Input: String, Codable, CaseIterable, Sendable {
        /// A claim from elsewhere to compare the text against (FNC-1's headline stance). Never the text's own title.
        case claim
        /// What the stance or sentiment is about.
        case target
        /// Whose feeling toward the target is asked for (directed sentiment).
        case holder
    }

    /// Inputs the head needs; a record without one of them gets no prediction from the head, even when forced.
    public var needs: [Input] = []
    /// The kind of text the head was trained on. Heads trained on short texts are left out for article-length texts.
    public var granularity: Granularity = .article
    /// nil for general news text; otherwise the domain the head knows (e.g. "gun violence"). Domain-specific
    /// heads run only when named with `--task`.
    public var domain: String? = nil
    /// When the head knows a closed set of targets (SemEval-2016's five topics): those targets. A record whose
    /// target is not one of them (case-insensitively) is left out unless the head is named with `--task`.
    public var targets: [String]? = nil
    /// The UTF-8 length that 95% of the head's training texts reach (recorded at training since 2026-12-06; nil
    /// in older models). A head trained on articles is left out for a text under a quarter of it, unless named
    /// with `--task`: a headline, a sentence or a single word given to a head that saw only articles of hundreds
    /// of words (the default model's `leaning` answered "Trump" alone with `center 0.66`, its `frames` with
    /// Political 0.87).
    public var typicalBytes: Int? = nil

    public init(needs: [Input] = [], granularity: Granularity = .article, domain: String? = nil, targets: [String]? = nil) {
        self.needs = needs; self.granularity = granularity; self.domain = domain; self.targets = targets
    }

    /// Texts longer than this many UTF-8 bytes count as article-length: heads trained on sentences, tweets or
    /// headlines are not applied to them (NewsMTSC sentences, SemEval-2016 tweets and GVFC headlines are all
    /// shorter; the AllSides, SemEval-2023 and PerSenT articles are all longer but for a handful of stubs).
    public static let articleBytes = 600

    /// Whether `text` is article-length.
    public static func isArticleLength(_ text: String) -> Bool { text.utf8.count > articleBytes }

    /// Why the head does not apply to `r`, or nil when it does.
    /// - Parameters:
    ///   - forced: the user named the head (`--task`): granularity, domain and closed target sets are not checked,
    ///     missing inputs still are (a head never answers without its input).
    ///   - claim: the record's claim as the caller resolved it.
    public func reasonNotApplicable(_ r: Record, claim: String?, forced: Bool) -> String? {
        whyNotApplicable(r, claim: claim, forced: forced).map(reason)
    }

    /// Why a head does not apply to a record, as a code: the reason's text (`reason(_:)`) depends on the scope
    /// only, so the scorer counts codes per record and makes each text once, when it reports.
    public enum NotApplicable: Int, CaseIterable, Sendable {
        case noClaim, noTarget, noHolder, domain, otherTarget, articleLength, tooShort
    }

    /// `reasonNotApplicable` as a code (no string is made: this runs for every head of every record).
    public func whyNotApplicable(_ r: Record, claim: String?, forced: Bool) -> NotApplicable? {
        if needs.contains(.claim) && (claim ?? "").isEmpty { return .noClaim }
        if needs.contains(.target) && (r.target ?? "").isEmpty { return .noTarget }
        if needs.contains(.holder) && (r.holder ?? "").isEmpty { return .noHolder }
        if forced { return nil }
        if domain != nil { return .domain }
        if let ts = targets, let t = r.target, !ts.contains(where: { $0.lowercased() == t.lowercased() }) { return .otherTarget }
        if granularity != .article && HeadScope.isArticleLength(r.text) { return .articleLength }
        if granularity == .article, let m = typicalBytes, r.text.utf8.count * HeadScope.shortFactor < m { return .tooShort }
        return nil
    }

    /// How many times shorter than `typicalBytes` a text is before a head trained on articles is left out for it.
    public static let shortFactor = 4

    /// The text of a reason this scope gives.
    public func reason(_ why: NotApplicable) -> String {
        switch why {
        case .noClaim:
            return "needs a claim to compare the text against (--claim TEXT or a \"claim\" field); an article's own headline is not one (for headline–body pairs whose title is the claim, as in FNC-1: --title-is-claim)"
        case .noTarget: return "needs a target (--target TEXT or a \"target\" field)"
        case .noHolder: return "needs a holder, whose feeling toward the target it reads (--holder TEXT or a \"holder\" field)"
        case .domain: return "is specific to \(domain ?? "one domain"); name it with --task to use it"
        case .otherTarget: return "knows only the targets \((targets ?? []).joined(separator: ", ")); name it with --task to use it"
        case .articleLength:
            return "was trained on \(granularity.rawValue)s and the text is article-length (over \(HeadScope.articleBytes) bytes)"
        case .tooShort:
            let m = typicalBytes ?? 0
            return "was trained on articles (95% of them \(m) bytes or longer) and the text is under a quarter of that (\(m / HeadScope.shortFactor) bytes); name it with --task to use it"
        }
    }

    /// The scope implied by a task's training records when none is given: a target is needed when at least 90%
    /// of the records have one; the granularity is `sentence` when the median text is under 300 characters,
    /// `article` otherwise; general domain; `typicalBytes` the 5th percentile of the texts' UTF-8 lengths.
    public static func inferred(from records: [Record]) -> HeadScope {
        var s = HeadScope()
        guard !records.isEmpty else { return s }
        let withTarget = records.filter { !($0.target ?? "").isEmpty }.count
        if withTarget * 10 >= records.count * 9 { s.needs.append(.target) }
        let withHolder = records.filter { !($0.holder ?? "").isEmpty }.count
        if withHolder * 10 >= records.count * 9 { s.needs.append(.holder) }
        let lengths = records.map { $0.text.unicodeScalars.count }.sorted()
        s.granularity = lengths[lengths.count / 2] < 300 ? .sentence : .article
        let bytes = records.map { $0.text.utf8.count }.sorted()
        s.typicalBytes = bytes[bytes.count / 20]
        return s
    }

    /// Settings given for a head at training time; what is not given is inferred from the data.
    public struct Override: Sendable, Equatable {
        public var needs: [Input]? = nil
        public var granularity: Granularity? = nil
        public var domain: String? = nil
        public init(needs: [Input]? = nil, granularity: Granularity? = nil, domain: String? = nil) {
            self.needs = needs; self.granularity = granularity; self.domain = domain
        }
    }

    /// This scope with the given settings replacing the inferred ones.
    public func applying(_ o: Override?) -> HeadScope {
        guard let o else { return self }
        var s = self
        if let n = o.needs { s.needs = n }
        if let g = o.granularity { s.granularity = g }
        if let d = o.domain { s.domain = d }
        return s
    }
}
