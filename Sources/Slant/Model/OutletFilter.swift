/// Drops the features that identify an outlet rather than a leaning.
///
/// AllSides labels every article with its outlet's rating, so a model can score well on held-out articles of
/// the outlets it saw by recognising each outlet: its bylines, caption boilerplate ("Enlarge this image toggle
/// caption"), datelines, newsletter tails, its own name. None of that carries to an outlet it never saw. This
/// filter counts, over the training rows only, in how many documents each hash bucket occurs and how many of
/// those come from the bucket's most frequent outlet (`Record.source`); a bucket whose share from one outlet is
/// at least `concentration` is dropped (its scale is 0 while fitting, so its weights stay 0). Words used across
/// outlets of the same leaning are kept: that is the signal that generalises.
///
/// A second criterion, `minOutlets`, asks the opposite of the same counts: a bucket seen in fewer than that many
/// of the training outlets is dropped however evenly its documents spread over them. A word that a dozen of 157
/// outlets use (a region, a beat, a columnist's pet phrase) may pass the share test yet still describe the
/// outlets it came from; words that most outlets use carry to outlets the model never saw. Like scikit-learn's
/// `min_df`, a value below 1 is a share of the training outlets (so that the criterion means the same in a
/// cross-validation fold, which holds four fifths of the outlets, and in the final fit) and a value of 1 or
/// more a count.
///
/// Like `NBScaling`, the filter is a per-bucket scale, folded into the weights after fitting: the model format
/// and scoring do not change. It is chosen per task by outlet-grouped repeated cross-validation
/// (`--group-by source`), where each fold computes it from its own training outlets.
public enum OutletFilter {
    /// The scale per head bucket (`2^bits` entries): 0 for outlet-specific buckets, 1 otherwise, and how many
    /// buckets in use were dropped.
    /// - Parameters:
    ///   - sources: the outlet of each row of `data` (rows without one count as one outlet of their own each).
    ///   - concentration: in (0, 1]; 1 drops only the buckets seen in a single outlet; nil: no share test.
    ///   - minOutlets: in (0, 1) a share of the outlets, at least 1 a count; nil: no such test.
    /// - Complexity: O(non-zeros + buckets × outlets-in-use), with one counter array reused per outlet.
    public static func scales(_ data: HeadData, sources: [String?], bits: Int, concentration: Float?, minOutlets: Double? = nil) -> (scales: [Float], dropped: Int, used: Int) {
        precondition(sources.count == data.rows)
        let buckets = 1 << bits, mask = buckets - 1
        var rowsBySource: [String: [Int]] = [:]
        var unsourced: [Int] = []
        for r in 0..<data.rows { if let s = sources[r] { rowsBySource[s, default: []].append(r) } else { unsourced.append(r) } }
        var df = [Int32](repeating: 0, count: buckets)
        var maxShare = [Int32](repeating: 0, count: buckets)
        var local = [Int32](repeating: 0, count: buckets)
        // The last row that counted each bucket: a bucket counts once per document even when several features
        // fold into it.
        var lastRow = [Int32](repeating: -1, count: buckets)
        var touched: [Int] = []
        // The number of outlets each bucket occurs in.
        var outlets = [Int32](repeating: 0, count: buckets)
        func count(_ rows: [Int]) {
            for r in rows {
                let s = data.x.rowStart[r], e = data.x.rowStart[r + 1]
                for j in s..<e where data.x.values[j] != 0 {
                    let b = Int(data.x.indices[j]) & mask
                    if lastRow[b] == Int32(r) { continue }
                    lastRow[b] = Int32(r)
                    if local[b] == 0 { touched.append(b) }
                    local[b] += 1
                    df[b] += 1
                }
            }
            for b in touched { maxShare[b] = max(maxShare[b], local[b]); local[b] = 0; outlets[b] += 1 }
            touched.removeAll(keepingCapacity: true)
        }
        // Sorted by outlet name, so that the result does not depend on dictionary order.
        for (_, rows) in rowsBySource.sorted(by: { $0.key < $1.key }) { count(rows) }
        for r in unsourced { count([r]) }
        let needed = minOutlets.map { Int32(OutletFilter.outletsNeeded($0, of: rowsBySource.count + unsourced.count)) } ?? 0
        var out = [Float](repeating: 1, count: buckets)
        var dropped = 0, used = 0
        for b in 0..<buckets where df[b] > 0 {
            used += 1
            let concentrated = concentration.map { Float(maxShare[b]) >= $0 * Float(df[b]) } ?? false
            if concentrated || outlets[b] < needed { out[b] = 0; dropped += 1 }
        }
        return (out, dropped, used)
    }

    /// The outlets a bucket must occur in under `minOutlets` when the training rows come from `outlets`
    /// outlets: below 1 a share of them (rounded up), else the count itself.
    public static func outletsNeeded(_ minOutlets: Double, of outlets: Int) -> Int {
        minOutlets < 1 ? Int((minOutlets * Double(outlets)).rounded(.up)) : Int(minOutlets)
    }
}
