// libFuzzer target: tokenizer + featurizer (every namespace, character n-grams, negation, lexicon, interactions,
// spans) and the article analysis's sentence splitter, mention finder and actor detection, on arbitrary bytes.
// The first byte picks the span, the rest is the text.
import Foundation

let fuzzSpec: FeatureSpec = {
    var s = FeatureSpec()
    s.bits = 12
    s.charNgramMin = 2; s.charNgramMax = 4
    s.namespaces = [.text, .title, .target, .context, .pair, .chars, .lexicon]
    s.interactions = ["target*text", "title*text"]
    s.lexicon = ["good": 2, "bad": -2, "not": -1]
    return s
}()
let fuzzFeaturizer = Featurizer(spec: fuzzSpec, idf: [Float](repeating: 1.5, count: 1 << 12))

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
    let scalars = Array(text.unicodeScalars)
    let sentences = SentenceSplitter.split(scalars)
    for q in sentences where q.lowerBound < 0 || q.upperBound > n || q.isEmpty { fatalError("bad sentence range \(q)") }
    let actors = ActorDetector.detect(scalars, sentences: sentences)
    for m in MentionFinder.find(actors + [Actor.parse("a|b|US")!], in: scalars) where m.range.upperBound > n { fatalError("bad mention") }
    return 0
}
