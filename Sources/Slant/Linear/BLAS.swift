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
