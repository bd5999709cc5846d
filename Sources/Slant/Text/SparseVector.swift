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

    /// The same matrix with every value multiplied by `scale[index & mask]`.
    public func scaled(by scale: [Float], mask: Int) -> CSRMatrix {
        var m = self
        for j in m.values.indices { m.values[j] *= scale[Int(m.indices[j]) & mask] }
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
