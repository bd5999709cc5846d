import Foundation

/// Truncated SVD of a large sparse matrix by random projection: the latent topic space (LSI) of the TF-IDF
/// matrix that `FeatureSpec.topics` asks for.
///
/// Halko, Martinsson & Tropp (2011), "Finding structure with randomness", algorithms 4.4 and 5.1: for an
/// `n × d` matrix X and a target rank k, with `l = k + oversample` columns,
///
///     Y = X Ω              Ω: d × l Gaussian (seeded, so the result is deterministic)
///     repeat q times:      Q = orth(Y);  Z = orth(Xᵀ Q);  Y = X Z      (power iterations sharpen the spectrum)
///     Q = orth(Y)          n × l, orthonormal columns spanning X's dominant column space
///     Z = Xᵀ Q             d × l, that is Bᵀ for B = Qᵀ X
///     B Bᵀ = Zᵀ Z = W Λ Wᵀ  (an l × l symmetric eigenproblem, solved by cyclic Jacobi rotations)
///     V = Z W Λ^(-1/2)     the right singular vectors, σ = √λ
///
/// X stays sparse: its products with dense blocks (`X Ω`, `Xᵀ Q`) loop over the non-zeros (a BLAS call per
/// non-zero would cost more than it saves); the dense products (`Yᵀ Y`, `Zᵀ Z`, `Z W`) and the triangular solves
/// of the orthonormalisation are `sgemm` and `strsm`. `orth` is Cholesky QR done twice (CholeskyQR2, Fukaya et
/// al. 2014), with a tiny ridge so that a rank-deficient block cannot break the factorisation.
public enum RandomizedSVD {
    /// A sparse matrix as CSR rows: row i holds `columns[rowStart[i]..<rowStart[i+1]]` and the same `values`.
    public struct Rows {
        public var rowStart: [Int] = [0]
        public var columns: [Int32] = []
        public var values: [Float] = []
        public let width: Int
        public init(width: Int) { self.width = width }
        public var count: Int { rowStart.count - 1 }
        /// Appends a row (columns in any order; repeats add up).
        public mutating func append(columns c: [Int32], values v: [Float]) {
            precondition(c.count == v.count && c.allSatisfy { $0 >= 0 && Int($0) < width })
            columns.append(contentsOf: c); values.append(contentsOf: v); rowStart.append(columns.count)
        }
    }

    /// The top `k` right singular vectors (`d × k`, row-major: row j is column j's coordinates in the topic
    /// space) and singular values (descending) of `x`. Fewer than `k` when X has fewer rows.
    /// - Complexity: O((q + 1) · nnz · l + (n + d) · l²) for `l = k + oversample`.
    public static func fit(_ x: Rows, rank k: Int, oversample: Int = 10, powerIterations q: Int = 2, seed: UInt64 = 1)
        -> (v: [Float], sigma: [Float], rank: Int) {
        let n = x.count, d = x.width
        let l = min(k + oversample, n, d)
        let r = min(k, l)
        guard n > 0, l > 0 else { return ([], [], 0) }
        var rng = SplitMix64(seed: seed ^ 0x70_91C5)
        var omega = [Float](repeating: 0, count: d * l)
        for i in omega.indices { omega[i] = gaussian(&rng) }
        var y = times(x, omega, l)                   // n × l
        for _ in 0..<q {
            orthonormalize(&y, rows: n, cols: l)
            var z = transposeTimes(x, y, l)          // d × l
            orthonormalize(&z, rows: d, cols: l)
            y = times(x, z, l)
        }
        orthonormalize(&y, rows: n, cols: l)
        let z = transposeTimes(x, y, l)              // d × l = Bᵀ
        var m = [Float](repeating: 0, count: l * l)  // B Bᵀ = Zᵀ Z
        z.withUnsafeBufferPointer { zp in m.withUnsafeMutableBufferPointer { mp in
            BLAS.gemm(transA: true, m: l, n: l, k: d, zp.baseAddress!, zp.baseAddress!, mp.baseAddress!)
        } }
        let (lambda, w) = symmetricEigen(m.map(Double.init), l)
        // The top r eigenpairs, largest first (ties: lower index first).
        let order = (0..<l).sorted { lambda[$0] > lambda[$1] || (lambda[$0] == lambda[$1] && $0 < $1) }.prefix(r)
        var wTop = [Float](repeating: 0, count: l * r)
        var sigma = [Float](repeating: 0, count: r)
        for (c, e) in order.enumerated() {
            let s = max(lambda[e], 0).squareRoot()
            sigma[c] = Float(s)
            let inv = s > 1e-12 ? 1 / s : 0
            for i in 0..<l { wTop[i * r + c] = Float(w[i * l + e] * inv) }
        }
        var v = [Float](repeating: 0, count: d * r)
        z.withUnsafeBufferPointer { zp in wTop.withUnsafeBufferPointer { wp in v.withUnsafeMutableBufferPointer { vp in
            BLAS.gemm(m: d, n: r, k: l, zp.baseAddress!, wp.baseAddress!, vp.baseAddress!)
        } } }
        // A singular vector's sign is arbitrary: make each column's largest entry positive, so that the same data
        // always gives the same signs.
        for c in 0..<r {
            var best = 0
            for j in 0..<d where abs(v[j * r + c]) > abs(v[best * r + c]) { best = j }
            if v[best * r + c] < 0 { for j in 0..<d { v[j * r + c] = -v[j * r + c] } }
        }
        return (v, sigma, r)
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(_ rng: inout SplitMix64) -> Float {
        let u1 = max(Double(rng.next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(rng.next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// `X · D` for a dense row-major `width × l` matrix D.
    static func times(_ x: Rows, _ dense: [Float], _ l: Int) -> [Float] { product(x, dense, l, transpose: false) }

    /// `Xᵀ · D` for a dense row-major `rows × l` matrix D.
    static func transposeTimes(_ x: Rows, _ dense: [Float], _ l: Int) -> [Float] { product(x, dense, l, transpose: true) }

    /// The sparse–dense product over X's non-zeros: `out[i] += x_ij · D[j]` (or `out[j] += x_ij · D[i]`).
    static func product(_ x: Rows, _ dense: [Float], _ l: Int, transpose: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: (transpose ? x.width : x.count) * l)
        dense.withUnsafeBufferPointer { dp in out.withUnsafeMutableBufferPointer { op in
            for i in 0..<x.count {
                for p in x.rowStart[i]..<x.rowStart[i + 1] {
                    let j = Int(x.columns[p])
                    let src = dp.baseAddress! + (transpose ? i : j) * l
                    let row = op.baseAddress! + (transpose ? j : i) * l
                    let a = x.values[p]
                    for c in 0..<l { row[c] += a * src[c] }
                }
            }
        } }
        return out
    }

    /// Orthonormalises the columns of a row-major `rows × cols` matrix in place (CholeskyQR2).
    static func orthonormalize(_ a: inout [Float], rows: Int, cols: Int) {
        for _ in 0..<2 {
            var g = [Float](repeating: 0, count: cols * cols)
            a.withUnsafeBufferPointer { ap in g.withUnsafeMutableBufferPointer { gp in
                BLAS.gemm(transA: true, m: cols, n: cols, k: rows, ap.baseAddress!, ap.baseAddress!, gp.baseAddress!)
            } }
            let rFactor = cholesky(g.map(Double.init), cols)
            a.withUnsafeMutableBufferPointer { ap in rFactor.withUnsafeBufferPointer { rp in
                BLAS.solveRightUpper(m: rows, n: cols, rp.baseAddress!, ap.baseAddress!)
            } }
        }
    }

    /// The upper-triangular R with `RᵀR = G + εI` (ε: 1e-7 of G's mean diagonal, at least 1e-20).
    static func cholesky(_ g: [Double], _ n: Int) -> [Float] {
        var trace = 0.0
        for i in 0..<n { trace += g[i * n + i] }
        let ridge = max(1e-7 * trace / Double(max(n, 1)), 1e-20)
        var r = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            var s = g[i * n + i] + ridge
            for k in 0..<i { s -= r[k * n + i] * r[k * n + i] }
            let pivot = max(s, ridge).squareRoot()
            r[i * n + i] = pivot
            for j in (i + 1)..<max(i + 1, n) {
                var t = g[i * n + j]
                for k in 0..<i { t -= r[k * n + i] * r[k * n + j] }
                r[i * n + j] = t / pivot
            }
        }
        return r.map(Float.init)
    }

    /// Eigenvalues and eigenvectors (columns of the row-major `n × n` result) of a symmetric matrix, by cyclic
    /// Jacobi rotations in double precision until the off-diagonal mass is negligible.
    /// - Complexity: O(n³) per sweep, a handful of sweeps.
    static func symmetricEigen(_ m: [Double], _ n: Int) -> (values: [Double], vectors: [Double]) {
        var a = m
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var total = 0.0
        for x in a { total += x * x }
        for _ in 0..<60 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i * n + j] * a[i * n + j] } }
            if off <= 1e-22 * max(total, 1e-300) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if abs(apq) < 1e-300 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
