/// Personal pronouns that refer back to a person actor.
///
/// The rule is deliberately narrow, so that it adds evidence rather than noise: a sentence that mentions no actor
/// by name but has a third-person personal pronoun (he, him, his, himself, she, her, hers, herself) refers to the
/// person actor named in the nearest earlier sentence, when that sentence names exactly one person and is at most
/// `reach` sentences back. Countries, parties and other non-person actors are never the referent of a pronoun.
public enum Pronouns {
    static let words: Set<String> = ["he", "him", "his", "himself", "she", "her", "hers", "herself"]

    /// Whether an actor looks like a person: one of its aliases is a two- or three-word capitalised name whose
    /// first word is not a place or organisation word ("Donald Trump", not "White House" or "Iran").
    public static func isPerson(_ a: Actor) -> Bool {
        a.aliases.contains(where: Actor.isPersonName)
    }

    /// A sentence that refers to a person actor by pronoun only.
    public struct Reference: Equatable, Sendable {
        public var sentence: Int
        public var actor: Int
        /// The pronouns, as half-open scalar offsets within the sentence.
        public var spans: [Span]
    }

    /// The pronoun references of a text.
    /// - Parameters:
    ///   - mentions: the actors' name mentions, in text order (`MentionFinder.find`).
    ///   - persons: which actors are persons (indices into the actor list).
    /// - Complexity: O(text + mentions).
    public static func references(_ s: [Unicode.Scalar], sentences: [Range<Int>], mentions: [Mention], persons: Set<Int>,
                                  reach: Int = 2) -> [Reference] {
        var out: [Reference] = []
        var last: (sentence: Int, actor: Int)? = nil
        let perSentence = MentionFinder.bySentence(mentions, sentences: sentences)
        for (j, sentence) in sentences.enumerated() {
            let named = Set(perSentence[j].map { $0.actor })
            if !named.isEmpty {
                let people = named.filter { persons.contains($0) }
                last = people.count == 1 ? (j, people.first!) : nil
                continue
            }
            guard let l = last, j - l.sentence <= reach else { continue }
            var spans: [Span] = []
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                guard ScalarClass.isLetter(s[i]) else { i += 1; continue }
                var k = i
                while k < sentence.upperBound && ScalarClass.isWord(s[k]) { k += 1 }
                if k - i <= 7, words.contains(String(scalars: s, i..<k).lowercased()) {
                    spans.append(Span(i - sentence.lowerBound, k - sentence.lowerBound))
                }
                i = k
            }
            if !spans.isEmpty { out.append(Reference(sentence: j, actor: l.actor, spans: spans)) }
        }
        return out
    }
}
