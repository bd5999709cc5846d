/// Slant's frozen feature hash: MurmurHash3_x86_32 (Austin Appleby, public domain).
///
/// Why frozen: a model stores weights by hash bucket, so the hash of a token must be the same in every process,
/// on every machine and in every Slant version that reads the model. Swift's `Hasher` is seeded per process and
/// must never be used here. Changing anything in this file invalidates every model file; the pinned values in
/// `HashingTests` guard it.
///
/// - A token's hash is `murmur3(utf8 bytes of the normalised token, seed: 0)`.
/// - An n-gram's term hash is `murmur3(little-endian bytes of its n token hashes, seed: n)` (so a unigram's term
///   hash differs from its token hash, and "a b" differs from "b a").
/// - A feature's hash is `fmix32(termHash ^ namespaceSeed)` where `namespaceSeed = murmur3(namespace name, 0)`;
///   its bucket is the low `bits` bits and its sign the top bit (signed hashing: collisions cancel on average
///   instead of adding up, Weinberger et al. 2009).
public enum Murmur3 {
    @inline(__always) static func rotl(_ x: UInt32, _ r: UInt32) -> UInt32 { (x << r) | (x >> (32 - r)) }

    /// The MurmurHash3 finaliser: a bijective avalanche of 32 bits.
    @inline(__always) public static func fmix32(_ h0: UInt32) -> UInt32 {
        var h = h0
        h ^= h >> 16; h = h &* 0x85eb_ca6b
        h ^= h >> 13; h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return h
    }

    /// Mixes one 32-bit block into the running state `h`.
    @inline(__always) public static func mixBlock(_ h: UInt32, _ k0: UInt32) -> UInt32 {
        var k = k0 &* 0xcc9e_2d51
        k = rotl(k, 15)
        k = k &* 0x1b87_3593
        var h = h ^ k
        h = rotl(h, 13)
        return h &* 5 &+ 0xe654_6b64
    }

    /// MurmurHash3_x86_32 of `bytes`.
    /// - Complexity: O(n).
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        let n = bytes.count
        var h = seed
        let blocks = n / 4
        var i = 0
        while i < blocks {
            let k = bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian
            h = mixBlock(h, k)
            i += 1
        }
        var k: UInt32 = 0
        let tail = blocks * 4
        switch n & 3 {
        case 3: k ^= UInt32(bytes[tail + 2]) << 16; fallthrough
        case 2: k ^= UInt32(bytes[tail + 1]) << 8; fallthrough
        case 1:
            k ^= UInt32(bytes[tail])
            k = k &* 0xcc9e_2d51; k = rotl(k, 15); k = k &* 0x1b87_3593; h ^= k
        default: break
        }
        h ^= UInt32(truncatingIfNeeded: n)
        return fmix32(h)
    }

    /// `hash(bytes, seed:)` of the `n` bytes at `p`, reading the last partial block as one 4-byte load whose extra
    /// bytes are masked off (the same value as byte by byte): for a buffer with at least 3 readable bytes after
    /// the `n` (the tokenizer's output, whose room is twice its input and more).
    @inline(__always)
    static func hash(slack p: UnsafeRawPointer, count n: Int, seed: UInt32 = 0) -> UInt32 {
        var h = seed
        let blocks = n >> 2
        var i = 0
        while i < blocks {
            h = mixBlock(h, p.loadUnaligned(fromByteOffset: i << 2, as: UInt32.self).littleEndian)
            i += 1
        }
        let rest = n & 3
        if rest != 0 {
            var k = p.loadUnaligned(fromByteOffset: blocks << 2, as: UInt32.self).littleEndian & ((1 << (UInt32(rest) << 3)) &- 1)
            k = k &* 0xcc9e_2d51; k = rotl(k, 15); k = k &* 0x1b87_3593; h ^= k
        }
        h ^= UInt32(truncatingIfNeeded: n)
        return fmix32(h)
    }

    /// MurmurHash3_x86_32 of a string's UTF-8 bytes.
    public static func hash(_ s: String, seed: UInt32 = 0) -> UInt32 {
        var s = s
        return s.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// MurmurHash3_x86_32 of the little-endian bytes of `words` (used for n-grams of token hashes).
    @inline(__always)
    public static func hash(words: UnsafeBufferPointer<UInt32>, seed: UInt32) -> UInt32 {
        var h = seed
        for w in words { h = mixBlock(h, w) }
        h ^= UInt32(truncatingIfNeeded: words.count * 4)
        return fmix32(h)
    }

    /// The feature hash of a term in a namespace.
    @inline(__always) public static func feature(_ term: UInt32, namespace: UInt32) -> UInt32 {
        fmix32(term ^ namespace)
    }
}

/// The frozen hash rules of every feature, written once. Every model ever trained stores weights at the buckets
/// these rules give, so changing one silently breaks them all (`GoldenTests` pins the results).
/// - a word: Murmur3 of its normalised UTF-8 bytes, seed 0 (`Tokenizer`);
/// - a word n-gram: Murmur3 over the n word hashes, seed n (so "new york" differs from "york new" and from
///   the unigrams);
/// - a character n-gram: Murmur3 of its bytes (inside `<` and `>` word boundary marks), seed 0x100 + n;
/// - a word in negation scope: fmix32(word hash ^ 0x4E454721);
/// - a capitalised word inside a sentence, with `FeatureSpec.maskNames`: 0x4E414D45 ("NAME") in place of its hash;
/// - a word of the record's target, with `FeatureSpec.maskTarget`: 0x54524754 ("TRGT") in place of its hash;
/// - a pair of words of two crossed namespaces: fmix32(mix(mix(0x51, a), b));
/// - a named indicator (pair, lexicon and cue features): Murmur3 of the name, seed 0;
/// - a feature's per-target copy: fmix32(mix(feature hash, Murmur3 of the lower-cased target));
/// - the bucket of a term in a namespace: `Murmur3.feature(term, namespace: Murmur3(name of the namespace))`.
enum FeatureHash {
    @inline(__always) static func ngram(_ words: UnsafeBufferPointer<UInt32>) -> UInt32 {
        Murmur3.hash(words: words, seed: UInt32(words.count))
    }
    @inline(__always) static func charNgram(_ bytes: UnsafeRawBufferPointer, n: Int) -> UInt32 {
        Murmur3.hash(bytes, seed: 0x100 + UInt32(n))
    }
    @inline(__always) static func negated(_ word: UInt32) -> UInt32 { Murmur3.fmix32(word ^ negationSalt) }
    @inline(__always) static func interaction(_ a: UInt32, _ b: UInt32) -> UInt32 {
        Murmur3.fmix32(Murmur3.mixBlock(Murmur3.mixBlock(0x51, a), b))
    }
    @inline(__always) static func named(_ name: String) -> UInt32 { Murmur3.hash(name, seed: 0) }
    /// A feature's value as stored: negated when its hash's top bit is set (signed hashing, so that collisions
    /// cancel out in expectation).
    @inline(__always) static func signed(_ featureHash: UInt32, _ v: Float) -> Float { featureHash >> 31 == 1 ? -v : v }
    /// A feature's per-target copy: fmix32(mix(feature, target name hash)).
    @inline(__always) static func perTarget(_ feature: UInt32, _ target: UInt32) -> UInt32 {
        Murmur3.fmix32(Murmur3.mixBlock(feature, target))
    }
    /// The word hash every masked name reads as (`FeatureSpec.maskNames`): the ASCII of "NAME". Frozen.
    static let maskedName: UInt32 = 0x4E41_4D45
    /// The word hash every word of the target reads as (`FeatureSpec.maskTarget`): the ASCII of "TRGT". Frozen.
    static let maskedTarget: UInt32 = 0x5452_4754
    /// The constant mixed into a negated word's hash.
    static let negationSalt: UInt32 = 0x4E45_4721
    /// A context word after the target mention ("<T> fears them") hashes apart from the same word before it
    /// ("they fear <T>"): its token hash is mixed with this salt (`FeatureSpec.contextSides`). Frozen: models
    /// store weights by these hashes.
    static let afterTargetSalt: UInt32 = 0x4146_5452
    @inline(__always) static func afterTarget(_ word: UInt32) -> UInt32 { Murmur3.fmix32(word ^ afterTargetSalt) }
}
