/// The `roles` namespace: the target mention as the agent or the theme of a nearby verb, and what the verb's
/// connotation frame says about it.
///
/// Position around the verb stands in for syntax (no parser): the first frame verb within `window` words after a
/// mention, in the same clause, has the mention as its agent ("Ruiz *rescued* …"), unless the verb is a passive
/// participle after a form of *be* or *get* ("Ruiz was *arrested*": the theme); the last frame verb within
/// `window` words before a mention has it as its theme ("the police *arrested* Villa"), unless *by* follows the
/// verb ("*praised* by Ruiz": the agent). A clause boundary (`. , ; : ! ?`) or another mention ends the search.
/// Each role adds the verb's writer perspective and effect toward that role (Rashkin et al. 2016), and the
/// agency and power it gives (Sap et al. 2017), as ten indicator sums.
extension Featurizer {
    /// Words searched on each side of a mention.
    static let roleWindow = 4
    /// Forms of *be* and *get* before a participle that make it passive (frozen: trained models depend on it).
    static let beForms = HashMap32<Bool>(["am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got",
                                          "gotten", "getting"].map { (Murmur3.hash($0), true) })
    /// Words that may stand between *be* and its participle ("was not arrested", "were also detained").
    static let participleGap = HashMap32<Bool>(["not", "never", "also", "then", "later", "still", "now", "being", "all"]
        .map { (Murmur3.hash($0), true) })
    static let byHash = Murmur3.hash("by")

    /// The verb frames as a table from word-form hash (`Murmur3`, as tokens are hashed) to the frame's values.
    /// Forms are inserted in the order of (hash, form), so that two forms with the same hash meet in one order.
    static func frameTable(_ frames: [String: VerbFrame]) -> HashMap32<VerbFrame> {
        var entries: [(hash: UInt32, form: String, frame: VerbFrame)] = []
        for (_, f) in frames {
            var values = f
            values.forms = []
            for form in f.forms { entries.append((Murmur3.hash(form), form, values)) }
        }
        entries.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.form < $1.form }
        return HashMap32(entries.map { ($0.hash, $0.frame) })
    }

    /// The role sums of the mentions marked in `marked` (one per token of `buf`), in `RoleIndicators.all`'s order.
    /// - Complexity: O(tokens + mentions × window), one table look-up per token searched.
    func roleSums(_ buf: TokenBuffer, marked: UnsafeBufferPointer<Bool>) -> [Float] {
        var sums = [Float](repeating: 0, count: RoleIndicators.all.count)
        let n = min(marked.count, buf.tokens.count)
        guard n > 0 else { return sums }
        let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
        let frames = self.frames, be = Featurizer.beForms, gap = Featurizer.participleGap, by = Featurizer.byHash
        func add(_ f: VerbFrame, agent: Bool) {
            let writer = agent ? f.writerAgent : f.writerTheme, effect = agent ? f.effectAgent : f.effectTheme
            let power = agent ? f.power : -f.power
            sums[agent ? 0 : 1] += 1
            if writer > 0 { sums[2] += writer } else { sums[3] -= writer }
            if effect > 0 { sums[4] += effect } else { sums[5] -= effect }
            if power > 0 { sums[6] += power } else { sums[7] -= power }
            if agent { if f.agency > 0 { sums[8] += f.agency } else { sums[9] -= f.agency } }
        }
        buf.tokens.withUnsafeBufferPointer { toks in
            buf.bytes.withUnsafeBufferPointer { bytes in
                raw.withUnsafeBufferPointer { h in
                    func endsWith(_ i: Int, _ suffix: StaticString) -> Bool {
                        let t = toks[i], k = suffix.utf8CodeUnitCount
                        guard Int(t.end - t.start) > k else { return false }
                        let p = suffix.utf8Start
                        for j in 0..<k where bytes[Int(t.end) - k + j] != p[j] { return false }
                        return true
                    }
                    /// Whether the verb at `j` is a participle after *be* or *get*, looking no further back than `lo`.
                    func passive(_ j: Int, lo: Int) -> Bool {
                        if endsWith(j, "ing") { return false }
                        if j - 1 >= lo && be[h[j - 1]] != nil { return true }
                        return j - 2 >= lo && be[h[j - 2]] != nil && !toks[j - 1].afterBoundary
                            && (gap[h[j - 1]] != nil || endsWith(j - 1, "ly"))
                    }
                    var i = 0
                    while i < n {
                        guard marked[i] else { i += 1; continue }
                        let a = i
                        while i < n && marked[i] { i += 1 }
                        let b = i - 1   // the mention is a...b
                        // After the mention: its verb, the mention the agent (or, passive, the theme).
                        var j = b + 1
                        while j < n && j <= b + Featurizer.roleWindow && !toks[j].afterBoundary && !marked[j] {
                            if let f = frames[h[j]] { add(f, agent: !passive(j, lo: b + 1)); break }
                            j += 1
                        }
                        // Before the mention: the verb whose object it is (or, with "by" after the verb, its agent).
                        j = a - 1
                        while j >= 0 && j >= a - Featurizer.roleWindow && !toks[j + 1].afterBoundary && !marked[j] {
                            if let f = frames[h[j]] { add(f, agent: j + 1 < a && h[j + 1] == by); break }
                            j -= 1
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Emits the roles namespace's indicators of `s.text` with the marked mentions in `s.marked`.
    func roleFeatures(_ s: FeatureScratch, count n: Int, _ emit: (NamedFeature, Float) -> Void) {
        let w = namespaceWeights[Namespace.roles.slot]
        let sums = s.marked.withUnsafeBufferPointer { roleSums(s.text, marked: UnsafeBufferPointer(rebasing: $0[0..<min(n, $0.count)])) }
        for (k, v) in sums.enumerated() where v > 0 { emit(RoleIndicators.all[k], v * w) }
    }
}

/// The roles namespace's indicator names, hashed once: the mention as agent or theme (counts), the writer's
/// perspective and the effect toward it (positive and negative parts), whether it holds power or is under
/// another's, and, as an agent, whether the verb gives it agency.
enum RoleIndicators {
    static let all: [NamedFeature] = ["agent", "theme", "writer_pos", "writer_neg", "effect_pos", "effect_neg",
                                      "powerful", "powerless", "agency_pos", "agency_neg"].map { NamedFeature($0, .roles) }
}
