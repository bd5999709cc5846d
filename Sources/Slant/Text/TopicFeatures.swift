/// Features from the latent topic space (`FeatureSpec.topics`, fitted by `TopicSpace.fit`).
///
/// A block's aggregated TF-IDF terms, each folded into one of `2^topicBits` rows (`term & (2^topicBits − 1)`),
/// are projected onto the topic matrix and L2-normalised: `z = Vᵀx / ‖Vᵀx‖`. The text's `z` gives one dense
/// feature per topic (`text:topic_k`): words that never co-occur with a training outlet's boilerplate still
/// land on shared topics, so the head can carry what it learned across outlets and vocabularies. With the pair
/// namespace, the cosine of the title's and the text's `z` is a pair feature (value and twentieths of [−1, 1]),
/// the LSI similarity of the FNC-1 winners.
extension Featurizer {
    /// The title–text topic cosine's names.
    static let topicCosine = PairIndicators.Dense("title_topic_cos")

    /// Projects an aggregated block into the topic space, L2-normalised, into `z` (resized to `spec.topics`).
    /// - Returns: false when the block is empty or orthogonal to every topic.
    /// - Complexity: O(terms × topics).
    func topicVector(_ table: TermTable, into z: inout [Float]) -> Bool {
        let k = spec.topics
        let rowMask = UInt32(spec.topicBuckets - 1)
        z.removeAll(keepingCapacity: true)
        z.append(contentsOf: repeatElement(0, count: k))
        var norm: Float = 0
        topics.withUnsafeBufferPointer { v in
            z.withUnsafeMutableBufferPointer { zp in
                table.entries.withUnsafeBufferPointer { en in
                    if k % 8 == 0 {
                        // Eight lanes at a time (the rows are 32-byte aligned when k is a multiple of 8: the table
                        // is 64-byte aligned): the projection is most of the topic features' cost.
                        let lanes = k / 8
                        let out = UnsafeMutableRawPointer(zp.baseAddress!).bindMemory(to: SIMD8<Float>.self, capacity: lanes)
                        let base = UnsafeRawPointer(v.baseAddress!)
                        // Warm-up loads of every row's cache lines first: independent, so a long article's few
                        // hundred misses into the table overlap instead of each waiting behind the arithmetic.
                        var touch: Float = 0
                        for e in en {
                            let row = v.baseAddress! + Int(e.term & rowMask) * k
                            var c = 0
                            while c < k { touch += row[c]; c += 16 }
                        }
                        prefetched(touch)
                        for e in en {
                            let row = (base + Int(e.term & rowMask) * k * 4).assumingMemoryBound(to: SIMD8<Float>.self)
                            let a = SIMD8<Float>(repeating: e.value)
                            for c in 0..<lanes { out[c] += a * row[c] }
                        }
                    } else {
                        for e in en {
                            let row = v.baseAddress! + Int(e.term & rowMask) * k
                            for c in 0..<k { zp[c] += e.value * row[c] }
                        }
                    }
                }
                for c in 0..<k { norm += zp[c] * zp[c] }
                if norm > 0 {
                    let inv = 1 / norm.squareRoot()
                    for c in 0..<k { zp[c] *= inv }
                }
            }
        }
        return norm > 0
    }

    /// `topicVector` through the scratch's cache (at most 4,096 blocks, then it starts afresh).
    func cachedTopicVector(_ s: inout FeatureScratch, slot: Int, into z: inout [Float]) -> Bool {
        var key: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(s.tables[slot].entries.count)
        for e in s.tables[slot].entries {
            key = (key ^ (UInt64(e.term) << 32 | UInt64(e.value.bitPattern))) &* 0xFF51_AFD7_ED55_8CCD
            key ^= key >> 29
        }
        if s.topicCacheOwner != ObjectIdentifier(self) {
            s.topicCache.removeAll(keepingCapacity: true)
            s.topicCacheOwner = ObjectIdentifier(self)
        }
        if let hit = s.topicCache[key] { z = hit; return !hit.isEmpty }
        let ok = topicVector(s.tables[slot], into: &z)
        if s.topicCache.count >= 4096 { s.topicCache.removeAll(keepingCapacity: true) }
        s.topicCache[key] = ok ? z : []
        return ok
    }

    /// Appends the topic features of a record whose namespaces have been aggregated (`extract`).
    func topicFeatures(_ s: inout FeatureScratch, explain: Bool, emit: (UInt32, Float, String?) -> Void) {
        let textSlot = Namespace.text.slot, titleSlot = Namespace.title.slot
        guard s.filled[textSlot] else { return }
        var z: [Float] = []
        guard cachedTopicVector(&s, slot: textSlot, into: &z) else { return }
        for (c, name) in topicNames.enumerated() { emit(name.hash, z[c], explain ? name.name : nil) }
        guard spec.namespaces.contains(.pair), s.filled[titleSlot] else { return }
        var t: [Float] = []
        guard topicVector(s.tables[titleSlot], into: &t) else { return }
        var cos: Float = 0
        for c in 0..<spec.topics { cos += z[c] * t[c] }
        let d = Featurizer.topicCosine
        emit(d.value.hash, cos, explain ? d.value.name : nil)
        let bin = min(19, max(0, Int((cos + 1) * 10)))
        emit(d.bins[bin].hash, 1, explain ? d.bins[bin].name : nil)
    }
}
