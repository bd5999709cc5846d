import XCTest
@testable import Slant

/// Frozen hashing (issue 10): the bucket of every kind of feature is pinned to a literal value. A change to the
/// tokenizer, the n-gram, character n-gram, negation, context or interaction hashing, or the namespace seeds,
/// moves these buckets and silently breaks every shipped model: this test makes such a change fail. (The
/// default model's own output is pinned end to end in `CLITests.testDefaultModelOutputIsPinned`.)
final class GoldenTests: XCTestCase {
    func testFeatureBucketsArePinned() {
        var spec = FeatureSpec()
        spec.bits = 20
        spec.wordNgrams = 2
        spec.charNgramMin = 3; spec.charNgramMax = 3
        spec.namespaces = [.text, .title, .target, .context, .chars]
        spec.interactions = ["target*text"]
        spec.negation = true
        let f = Featurizer(spec: spec)
        var s = FeatureScratch()
        var names: [Int32: String] = [:]
        let r = Record(id: "g", text: "The council did not approve Park's budget", title: "Budget vote", target: "Park", spans: [Span(28, 32)])
        _ = withUnsafeMutablePointer(to: &names) { f.featurize(r, scratch: &s, names: $0) }
        let bucket = Dictionary(names.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let pinned: [String: Int32] = [
            "text:the": 382458,                         // word unigram
            "text:the council": 769494,                 // word bigram
            "text:NOT_approve": 936657,                 // negated word
            "text:not NOT_approve": 988586,             // bigram across the negation
            "title:budget vote": 909406,                // title namespace
            "target:park": 823324,                      // target namespace
            "context:council did": 937345,              // context window around the span
            "context:NOT_approve": 499485,
            "chars:<co": 372009,                        // character 3-gram at a word start
            "chars:'s>": 749041,                        // ... and at a word end
            "target*text:park × council": 572520,       // interaction
            "target*text:park × NOT_approve": 387131,
        ]
        for (name, b) in pinned.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(bucket[name], b, "the bucket of \(name) moved: hashing changed, and every shipped model with it")
        }
        // The raw hashes behind them.
        XCTAssertEqual(Negation.salt, 0x4E45_4721)
        XCTAssertEqual(Namespace.allCases.map { $0.seed }, Namespace.allCases.map { Murmur3.hash($0.rawValue, seed: 0) })
        XCTAssertEqual(Murmur3.fmix32(0x1234_5678), 0xE37C_D1BC)
    }
}
