import CBLAS

/// The one place Slant calls CBLAS. Dense vector operations over weight and gradient arrays go through here:
/// the L-BFGS two-loop recursion and line search (dot, axpy, scal over every weight), the L2 term of the
/// objective, and the reduction of per-thread gradients. Sparse work (a document touches a few hundred of a
/// million weights) stays in plain loops, where a BLAS call per non-zero would cost more than it saves.
public enum BLAS {
    /// `x · y`.
    /// - Complexity: O(n).
    @inline(__always)
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) -> Float {
        cblas_sdot(Int32(n), x, 1, y, 1)
    }

    /// `y += alpha * x`.
    /// - Complexity: O(n).
    @inline(__always)
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }

    /// `x *= alpha`.
    @inline(__always)
    public static func scal(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count n: Int) {
        cblas_sscal(Int32(n), alpha, x, 1)
    }

    /// `y = x`.
    @inline(__always)
    public static func copy(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        cblas_scopy(Int32(n), x, 1, y, 1)
    }

    /// Euclidean norm of `x`.
    @inline(__always)
    public static func nrm2(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        cblas_snrm2(Int32(n), x, 1)
    }

    /// `y = alpha * A x + beta * y` for a row-major `rows × cols` matrix A.
    public static func gemv(rows: Int, cols: Int, alpha: Float, _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                            beta: Float, _ y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), alpha, a, Int32(cols), x, 1, beta, y, 1)
    }

    /// `C = alpha * op(A) op(B) + beta * C` for row-major matrices: op(A) is `m × k`, op(B) is `k × n`, C is
    /// `m × n`; `transA` / `transB` read A (stored `k × m`) or B (stored `n × k`) transposed.
    /// - Complexity: O(m · n · k).
    public static func gemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
                            _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, beta: Float = 0, _ c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(transA ? m : k), b, Int32(transB ? k : n), beta, c, Int32(n))
    }

    /// `B = B · R⁻¹` in place for a row-major `m × n` matrix B and an upper-triangular `n × n` matrix R.
    /// - Complexity: O(m · n²).
    public static func solveRightUpper(m: Int, n: Int, _ r: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>) {
        cblas_strsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(m), Int32(n), 1, r, Int32(n), b, Int32(n))
    }

    // Array conveniences.
    public static func dot(_ x: [Float], _ y: [Float]) -> Float {
        precondition(x.count == y.count)
        return x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in dot(a.baseAddress!, b.baseAddress!, count: x.count) } }
    }

    public static func axpy(_ alpha: Float, _ x: [Float], _ y: inout [Float]) {
        precondition(x.count == y.count)
        x.withUnsafeBufferPointer { a in y.withUnsafeMutableBufferPointer { b in axpy(alpha, a.baseAddress!, b.baseAddress!, count: x.count) } }
    }

    public static func scal(_ alpha: Float, _ x: inout [Float]) {
        let n = x.count
        x.withUnsafeMutableBufferPointer { scal(alpha, $0.baseAddress!, count: n) }
    }
}
