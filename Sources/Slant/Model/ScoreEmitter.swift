import CBLAS
import Foundation

/// A head that reads a feature set, as the scoring fast path sees it: its weight rows and where its logits go.
struct HeadView {
    let weights: UnsafePointer<Float>
    let labels: Int
    let mask: Int
    /// Offset of this head's logits in the shared logit buffer.
    let offset: Int
    init(weights: UnsafePointer<Float>, labels: Int, mask: Int, offset: Int) {
        self.weights = weights; self.labels = labels; self.mask = mask; self.offset = offset
    }
}

/// Adds each feature straight into the logits of the heads that read it. A linear score is additive, so
/// duplicate buckets need no merging and no sparse vector is built: scoring skips the sort entirely.
///
/// The features are buffered and applied in two passes: the first only loads each weight row (independent
/// loads, so many cache misses are in flight at once), the second does the arithmetic on rows now in cache.
struct ScoreEmitter: FeatureEmitter {
    let heads: UnsafeBufferPointer<HeadView>
    let logits: UnsafeMutablePointer<Float>
    var pending: [UInt64]
    /// A pending feature: its bucket in the high half, its value's bits in the low half.
    @inline(__always) static func pack(_ bucket: UInt32, _ value: Float) -> UInt64 { UInt64(bucket) << 32 | UInt64(value.bitPattern) }

    @inline(__always) mutating func emit(_ bucket: UInt32, _ value: Float) {
        pending.append(ScoreEmitter.pack(bucket, value))
    }

    /// Asks for each head's weight row of `bucket` now, well before `flush` reads it.
    @inline(__always) static func prefetchRows(_ heads: UnsafeBufferPointer<HeadView>, _ bucket: UInt32) {
        for head in heads {
            let row = head.weights + (Int(bucket) & head.mask) &* head.labels
            slant_prefetch(row)
            if head.labels > 4 { slant_prefetch(row + head.labels - 1) }
        }
    }

    /// One pass through a pointer: room for the block is made once (appending one by one checked the buffer's
    /// uniqueness and capacity per feature).
    @inline(__always)
    mutating func emit(entries: UnsafeBufferPointer<TermEntry>, seed: UInt32, weight: Float, mask: UInt32, perTarget: UInt32?) {
        let base = pending.count, n = entries.count, heads = self.heads
        guard n > 0 else { return }
        pending.appendZeros(perTarget == nil ? n : 2 * n)
        pending.withUnsafeMutableBufferPointer { p in
            var j = base
            for k in 0..<n {
                let h = Murmur3.feature(entries[k].term, namespace: seed)
                let v = entries[k].value * weight
                ScoreEmitter.prefetchRows(heads, h & mask)
                p[j] = ScoreEmitter.pack(h & mask, FeatureHash.signed(h, v)); j += 1
                if let t = perTarget {
                    let c = FeatureHash.perTarget(h, t)
                    ScoreEmitter.prefetchRows(heads, c & mask)
                    p[j] = ScoreEmitter.pack(c & mask, FeatureHash.signed(c, v)); j += 1
                }
            }
        }
    }

    mutating func flush() {
        pending.withUnsafeBufferPointer { f in
            for h in heads {
                var touch: Float = 0
                if h.labels <= 4 {
                    for p in f { touch += h.weights[(Int(p >> 32) & h.mask) &* h.labels] }
                } else {
                    // A longer row (`frames`' 14 weights, 56 bytes) most often spans two cache lines: both are read.
                    let last = h.labels - 1
                    for p in f { let row = (Int(p >> 32) & h.mask) &* h.labels; touch += h.weights[row] + h.weights[row + last] }
                }
                let out = logits + h.offset
                if h.labels == 3 {
                    // Three labels (most heads): the sums stay in registers instead of being loaded and stored
                    // through `out` per feature; each is still summed in feature order, so the bits are the same.
                    var z0 = out[0], z1 = out[1], z2 = out[2]
                    for p in f {
                        let row = h.weights + (Int(p >> 32) & h.mask) &* 3
                        let value = Float(bitPattern: UInt32(truncatingIfNeeded: p))
                        z0 += value * row[0]; z1 += value * row[1]; z2 += value * row[2]
                    }
                    out[0] = z0; out[1] = z1; out[2] = z2
                } else if h.labels >= 4 && h.labels <= 16 {
                    ScoreEmitter.addRows(f, h, out)
                } else {
                    for p in f {
                        let row = h.weights + (Int(p >> 32) & h.mask) &* h.labels
                        let value = Float(bitPattern: UInt32(truncatingIfNeeded: p))
                        for k in 0..<h.labels { out[k] += value * row[k] }
                    }
                }
                prefetched(touch)
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Adds each pending feature's weight row, times its value, to the `h.labels` logits at `out`, for 4 to 16
    /// labels (`frames` has 14), with the sums in one vector register (8 or 16 lanes) instead of loaded and
    /// stored through `out` per label and feature. Lane k does what the scalar loop does for logit k (a product,
    /// then a sum, each rounded, in feature order), so the bits are the same. A row is read as a whole vector:
    /// past its end that reads the next row's first weights (into lanes that are dropped), which exist for
    /// every row but the table's last when the vector is at most twice the row; the last row is added label by
    /// label.
    @inline(__always)
    static func addRows(_ f: UnsafeBufferPointer<UInt64>, _ h: HeadView, _ out: UnsafeMutablePointer<Float>) {
        if h.labels <= 8 { addRows(f, h, out, as: SIMD8<Float>.self) } else { addRows(f, h, out, as: SIMD16<Float>.self) }
    }

    @inline(__always)
    static func addRows<V: SIMD>(_ f: UnsafeBufferPointer<UInt64>, _ h: HeadView, _ out: UnsafeMutablePointer<Float>, as: V.Type)
    where V.Scalar == Float {
        let L = h.labels
        precondition(L <= V.scalarCount && 2 * L >= V.scalarCount)
        var z = V()
        for k in 0..<L { z[k] = out[k] }
        for p in f {
            let bucket = Int(p >> 32) & h.mask
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: p))
            let row = h.weights + bucket &* L
            if bucket < h.mask {
                z += V(repeating: value) * UnsafeRawPointer(row).loadUnaligned(as: V.self)
            } else {
                var r = V()
                for k in 0..<L { r[k] = row[k] }
                z += V(repeating: value) * r
            }
        }
        for k in 0..<L { out[k] = z[k] }
    }
}

extension Featurizer {
    /// Featurizes one record straight into the logits of `heads` (which must read this feature set): the
    /// scoring fast path, with no sparse vector, sort or merge. `logits` is added to, not overwritten.
    /// - Complexity: O(tokens × n-gram order + non-zeros × labels).
    /// - Parameter part: all the features, or one of the two parts of a text scored against several targets
    ///   (`ExtractPart`): logits that hold the `.textPrefix` part's sum, added to by the `.rest` part, are
    ///   bit-identical to an `.all` call's, since each logit is summed in the same order.
    func score(_ r: Record, scratch s: inout FeatureScratch, heads: UnsafeBufferPointer<HeadView>,
               logits: UnsafeMutablePointer<Float>, part: ExtractPart = .all) {
        // (Rebinding `r` to itself copied the record, retaining each of its strings and arrays, per call: once
        // per scored sentence of the actor analysis.)
        if spec.markEntities {
            scoreMarked(EntityMarks.marked(r), scratch: &s, heads: heads, logits: logits, part: part)
        } else {
            scoreMarked(r, scratch: &s, heads: heads, logits: logits, part: part)
        }
    }

    /// `score` of a record whose entities are marked when the spec says so.
    private func scoreMarked(_ r: Record, scratch s: inout FeatureScratch, heads: UnsafeBufferPointer<HeadView>,
                             logits: UnsafeMutablePointer<Float>, part: ExtractPart) {
        var e = ScoreEmitter(heads: heads, logits: logits, pending: [])
        swap(&e.pending, &s.pending)
        e.pending.removeAll(keepingCapacity: true)
        if part == .textPrefix && leanTextPart && !s.keepTextTerms && !s.textTermsGiven {
            textPart(r, &s, &e)
        } else {
            extract(r, &s, names: nil, &e, part: part)
        }
        e.flush()
        swap(&e.pending, &s.pending)
    }
}
