import Foundation

/// Word n-grams, the target context window, character n-grams and namespace interactions.
extension Featurizer {
    /// Appends the word n-gram terms of `buf` (all tokens, or those with a weight > 0 in `tokenWeight`), with
    /// their orders. `s.weights` stays empty while every weight is 1.
    /// - Complexity: O(tokens × maxN), written through pointers.
    @inline(__always)
    func ngrams(_ buf: TokenBuffer, maxN: Int, tokenWeight: [Float]?, prefix: String, explain: Bool,
                _ s: inout FeatureScratch) {
        let count = buf.hashes.count
        guard count > 0, maxN > 0 else { return }
        var terms: [UInt32] = [], orders: [UInt8] = []
        swap(&terms, &s.terms); swap(&orders, &s.orders)
        defer { swap(&terms, &s.terms); swap(&orders, &s.orders) }
        if tokenWeight == nil && !explain && s.weights.isEmpty {
            let base = terms.count, cap = count * maxN
            terms.appendZeros(cap)
            orders.appendZeros(cap)
            var k = base
            buf.hashes.withUnsafeBufferPointer { h in
                terms.withUnsafeMutableBufferPointer { t in
                    orders.withUnsafeMutableBufferPointer { o in
                        for i in 0..<count {
                            for n in 1...min(maxN, count - i) {
                                t[k] = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + n)]))
                                o[k] = UInt8(n)
                                k += 1
                            }
                        }
                    }
                }
            }
            terms.removeLast(base + cap - k); orders.removeLast(base + cap - k)
            return
        }
        if s.weights.count < terms.count { s.weights.append(contentsOf: repeatElement(1, count: terms.count - s.weights.count)) }
        if let tw = tokenWeight, maxN == 1, !explain {
            // Weighted unigrams (the context window of a unigram spec, once per sentence-actor pair): only the
            // tokens with a weight, each with its own weight, as the general loop below gives them.
            let base = terms.count
            terms.appendZeros(count); orders.appendZeros(count); s.weights.appendZeros(count)
            var k = base
            buf.hashes.withUnsafeBufferPointer { h in
                tw.withUnsafeBufferPointer { tw in
                    terms.withUnsafeMutableBufferPointer { t in
                        orders.withUnsafeMutableBufferPointer { o in
                            s.weights.withUnsafeMutableBufferPointer { wt in
                                for i in 0..<count where tw[i] > 0 {
                                    t[k] = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + 1)]))
                                    o[k] = 1
                                    wt[k] = tw[i]
                                    k += 1
                                }
                            }
                        }
                    }
                }
            }
            terms.removeLast(base + count - k); orders.removeLast(base + count - k); s.weights.removeLast(base + count - k)
            return
        }
        // Weighted (the context window), or with names: written through pointers into room made once
        // (appending one by one checked the arrays' uniqueness per term); names, when asked, alongside.
        let base = terms.count, cap = count * maxN
        terms.appendZeros(cap)
        orders.appendZeros(cap)
        s.weights.appendZeros(cap)
        var k = base
        var names: [String] = []
        buf.hashes.withUnsafeBufferPointer { h in
            terms.withUnsafeMutableBufferPointer { t in
                orders.withUnsafeMutableBufferPointer { o in
                    s.weights.withUnsafeMutableBufferPointer { wt in
                        for i in 0..<count {
                            for n in 1...maxN where i + n <= count {
                                var w: Float = 1
                                if let tw = tokenWeight {
                                    var m: Float = 0
                                    for j in i..<(i + n) { if tw[j] <= 0 { m = 0; break }; m = max(m, tw[j]) }
                                    if m <= 0 { continue }
                                    w = m
                                }
                                t[k] = FeatureHash.ngram(UnsafeBufferPointer(rebasing: h[i..<(i + n)]))
                                o[k] = UInt8(n)
                                wt[k] = w
                                k += 1
                                if explain {
                                    // A masked name shows as what the head read (`FeatureSpec.maskNames`).
                                    names.append(prefix + (i..<(i + n)).map { h[$0] == FeatureHash.maskedName ? "[name]" : h[$0] == FeatureHash.maskedTarget ? "[target]" : buf.string($0) }.joined(separator: " "))
                                }
                            }
                        }
                    }
                }
            }
        }
        terms.removeLast(base + cap - k); orders.removeLast(base + cap - k); s.weights.removeLast(base + cap - k)
        s.names.append(contentsOf: names)
    }

    /// Collects the raw terms (before TF-IDF) of one namespace into `s.terms` / `s.weights`.
    func collect(_ ns: Namespace, _ r: Record, _ s: inout FeatureScratch, explain: Bool) {
        // (Without explanations or weights, `ngrams` reads the tokens' hashes alone.)
        let hashesOnly = !explain && s.weights.isEmpty
        switch ns {
        case .text:
            var text = spec.maskNames ? Featurizer.maskingNames(s.text, text: r.text) : s.text
            if spec.maskTarget { text = maskingTarget(text, r, &s) }
            ngrams(droppingStopWords(text, hashesOnly: hashesOnly), maxN: spec.wordNgrams, tokenWeight: nil, prefix: "text:", explain: explain, &s)
        case .title: ngrams(droppingStopWords(spec.maskNames ? Featurizer.maskingNames(s.title, text: r.title ?? "") : s.title, hashesOnly: hashesOnly),
                            maxN: spec.wordNgrams, tokenWeight: nil, prefix: "title:", explain: explain, &s)
        case .target: ngrams(s.target, maxN: spec.wordNgrams, tokenWeight: nil, prefix: "target:", explain: explain, &s)
        case .context:
            guard let w = contextWeights(r, &s) else { return }
            if spec.contextSides {
                // The same tokens with the words after a mention hashed apart (`FeatureHash.afterTarget`).
                var sided = spec.maskTarget ? maskingTarget(s.text, r, &s) : s.text
                s.marked.withUnsafeBufferPointer { m in
                    sided.hashes.withUnsafeMutableBufferPointer { h in Featurizer.sideHashes(UnsafeBufferPointer(rebasing: m[0..<h.count]), h) }
                }
                ngrams(sided, maxN: min(2, spec.wordNgrams), tokenWeight: w, prefix: "context:", explain: explain, &s)
            } else {
                ngrams(spec.maskTarget ? maskingTarget(s.text, r, &s) : s.text, maxN: min(2, spec.wordNgrams), tokenWeight: w, prefix: "context:", explain: explain, &s)
            }
        case .chars:
            guard spec.charNgramMax > 0 else { return }
            charNgrams(s.text, explain: explain, &s)
        case .between: betweenTerms(explain: explain, &s)
        case .pair, .lexicon, .roles: return
        }
    }

    /// Marks in `m` (all false on entry, one per token of `text`) the target's tokens (`FeatureSpec.maskTarget`):
    /// those inside `spans`, and those that are a word of the target's name of three bytes or more or its possessive
    /// (`mark(_:targetWords:_:)`: a sentence's other mentions of the target, which the spans may not list). True
    /// when any is.
    static func markTarget(_ text: TokenBuffer, spans: [Span], target: TokenBuffer, _ m: UnsafeMutableBufferPointer<Bool>) -> Bool {
        var any = false
        if !spans.isEmpty { any = text.tokens.withUnsafeBufferPointer { mark($0, spans: spans, m) } }
        if !target.hashes.isEmpty {
            let words = text.hashes.withUnsafeBufferPointer { mark($0, targetWords: target, m) }
            any = any || words
        }
        return any
    }

    /// `buf` (`s.text`'s tokens, or a copy of them with names masked) with the record's target read as one word
    /// (`FeatureSpec.maskTarget`): the tokens `markTarget` marks in `s.text` hash as `FeatureHash.maskedTarget`.
    /// The scratch's tokens are left as they are: the article analysis scores one sentence's tokens for each actor.
    /// - Complexity: O(tokens + spans), and a copy of the hashes when a token is masked.
    func maskingTarget(_ buf: TokenBuffer, _ r: Record, _ s: inout FeatureScratch) -> TokenBuffer {
        var out = buf
        guard buf.hashes.count == s.text.tokens.count else { return out }
        Featurizer.maskTarget(&out.hashes, text: s.text, spans: r.spans, target: s.target, marks: &s.targetMarks)
        return out
    }

    /// Replaces in `hashes` (one per token of `text`) the hash of each token `markTarget` marks with
    /// `FeatureHash.maskedTarget`; `marks` is scratch room.
    static func maskTarget(_ hashes: inout [UInt32], text: TokenBuffer, spans: [Span], target: TokenBuffer, marks m: inout [Bool]) {
        let n = text.tokens.count
        guard n > 0, hashes.count == n else { return }
        m.removeAll(keepingCapacity: true)
        m.appendZeros(n)   // all false
        guard m.withUnsafeMutableBufferPointer({ markTarget(text, spans: spans, target: target, $0) }) else { return }
        hashes.withUnsafeMutableBufferPointer { h in
            m.withUnsafeBufferPointer { m in for i in 0..<n where m[i] { h[i] = FeatureHash.maskedTarget } }
        }
    }

    /// Which tokens of `buf`, tokenized from `text`, are names to mask (`FeatureSpec.maskNames`): words whose first
    /// letter is upper case in `text` (ASCII or Latin-1), other than the buffer's first token and a word with a
    /// sentence's end (`.` `!` `?` `…` `。` `！` `？`) between it and the word before it, which is capitalised whatever it is.
    /// Read from the text itself (by each token's scalar offset), so that the tokenizer, which every head runs,
    /// keeps no case; a token whose offset is outside `text` is not a name.
    /// - Complexity: O(text), for the text's scalars.
    static func nameTokens(_ buf: TokenBuffer, text: String) -> [Bool] {
        var out = [Bool](repeating: false, count: buf.tokens.count)
        guard buf.tokens.count > 1 else { return out }
        let sc = Array(text.unicodeScalars)
        for i in 1..<buf.tokens.count where buf.tokens[i].kind == .word {
            let o = Int(buf.tokens[i].scalarOffset)
            guard o >= 0, o < sc.count else { continue }
            let c = sc[o].value
            guard c &- 0x41 < 26 || (c >= 0xC0 && c <= 0xDE && c != 0xD7) else { continue }
            var j = o - 1, stop = false
            while j >= 0 && !ScalarClass.isWord(sc[j]) {
                switch sc[j].value { case 0x2E, 0x21, 0x3F, 0x2026, 0x3002, 0xFF01, 0xFF1F: stop = true; default: break }
                j -= 1
            }
            out[i] = !stop
        }
        return out
    }

    /// `buf` with each name (`nameTokens`) read as `FeatureHash.maskedName`.
    /// - Complexity: O(text); one copy of the hashes when a name is masked.
    static func maskingNames(_ buf: TokenBuffer, text: String) -> TokenBuffer {
        var out = buf
        for (i, name) in nameTokens(buf, text: text).enumerated() where name { out.hashes[i] = FeatureHash.maskedName }
        return out
    }

    /// Direction keys of the between namespace, frozen (changing them changes every trained model's features):
    /// the ASCII of "h2t" and "t2h".
    static let holderFirst: UInt32 = 0x0068_3274, targetFirst: UInt32 = 0x0074_3268
    /// Words of the between namespace at most (the nearest to the first mark).
    static let betweenLimit = 12

    /// The between namespace's terms: the words strictly between the nearest holder and target marks of the
    /// marked text (`EntityMarks`), at most `betweenLimit`, each crossed with the marks' order. None when the
    /// text lacks either mark.
    func betweenTerms(explain: Bool, _ s: inout FeatureScratch) {
        let buf = s.text
        // The marks' hashes before negation marking (a mark in a negation scope is still the mark).
        let raw = buf.rawHashes.count == buf.hashes.count ? buf.rawHashes : buf.hashes
        var best: (h: Int, t: Int)? = nil
        var lastHolder = -1, lastTarget = -1
        for i in raw.indices {
            if raw[i] == EntityMarks.holderHash { lastHolder = i } else if raw[i] == EntityMarks.targetHash { lastTarget = i } else { continue }
            guard lastHolder >= 0, lastTarget >= 0 else { continue }
            if best == nil || abs(lastHolder - lastTarget) < abs(best!.h - best!.t) { best = (lastHolder, lastTarget) }
        }
        guard let b = best else { return }
        let key = b.h < b.t ? Featurizer.holderFirst : Featurizer.targetFirst
        let from = min(b.h, b.t) + 1, to = min(max(b.h, b.t), from + Featurizer.betweenLimit)
        for j in from..<to where buf.hashes[j] != EntityMarks.holderHash && buf.hashes[j] != EntityMarks.targetHash {
            s.terms.append(FeatureHash.interaction(key, buf.hashes[j]))
            s.orders.append(1)
            if explain { s.names.append("between:" + (b.h < b.t ? "holder→target " : "target→holder ") + buf.string(j)) }
        }
    }

    /// Weight per text token for the context namespace: 1 within the window around a mention, 0 elsewhere and
    /// on the mention itself. Nil when the record has no target mention in its text. Computed once per record.
    func contextWeights(_ r: Record, _ s: inout FeatureScratch) -> [Float]? {
        if !s.contextDone {
            var w: [Float] = []
            swap(&w, &s.context)
            s.contextFound = contextWeights(r, &s, into: &w)
            swap(&w, &s.context)
            s.contextDone = true
        }
        return s.contextFound ? s.context : nil
    }

    /// Fills `w` with the context weights; false when the record has no target mention in its text.
    ///
    /// A token's weight comes from the nearest marked token on either side (`weight` falls with the distance),
    /// so each marked token only needs to write its own window: O(tokens + marks × window), through pointers
    /// (this runs for every sentence–actor pair of the article analysis).
    private func contextWeights(_ r: Record, _ s: inout FeatureScratch, into w: inout [Float]) -> Bool {
        let n = s.text.tokens.count
        guard n > 0 else { return false }
        var marked: [Bool] = []
        swap(&marked, &s.marked)
        defer { swap(&marked, &s.marked) }
        marked.removeAll(keepingCapacity: true)
        marked.appendZeros(n)   // all false
        var any = false
        if !r.spans.isEmpty {
            any = s.text.tokens.withUnsafeBufferPointer { toks in
                marked.withUnsafeMutableBufferPointer { Featurizer.mark(toks, spans: r.spans, $0) }
            }
        } else if !s.target.hashes.isEmpty {
            any = s.text.hashes.withUnsafeBufferPointer { h in
                marked.withUnsafeMutableBufferPointer { Featurizer.mark(h, targetWords: s.target, $0) }
            }
        }
        guard any else { return false }
        w.removeAll(keepingCapacity: true)
        w.appendZeros(n)
        marked.withUnsafeBufferPointer { m in
            w.withUnsafeMutableBufferPointer { windowWeights(m, $0) }
        }
        return true
    }

    /// Marks the tokens that start inside a span (`marked` all false on entry, one per token); true when any is.
    /// Tokens and spans both in text order: one sweep, O((tokens + spans) log spans), not tokens × spans
    /// (100,000 spans took 32 s the old way). Spans already in order (the actor analysis's) are not copied.
    @inline(__always)
    static func mark(_ toks: UnsafeBufferPointer<Token>, spans r: [Span], _ m: UnsafeMutableBufferPointer<Bool>) -> Bool {
        var inOrder = true
        for j in r.indices.dropFirst() where r[j - 1].start > r[j].start { inOrder = false; break }
        let spans = inOrder ? r : r.sorted { $0.start < $1.start }
        var j = 0, reach = Int.min, any = false
        for i in 0..<toks.count {
            let o = Int(toks[i].scalarOffset)
            while j < spans.count && spans[j].start <= o { reach = max(reach, spans[j].end); j += 1 }
            if o < reach { m[i] = true; any = true }
        }
        return any
    }

    /// Without spans: marks the tokens (by hash, `hashes`) that are a word of the target of 3 bytes or more
    /// (`marked` all false on entry, one per token); true when any is. A target has a few words: a linear scan,
    /// not a hashed set (SipHash per text token).
    static func mark(_ hashes: UnsafeBufferPointer<UInt32>, targetWords target: TokenBuffer, _ m: UnsafeMutableBufferPointer<Bool>) -> Bool {
        let long = target.tokens.indices.filter { target.tokens[$0].end - target.tokens[$0].start >= 3 }
        // Each word and its possessive ("Ruiz" finds "Ruiz's" and "Ruiz’s": the tokenizer keeps an apostrophe
        // between letters, as `'`).
        let words = long.map { target.hashes[$0] } + long.map { possessiveHash(target, $0) }
        var any = false
        if !words.isEmpty { for i in 0..<m.count where words.contains(hashes[i]) { m[i] = true; any = true } }
        return any
    }

    /// The hash of token `i` of `buf` followed by `'s`, as the tokenizer hashes "Ruiz's".
    static func possessiveHash(_ buf: TokenBuffer, _ i: Int) -> UInt32 {
        let t = buf.tokens[i]
        let bytes = Array(buf.bytes[Int(t.start)..<Int(t.end)]) + [0x27, 0x73]
        return bytes.withUnsafeBytes { Murmur3.hash($0) }
    }

    /// Mixes the hash of every token that is nearer a marked token before it than one after it (a word after
    /// the mention) with `FeatureHash.afterTarget`; marked tokens and tokens nearer a later mark keep theirs.
    /// Two sweeps, O(tokens).
    static func sideHashes(_ m: UnsafeBufferPointer<Bool>, _ h: UnsafeMutableBufferPointer<UInt32>) {
        let n = m.count
        guard n > 0 else { return }
        var after = [Int](repeating: Int.max, count: n)   // distance to the nearest mark after each token
        var next = Int.max
        for i in stride(from: n - 1, through: 0, by: -1) {
            if m[i] { next = i; continue }
            if next != Int.max { after[i] = next - i }
        }
        var last = Int.min
        for i in 0..<n {
            if m[i] { last = i; continue }
            if last != Int.min && i - last <= after[i] { h[i] = FeatureHash.afterTarget(h[i]) }
        }
    }

    /// The context weight of every unmarked token within `spec.contextWindow` of a marked one, into `wb` (all 0
    /// on entry): the same weights as two sweeps taking, for every unmarked token, the larger of the weights at
    /// its distance from the nearest marked token before and after it (`weight` falls with the distance, so the
    /// larger over every mark within reach is the nearest one's). O(marks × window).
    @inline(__always)
    func windowWeights(_ m: UnsafeBufferPointer<Bool>, _ wb: UnsafeMutableBufferPointer<Float>) {
        let k = spec.contextWindow, decay = spec.contextDecay, n = m.count
        for i in 0..<n where m[i] {
            var d = 1
            while d <= k {
                let v: Float = decay ? 1 - Float(d - 1) / Float(k) : 1
                if i - d >= 0 && !m[i - d] { wb[i - d] = max(wb[i - d], v) }
                if i + d < n && !m[i + d] { wb[i + d] = max(wb[i + d], v) }
                d += 1
            }
        }
    }

    /// Character n-grams (`spec.charNgramMin...charNgramMax` scalars) of each token wrapped in `<` and `>`, with
    /// a readable name per n-gram when `explain`.
    /// - Complexity: O(bytes × n-gram orders); written through pointers into room made once (appending term by
    ///   term checked the arrays' uniqueness and capacity per n-gram), with the word in a stack buffer.
    func charNgrams(_ buf: TokenBuffer, explain: Bool, _ s: inout FeatureScratch) {
        let lo = spec.charNgramMin, hi = spec.charNgramMax
        guard lo >= 1, hi >= lo else { return }   // `FeatureSpec.validate` allows nothing else
        // At most (scalars + 2) n-grams of each order per token, and scalars ≤ bytes.
        var cap = 0
        for t in buf.tokens { cap += (Int(t.end - t.start) + 2) * (hi - lo + 1) }
        let base = s.terms.count
        s.terms.appendZeros(cap)
        var k = base
        var names: [String] = []
        buf.bytes.withUnsafeBufferPointer { bytes in
            s.terms.withUnsafeMutableBufferPointer { out in
                buf.tokens.withUnsafeBufferPointer { toks in
                    for t in toks {
                        let len = Int(t.end - t.start)
                        // The word with its markers, and where each of its scalars starts (plus the end).
                        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: len + 2) { word in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: len + 3) { starts in
                                word[0] = 0x3C
                                starts[0] = 0
                                var w = 1, c = 1
                                for b in bytes[Int(t.start)..<Int(t.end)] {
                                    if b & 0xC0 != 0x80 { starts[c] = w; c += 1 }
                                    word[w] = b; w += 1
                                }
                                starts[c] = w; c += 1; word[w] = 0x3E; w += 1
                                starts[c] = w
                                let chars = c
                                let raw = UnsafeRawBufferPointer(word)
                                for n in lo...hi where n <= chars {
                                    for i in 0...(chars - n) {
                                        let sub = UnsafeRawBufferPointer(rebasing: raw[starts[i]..<starts[i + n]])
                                        out[k] = FeatureHash.charNgram(sub, n: n)
                                        k += 1
                                        if explain { names.append("chars:" + String(decoding: sub, as: UTF8.self)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        s.terms.removeLast(base + cap - k)
        s.names.append(contentsOf: names)
    }

    /// Distinct unigram hashes of a namespace's words (context: the words near the target).
    func unigrams(_ ns: Namespace, _ r: Record, _ s: inout FeatureScratch, limit: Int) -> [(UInt32, Int)] {
        var out: [(UInt32, Int)] = []
        var seen = Set<UInt32>()
        func add(_ buf: TokenBuffer, _ i: Int) {
            if out.count < limit, seen.insert(buf.hashes[i]).inserted { out.append((buf.hashes[i], i)) }
        }
        switch ns {
        case .title: for i in s.title.hashes.indices { add(s.title, i) }
        case .target: for i in s.target.hashes.indices { add(s.target, i) }
        case .text: for i in s.text.hashes.indices { add(s.text, i) }
        case .context:
            if let w = contextWeights(r, &s) { for i in s.text.hashes.indices where w[i] > 0 { add(s.text, i) } }
        default: break
        }
        return out
    }

    func interactionFeatures(_ r: Record, _ s: inout FeatureScratch, explain: Bool, emit: inout [(UInt32, Float, String?)]) {
        let slot = Namespace.allCases.count
        for inter in interactions {
            let a = unigrams(inter.a, r, &s, limit: 64)
            let b = unigrams(inter.b, r, &s, limit: 512)
            guard !a.isEmpty, !b.isEmpty else { continue }
            beginCollect(&s)
            let bufA = inter.a == .title ? s.title : inter.a == .target ? s.target : s.text
            let bufB = inter.b == .title ? s.title : inter.b == .target ? s.target : s.text
            for (ha, ia) in a {
                for (hb, ib) in b where !(inter.a == inter.b && ha == hb) {
                    s.terms.append(FeatureHash.interaction(ha, hb))
                    if explain { s.names.append("\(inter.name):\(bufA.string(ia)) × \(bufB.string(ib))") }
                }
            }
            aggregate(slot: slot, &s, idfAllowed: false)
            for en in s.tables[slot].entries {
                emit.append((Murmur3.feature(en.term, namespace: inter.seed), en.value, explain ? s.names[Int(en.first)] : nil))
            }
        }
    }
}
