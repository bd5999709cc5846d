/// Drops the features that identify an outlet rather than a leaning (issue 9: leaning across unseen outlets).
///
/// AllSides labels every article with its outlet's rating, so a model can score well on held-out articles of
/// the outlets it saw by recognising each outlet: its bylines, caption boilerplate ("Enlarge this image toggle
/// caption"), datelines, newsletter tails, its own name. None of that carries to an outlet it never saw. This
/// filter counts, over the training rows only, in how many documents each hash bucket occurs and how many of
/// those come from the bucket's most frequent outlet (`Record.source`); a bucket whose share from one outlet is
/// at least `concentration` is dropped (its scale is 0 while fitting, so its weights stay 0). Words used across
/// outlets of the same leaning are kept: that is the signal that generalises.
///
/// Like `NBScaling`, the filter is a per-bucket scale, folded into the weights after fitting: the model format
/// and scoring do not change. It is chosen per task by outlet-grouped repeated cross-validation
/// (`--group-by source`), where each fold computes it from its own training outlets.
public enum OutletFilter {
    /// The scale per head bucket (`2^bits` entries): 0 for outlet-specific buckets, 1 otherwise, and how many
    /// buckets in use were dropped.
    /// - Parameters:
    ///   - sources: the outlet of each row of `data` (rows without one count as one outlet of their own each).
    ///   - concentration: in (0, 1]; 1 drops only the buckets seen in a single outlet.
    /// - Complexity: O(non-zeros + buckets × outlets-in-use), with one counter array reused per outlet.
    public static func scales(_ data: HeadData, sources: [String?], bits: Int, concentration: Float) -> (scales: [Float], dropped: Int, used: Int) {
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
            for b in touched { maxShare[b] = max(maxShare[b], local[b]); local[b] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        // Sorted by outlet name, so that the result does not depend on dictionary order.
        for (_, rows) in rowsBySource.sorted(by: { $0.key < $1.key }) { count(rows) }
        for r in unsourced { count([r]) }
        var out = [Float](repeating: 1, count: buckets)
        var dropped = 0, used = 0
        for b in 0..<buckets where df[b] > 0 {
            used += 1
            if Float(maxShare[b]) >= concentration * Float(df[b]) { out[b] = 0; dropped += 1 }
        }
        return (out, dropped, used)
    }
}
