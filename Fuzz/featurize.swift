// libFuzzer target: tokenizer + featurizer (every namespace, character n-grams, negation, lexicon, verb roles, interactions,
// entity marks and the between namespace, masked names, a masked target, stop words,
// spans, topic features), the unreadable-text checks (markup share, encoding hints) and the article analysis's sentence splitter, mention finder, actor detection, pronoun references and
// short views, on arbitrary bytes. Differential checks: scoring in two parts (text prefix, then the rest) against
// one whole scoring, the lean per-pair path of a head that masks its target against its general path, detected actors' mentions from detection's capitalised words against the full scan, and actors
// prepared once for a run (`NamedActors`) against actors prepared per record. It also checks that an article's token slices are exactly the tokens of each
// sentence tokenized alone (what the actor analysis relies on to tokenize an article once).
// The first byte picks the span, the rest is the text.
import Foundation

let fuzzSpec: FeatureSpec = {
    var s = FeatureSpec()
    s.bits = 12
    s.charNgramMin = 2; s.charNgramMax = 4
    s.namespaces = [.text, .title, .target, .context, .pair, .chars, .lexicon, .roles]
    s.interactions = ["target*text", "title*text"]
    s.lexicon = ["good": 2, "bad": -2, "not": -1]
    s.verbFrames = ["said": VerbFrame(writerTheme: 0.1, writerAgent: -0.2, agency: 1, forms: ["said", "say"]),
                    "attack": VerbFrame(writerTheme: -0.5, effectTheme: -0.7, power: 1, forms: ["attack", "attacked", "attacking"]),
                    "leave": VerbFrame(effectAgent: 0.3, agency: -1, power: -1, forms: ["leave", "left", "not"])]
    s.topics = 4; s.topicBits = 8
    return s
}()
let fuzzFeaturizer = Featurizer(spec: fuzzSpec, idf: [Float](repeating: 1.5, count: 1 << 12),
                                topics: (0..<(256 * 4)).map { Float(($0 * 37) % 11) / 11 - 0.5 })
/// A directed-sentiment feature set: the holder's and the target's mentions marked, and the words between them.
let fuzzMarked: Featurizer = {
    var s = FeatureSpec()
    s.bits = 12
    s.namespaces = [.text, .between]
    s.markEntities = true
    return Featurizer(spec: s, idf: [Float](repeating: 1.5, count: 1 << 12))
}()
/// A leaning-like feature set that reads names inside sentences as one word (`FeatureSpec.maskNames`).
let fuzzMasked: Featurizer = {
    var s = FeatureSpec()
    s.bits = 12
    s.wordNgrams = 2
    s.namespaces = [.title, .text]
    s.maskNames = true
    return Featurizer(spec: s, idf: [Float](repeating: 1.5, count: 1 << 12))
}()
/// A feature set that leaves English function words out of the title and text (`FeatureSpec.stopWords`).
let fuzzStopped: Featurizer = {
    var s = FeatureSpec()
    s.bits = 12
    s.wordNgrams = 2
    s.namespaces = [.title, .text]
    s.stopWords = StopWords.english
    return Featurizer(spec: s, idf: [Float](repeating: 1.5, count: 1 << 12))
}()
let fuzzStopHashes = Set(StopWords.english.compactMap { StopWords.wordHash($0, Tokenizer()) })
/// A three-label head over the fuzz spec, for the split scoring check (text prefix, then the rest).
let fuzzModel: SlantModel = {
    var info = TaskInfo(name: "t", kind: .single, labels: ["a", "b", "c"], bits: 12)
    info.featureSet = 0
    let w = (0..<(3 << 12)).map { Float(($0 * 7919) % 2001 - 1000) / 500 }
    return SlantModel(header: ModelHeader(featureSets: [fuzzSpec], tasks: [info], training: TrainingInfo()),
                      idf: [[Float](repeating: 1.5, count: 1 << 12)], heads: [LinearHead(kind: .single, labels: 3, bits: 12, weights: w, bias: [0, 0, 0])])
}()

/// A sentence head that reads its target as one word (`FeatureSpec.maskTarget`), with context and lexicon sums.
let fuzzMaskedTarget: SlantModel = {
    var s = FeatureSpec()
    s.bits = 12
    s.wordNgrams = 1   // (the lean per-pair path reads unigrams)
    s.namespaces = [.text, .context, .lexicon]
    s.maskTarget = true
    s.lexicon = ["good": 2, "bad": -2]
    var info = TaskInfo(name: "t", kind: .single, labels: ["a", "b", "c"], bits: 12)
    info.featureSet = 0
    let w = (0..<(3 << 12)).map { Float(($0 * 6151) % 2003 - 1000) / 500 }
    return SlantModel(header: ModelHeader(featureSets: [s], tasks: [info], training: TrainingInfo()),
                      idf: [[Float](repeating: 1.5, count: 1 << 12)], heads: [LinearHead(kind: .single, labels: 3, bits: 12, weights: w, bias: [0, 0, 0])])
}()

/// `f`'s features of `r` are finite, and the same whether or not their names are asked for (`--explain`).
func checkWithAndWithoutNames(_ f: Featurizer, _ r: Record, _ what: String) {
    var plainScratch = FeatureScratch(), namedScratch = FeatureScratch()
    var names: [Int32: String] = [:]
    let plain = f.featurize(r, scratch: &plainScratch)
    let named = withUnsafeMutablePointer(to: &names) { f.featurize(r, scratch: &namedScratch, names: $0) }
    if plain != named { fatalError("\(what) features differ with names") }
    for x in plain.values where !x.isFinite { fatalError("non-finite \(what) feature value") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeaturize(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard !text.isEmpty else { return 0 }
    let n = text.unicodeScalars.count
    let a = Int(data[0]) % max(1, n)
    let spans = n > 0 ? [Span(a, min(n, a + 1 + Int(data[0]) % 7))] : []
    let words = text.split(separator: " ")
    let r = Record(id: "f", text: text, title: words.first.map(String.init), target: words.last.map(String.init), spans: spans)
    var s = FeatureScratch()
    var names: [Int32: String] = [:]
    let v = withUnsafeMutablePointer(to: &names) { fuzzFeaturizer.featurize(r, scratch: &s, names: $0) }
    for x in v.values where !x.isFinite { fatalError("non-finite feature value") }
    // Marked text with a holder (the first word) and a target (the last, at the span): the between namespace's
    // features are finite, and the same with and without names.
    var held = r
    held.holder = words.first.map(String.init)
    checkWithAndWithoutNames(fuzzMarked, held, "marked")
    // Masked names: finite, the same with and without names, and only capitalised words inside sentences change.
    checkWithAndWithoutNames(fuzzMasked, r, "masked")
    // The unreadable-text checks: a markup share in [0, 1] (also on the raw bytes, which need not be UTF-8), and
    // an encoding hint for any bytes, without a crash.
    let markup = Markup.share(text)
    precondition(markup >= 0 && markup <= 1, "markup share \(markup)")
    let rawBytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    precondition((0...1).contains(Markup.share(rawBytes)), "markup share of raw bytes")
    _ = EncodingHint.describe(rawBytes, path: "fuzz")
    let scalars = Array(text.unicodeScalars)
    var raw = TokenBuffer()
    Tokenizer().tokenize(text, into: &raw)
    let m = Featurizer.maskingNames(raw, text: text)
    for i in raw.tokens.indices where m.hashes[i] != raw.hashes[i] {
        let o = Int(raw.tokens[i].scalarOffset)
        if i == 0 || raw.tokens[i].kind != .word || o >= scalars.count || !ScalarClass.isUpper(scalars[o]) && scalars[o].value < 0xC0 {
            fatalError("masked a token that is no name: \(i)")
        }
    }
    // Stop words: finite, the same with and without names, and exactly the tokens a `Set` of their hashes keeps.
    checkWithAndWithoutNames(fuzzStopped, r, "stop words")
    if fuzzStopped.droppingStopWords(raw).hashes != raw.hashes.filter({ !fuzzStopHashes.contains($0) }) {
        fatalError("dropping stop words kept other tokens than a set of their hashes does")
    }
    if fuzzStopped.droppingStopWords(raw, hashesOnly: true).hashes != fuzzStopped.droppingStopWords(raw).hashes {
        fatalError("dropping stop words for the hashes alone kept other hashes")
    }
    let sentences = SentenceSplitter.split(scalars)
    for q in sentences where q.lowerBound < 0 || q.upperBound > n || q.isEmpty { fatalError("bad sentence range \(q)") }
    // The analysis's view of the text: one scalar for each of the text's, the same except that a space of another
    // width or a hard-wrapped line's break reads as " " and, in a text written in capitals, a capital may read in
    // lower case; its case as written kept apart; the same sentences as `split` (the line breaks it reads as
    // spaces are those `split` does not end sentences at) unless recased; each sentence quoted as written.
    let article = ArticleText(text)
    let recased = Recasing.isMostlyCapitals(ScalarClass.scalars(text))
    if article.scalars.count != n || article.writtenCase.count != n { fatalError("the analysis's scalars are not one for one") }
    for (k, b) in scalars.enumerated() {
        let a = article.scalars[k], w = article.writtenCase[k]
        if w != b && !(w == " " && ScalarClass.isSpace(b)) { fatalError("the analysis's written case read \(b.value) as \(w.value)") }
        if a != w && !(recased && a == Recasing.lowercased(w)) { fatalError("the analysis read \(b.value) as \(a.value)") }
    }
    if !recased && article.sentences != sentences { fatalError("the analysis's sentences differ from split's") }
    for (q, next) in zip(article.sentences, article.sentences.dropFirst()) where q.isEmpty || q.upperBound > next.lowerBound {
        fatalError("the analysis's sentences overlap")
    }
    // Recasing alone, on any text: one scalar for one, a capital lower-cased or left.
    var lowered = scalars
    Recasing.recase(&lowered)
    for (a, b) in zip(lowered, scalars) where a != b && a != Recasing.lowercased(b) { fatalError("recasing read \(b.value) as \(a.value)") }
    if lowered.count != n { fatalError("recasing is not one for one") }
    for q in sentences where article.string(q) != String(String.UnicodeScalarView(scalars[q])) {
        fatalError("a sentence is not quoted as written")
    }
    var capitals: [ActorDetector.CapitalisedWord] = []
    let actors = ActorDetector.detect(scalars, sentences: sentences, limit: 5, minMentions: 2, capitals: &capitals)
    // Detected actors' mentions from detection's capitalised words are the full scan's.
    if MentionFinder.find(actors, in: scalars, capitals: capitals) != MentionFinder.find(actors, in: scalars) {
        fatalError("mentions from the capitalised words differ from the scan's")
    }
    // A text scored in two parts (text-only prefix, then the rest) gives the bits of one whole scoring.
    var whole1 = FeatureScratch(), split1 = FeatureScratch()
    let p1 = fuzzModel.probabilities(r, task: 0, scratch: &whole1)
    let p2 = fuzzModel.probabilities(r, task: 0, scratch: &split1, after: fuzzModel.textLogits(r, task: 0, scratch: &split1))
    if p1.map({ $0.bitPattern }) != p2.map({ $0.bitPattern }) { fatalError("split scoring differs: \(p1) \(p2)") }
    // A head that masks its target: the lean per-pair path (text tokens once, the target's part per pair) gives the
    // bits of the general path, for a record with no title (as the article analysis's sentences are), with the
    // record's spans and without them (the target's words alone).
    for spanned in [true, false] {
        var t = r
        t.title = nil
        if !spanned { t.spans = [] }
        var general = FeatureScratch(), lean = FeatureScratch()
        let g = fuzzMaskedTarget.probabilities(t, task: 0, scratch: &general)
        let prefix = fuzzMaskedTarget.textLogits(t, task: 0, scratch: &lean)
        var targetTokens = TokenBuffer()
        Tokenizer().tokenize(t.target ?? "", into: &targetTokens)
        guard let part = fuzzMaskedTarget.targetPart(task: 0, target: targetTokens, scratch: &lean) else { fatalError("no lean path for a masked target") }
        let l = fuzzMaskedTarget.probabilities(task: 0, scratch: &lean, after: prefix, target: part, spans: t.spans)
        if g.map({ $0.bitPattern }) != l.map({ $0.bitPattern }) { fatalError("masked target: lean path differs: \(g) \(l)") }
    }
    let all = actors + [Actor.parse("a|b|US")!, Actor.parse("John Smith")!]
    let mentions = MentionFinder.find(all, in: scalars)
    for m in mentions where m.range.upperBound > n { fatalError("bad mention") }
    // Actors prepared once for a run (a watch list) are found, and written, as actors prepared per record: the
    // detected ones, their names in lower case (words the text has), and some fixed ones sharing a surname.
    var named = all + [Actor.parse("Bill Smith")!, Actor.parse("smith")!]
    named += actors.map { Actor.parse($0.name.lowercased()) }.compactMap { $0 }
    var seenNames = Set<String>()
    named = named.filter { seenNames.insert($0.name).inserted }
    let prepared = NamedActors(named)
    let written = Actor.asWritten(named, in: scalars)
    if prepared.asWritten(in: scalars) != written || written != named.map({ $0.asWritten(in: scalars) }) {
        fatalError("actors written differently when prepared once, searched together or one by one")
    }
    if prepared.mentions(in: scalars) != MentionFinder.resolveShared(MentionFinder.find(named, in: scalars), actors: named, text: scalars) {
        fatalError("a run's prepared actors found other mentions than actors prepared per record")
    }
    var whole = TokenBuffer()
    Tokenizer().tokenize(text, into: &whole)
    let ranges = ArticleAnalyzer.tokenRanges(whole, sentences)
    var slice = TokenBuffer(), alone = TokenBuffer()
    for (j, q) in sentences.enumerated() {
        slice.assign(whole, tokens: ranges[j], scalarBase: q.lowerBound)
        Tokenizer().tokenize(String(scalars: scalars, q), into: &alone)
        if slice.hashes != alone.hashes || slice.tokens.map({ $0.scalarOffset }) != alone.tokens.map({ $0.scalarOffset }) {
            fatalError("sentence \(j): its slice of the text's tokens differs from the sentence tokenized alone")
        }
    }
    // Quotation speakers: any mention of any actor, per sentence, never traps; a sentence without a quotation
    // mark has no speaker.
    let bySentence = MentionFinder.bySentence(mentions, sentences: sentences)
    for (j, q) in sentences.enumerated() where !bySentence[j].isEmpty {
        let spans = bySentence[j].map { $0.span }
        let speaks = QuoteSpeaker.isSpeaker(scalars, sentence: q, spans: spans)
        if speaks && !scalars[q].contains(where: QuoteSpeaker.isQuote) { fatalError("a speaker without a quotation") }
    }
    let persons = Set(all.indices.filter { Pronouns.isPerson(all[$0]) })
    for ref in Pronouns.references(scalars, sentences: sentences, mentions: mentions, persons: persons) {
        for sp in ref.spans where sp.start < 0 || sentences[ref.sentence].lowerBound + sp.end > n { fatalError("bad pronoun span") }
    }
    for g in [HeadScope.Granularity.headline, .tweet] {
        for v in ShortViews.views(r, granularity: g) where v.text.isEmpty && g == .tweet { fatalError("empty view") }
    }
    return 0
}
