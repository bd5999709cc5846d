import ArgumentParser
import Foundation
import Slant

/// The feature settings of `slant-train`; also parsed from each `--task-options TASK='...'` for per-task settings.
public struct FeatureOptions: ParsableArguments {
    @Option(help: "Word n-grams from 1 to N.") var ngrams: Int = 2
    @Option(help: "Character n-grams MIN-MAX of the text's words, e.g. 2-5 (default: off).") var charNgrams: String?
    @Option(help: "log2 of the hash buckets.") var bits: Int = 20
    @Option(help: "Namespaces, comma-separated: \(Namespace.allCases.filter { $0 != .lexicon && $0 != .chars && $0 != .roles }.map { $0.rawValue }.joined(separator: ",")) (chars, lexicon and roles follow --char-ngrams, --lexicon and --verb-frames).")
    var namespaces: String = "text,title,target,context,pair"
    @Option(help: "Words on each side of a target mention in the context namespace.") var contextWindow: Int = 6
    @Option(help: ArgumentHelp("Scale a namespace's features, NAMESPACE=WEIGHT (repeatable); larger is cheaper under L2.", valueName: "ns=weight"))
    var namespaceWeight: [String] = []
    @Option(help: "Crossed namespaces, comma-separated, e.g. target*text,title*text (as Vowpal Wabbit's -q).")
    var interactions: String?
    @Option(help: "A VADER-format sentiment lexicon; its word valences are stored inside the model.")
    var lexicon: String?
    @Option(help: ArgumentHelp("A verb lexicon for the roles namespace (repeatable): connotation frames (tab-separated, 'verb<TAB>writer_perspective(t)<TAB>…') or power and agency ('verb,agency,power'). The target mention as the agent or theme of a nearby verb, and what the verb says about it; the verbs and their forms are stored inside the model.", valueName: "path"))
    var verbFrames: [String] = []
    @Flag(inversion: .prefixedNo, help: "Mark words in negation scope (after not, no, never, n't ... up to punctuation).") var negation = true
    @Flag(inversion: .prefixedNo, help: "Cue-word groups (refuting, hedging, supporting) crossed with title similarity.") var cues = true
    @Flag(inversion: .prefixedNo, help: "Weight target-context words by their distance to the mention.") var contextDecay = true
    @Flag(inversion: .prefixedNo, help: "Use IDF weights fitted on the training data.") var idf = true
    @Flag(inversion: .prefixedNo, help: "Sublinear term frequency (1 + ln tf).") var sublinearTf = true
    @Flag(help: "Terms in hash buckets no training record used get IDF 0, as words outside a fixed vocabulary: they no longer shrink the known terms' values (helps word 3-grams; needs --idf).") var dropUnseen = false
    @Flag(help: "Read the record's target (its spans and the words of its name) in the text and context as one word, so that a target-sentiment head learns how a sentence speaks of its target, not who it is; drop target from --namespaces.") var maskTarget = false
    @Flag(help: "Read every capitalised word inside a sentence (names: people, parties, places, outlets) in the title and text as one word, so that the heads learn how a text is written rather than whom it covers.") var maskNames = false
    @Option(help: ArgumentHelp("Words the title and text leave out before n-grams are formed: comma-separated words, or the lists honorifics (mr, mrs, ms, dr, messrs: newspapers' house style, not content) and english (function words and honorifics); e.g. honorifics or 'honorifics,sir'. Stored in the model.", valueName: "words"))
    var stopWords: String?
    @Flag(help: "Give each target its own weights too: every feature is also crossed with the record's target.") var perTarget = false
    @Flag(help: "Context words after the target mention are features apart from the same words before it (\"they fear T\" against \"T fears them\").") var contextSides = false
    @Flag(help: "Read the text with the record's holder and target mentions replaced by marker words (slantholder, slanttarget), so that n-grams say who feels what about whom (directed sentiment).") var markEntities = false
    @Option(help: "Dimensions of a latent topic space (truncated SVD of the training TF-IDF, stored in the model): dense topic features of the text and, with the pair namespace, the title-text cosine in topic space (default: 0, off).")
    var topics: Int = 0
    @Option(help: "log2 of the term buckets the topic space is fitted over (the model stores 2^bits x topics floats).")
    var topicBits: Int = 14

    public init() {}

    public func validate() throws {
        if !(1...5).contains(ngrams) { throw ValidationError("--ngrams must be between 1 and 5, got \(ngrams)") }
        if !(8...26).contains(bits) { throw ValidationError("--bits must be between 8 and 26, got \(bits)") }
        _ = try parseNamespaces()
        _ = try parseCharNgrams()
        // --topics and --topic-bits are checked with the rest of the spec, once, by FeatureSpec.validate.
        if let i = interactions {
            for x in i.split(separator: ",") where FeatureSpec.parseInteraction(x.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("--interactions takes NAMESPACE*NAMESPACE pairs of title, text, target, context, got '\(x)'")
            }
        }
        if let w = stopWords {
            do { _ = try StopWords.parse(w) } catch let e as SlantError { throw ValidationError("\(e)") }
        }
        for nw in namespaceWeight {
            let p = nw.split(separator: "=", maxSplits: 1)
            guard p.count == 2, Namespace(rawValue: String(p[0])) != nil, let w = Float(p[1]), w > 0, w.isFinite else {
                throw ValidationError("--namespace-weight takes NAMESPACE=WEIGHT with a known namespace and a positive finite weight, got '\(nw)'")
            }
        }
    }

    func parseNamespaces() throws -> [Namespace] {
        try namespaces.split(separator: ",").map { s in
            guard let n = Namespace(rawValue: s.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--namespaces: unknown namespace '\(s)'; allowed: \(Namespace.allCases.map { $0.rawValue }.joined(separator: ", "))")
            }
            return n
        }
    }

    func parseCharNgrams() throws -> (Int, Int) {
        guard let c = charNgrams else { return (0, 0) }
        let p = c.split(separator: "-").compactMap { Int($0) }
        if p.count == 2, p[0] >= 1, p[0] <= p[1], p[1] <= 8 { return (p[0], p[1]) }
        if p.count == 1, p[0] >= 1, p[0] <= 8 { return (p[0], p[0]) }
        throw ValidationError("--char-ngrams takes MIN-MAX with 1 <= MIN <= MAX <= 8, got '\(c)'")
    }

    /// The feature spec these options describe (reads the lexicon file when one is named).
    func spec() throws -> FeatureSpec {
        var f = FeatureSpec()
        f.bits = bits
        f.wordNgrams = ngrams
        (f.charNgramMin, f.charNgramMax) = try parseCharNgrams()
        f.namespaces = try parseNamespaces()
        if f.charNgramMax > 0 && !f.namespaces.contains(.chars) { f.namespaces.append(.chars) }
        f.contextWindow = contextWindow
        f.useIDF = idf
        f.sublinearTF = sublinearTf
        f.dropUnseen = dropUnseen
        f.maskNames = maskNames
        f.maskTarget = maskTarget
        if let w = stopWords { f.stopWords = try StopWords.parse(w) }
        f.negation = negation
        f.cues = cues
        f.contextDecay = contextDecay
        f.perTarget = perTarget
        f.markEntities = markEntities
        f.contextSides = contextSides
        f.topics = topics
        f.topicBits = topicBits
        if let i = interactions { f.interactions = i.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        for nw in namespaceWeight {
            let p = nw.split(separator: "=", maxSplits: 1)
            f.namespaceWeights[String(p[0])] = Float(p[1])!
        }
        if let l = lexicon {
            f.lexicon = try Lexicon.loadVADER(path: l)
            if !f.namespaces.contains(.lexicon) { f.namespaces.append(.lexicon) }
        }
        if !verbFrames.isEmpty {
            f.verbFrames = try VerbFrames.load(paths: verbFrames)
            if !f.namespaces.contains(.roles) { f.namespaces.append(.roles) }
        }
        return f
    }

    /// Splits a `--task-options` value into arguments (whitespace-separated; single or double quotes group).
    static func split(_ s: String) -> [String] {
        var out: [String] = [], cur = "", quote: Character? = nil, any = false
        for c in s {
            if let q = quote { if c == q { quote = nil } else { cur.append(c) }; continue }
            if c == "'" || c == "\"" { quote = c; any = true; continue }
            if c.isWhitespace { if any || !cur.isEmpty { out.append(cur); cur = ""; any = false }; continue }
            cur.append(c)
        }
        if any || !cur.isEmpty { out.append(cur) }
        return out
    }
}
