import XCTest
@testable import Slant

/// NB-SVM scaling (issue 9): discriminative buckets get larger scales, and folding the scales into a head gives
/// on raw features exactly what the head gave on scaled ones.
final class NBScalingTests: XCTestCase {
    func testScalesFavourDiscriminativeBucketsAndFoldingIsExact() {
        // Bucket 1 appears only in class 0, bucket 2 only in class 1, bucket 3 in both equally.
        var x = CSRMatrix()
        var y: [Int32] = []
        for i in 0..<40 {
            let c = i % 2
            x.append(SparseVector(indices: [Int32(1 + c), 3], values: [1, 1]))
            y.append(Int32(c))
        }
        var d = HeadData(x: x, kind: .single, labels: 2)
        d.y = y
        let s = NBScaling.scales(d, bits: 4)
        XCTAssertGreaterThan(s[1], 1)
        XCTAssertGreaterThan(s[2], 1)
        XCTAssertLessThan(s[3], 0.1, "a bucket both classes share in equal measure tells nothing apart")
        let w: [Float] = (0..<(16 * 2)).map { Float($0 % 7) * 0.1 - 0.3 }
        let head = LinearHead(kind: .single, labels: 2, bits: 4, weights: w, bias: [0.1, -0.1])
        let folded = NBScaling.fold(head, scales: s)
        let raw = SparseVector(indices: [1, 3, 5], values: [0.5, 1, 2])
        let scaled = SparseVector(indices: raw.indices, values: zip(raw.indices, raw.values).map { $1 * s[Int($0)] })
        let a = head.probabilities(scaled), b = folded.probabilities(raw)
        for k in 0..<2 { XCTAssertEqual(a[k], b[k], accuracy: 1e-6) }
    }

    /// Scaling a matrix (NB scales, the outlet filter's zeros) leaves out the entries a zero scale removes, keeps
    /// every row (an emptied one too) and masks indices into the head's buckets.
    func testScalingLeavesOutZeroedEntriesAndKeepsEveryRow() {
        var x = CSRMatrix()
        x.append(SparseVector(indices: [1, 2, 19], values: [1, 2, 3]))   // 19 & 15 = 3
        x.append(SparseVector(indices: [2], values: [4]))                  // emptied by the filter
        x.append(SparseVector(indices: [], values: []))
        x.append(SparseVector(indices: [0, 1], values: [5, 0]))            // an explicit zero goes too
        var scale = [Float](repeating: 1, count: 16)
        scale[2] = 0; scale[3] = 0.5
        let m = x.scaled(by: scale, mask: 15)
        XCTAssertEqual(m.rows, 4)
        XCTAssertEqual(m.row(0), SparseVector(indices: [1, 19], values: [1, 1.5]))
        XCTAssertEqual(m.row(1), SparseVector())
        XCTAssertEqual(m.row(2), SparseVector())
        XCTAssertEqual(m.row(3), SparseVector(indices: [0], values: [5]))
        XCTAssertEqual(m.nonZeros, 3)
    }
}
