/// A sparse feature vector: bucket indices in increasing order with their values.
public struct SparseVector: Sendable, Equatable {
    public var indices: [Int32] = []
    public var values: [Float] = []
    public init() {}
    public init(indices: [Int32], values: [Float]) { self.indices = indices; self.values = values }
    public var count: Int { indices.count }

    public mutating func removeAll() {
        indices.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
    }
}

/// Rows of sparse vectors in compressed sparse row form: one contiguous index and value array.
///
/// - Complexity: appending a row is O(nnz of the row); memory is 8 bytes per non-zero.
public struct CSRMatrix: Sendable {
    public private(set) var rowStart: [Int] = [0]
    public private(set) var indices: [Int32] = []
    public private(set) var values: [Float] = []
    public init() {}
    public var rows: Int { rowStart.count - 1 }
    public var nonZeros: Int { indices.count }

    /// The same matrix with every value multiplied by `scale[index & mask]`; entries that become 0 (features
    /// a filter dropped with scale 0) are left out, so that every pass over the matrix skips them.
    ///
    /// Leaving them out changes no result: a zero value adds exactly nothing to a logit, and its gradient term
    /// is zero. It shortens each L-BFGS pass by the filtered features' share of the non-zeros.
    /// - Complexity: O(nnz).
    public func scaled(by scale: [Float], mask: Int) -> CSRMatrix {
        var m = CSRMatrix()
        m.rowStart.reserveCapacity(rowStart.count)
        m.indices.reserveCapacity(indices.count)
        m.values.reserveCapacity(values.count)
        for r in 0..<rows {
            for j in rowStart[r]..<rowStart[r + 1] {
                let v = values[j] * scale[Int(indices[j]) & mask]
                if v != 0 { m.indices.append(indices[j]); m.values.append(v) }
            }
            m.rowStart.append(m.indices.count)
        }
        return m
    }

    public mutating func append(_ v: SparseVector) {
        indices.append(contentsOf: v.indices)
        values.append(contentsOf: v.values)
        rowStart.append(indices.count)
    }

    /// Keeps only the listed rows, in the order given.
    public func subset(_ rows: [Int]) -> CSRMatrix {
        var m = CSRMatrix()
        for r in rows {
            m.indices.append(contentsOf: indices[rowStart[r]..<rowStart[r + 1]])
            m.values.append(contentsOf: values[rowStart[r]..<rowStart[r + 1]])
            m.rowStart.append(m.indices.count)
        }
        return m
    }

    /// Row `r` as a sparse vector.
    public func row(_ r: Int) -> SparseVector {
        SparseVector(indices: Array(indices[rowStart[r]..<rowStart[r + 1]]), values: Array(values[rowStart[r]..<rowStart[r + 1]]))
    }
}
