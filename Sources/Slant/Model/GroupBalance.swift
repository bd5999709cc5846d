import Foundation

/// Group balancing (`--group-balance α`): each training row weighs `n_g^−α`, where `n_g` is the number of the
/// task's training rows from the row's group (its `source`: the outlet), rescaled so that the weights average 1.
///
/// Why: in AllSides' training split ten of 157 outlets hold 72% of the articles, so an unweighted loss mostly
/// learns to tell those ten apart, which helps nothing on outlets the model has not seen. With α = 1 every
/// outlet counts as much as every other; α = 0.5 is halfway (the square root of a group's size); α = 0 is the
/// plain loss. It is the importance weighting of domain adaptation with groups as domains (Shimodaira 2000),
/// kept to one number so that cross-validation can choose it.
///
/// Rows without a group form one group together. Balanced class weights are then computed from the weighted
/// counts, so classes stay balanced after the groups are.
public enum GroupBalance {
    /// Row weights for `groups` (one per row) and exponent `alpha`, averaging 1.
    /// - Complexity: O(rows), with a hash of each group.
    public static func weights(groups: [String?], alpha: Float) -> [Float] {
        guard !groups.isEmpty else { return [] }
        var size: [String?: Int] = [:]
        for g in groups { size[g, default: 0] += 1 }
        let raw = groups.map { Float(pow(Double(size[$0]!), -Double(alpha))) }
        // Summed in row order in Double, so the result depends only on the rows and α.
        let mean = raw.reduce(0.0) { $0 + Double($1) } / Double(raw.count)
        return raw.map { Float(Double($0) / mean) }
    }
}
