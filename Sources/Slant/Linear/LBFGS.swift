/// Limited-memory BFGS (Liu & Nocedal 1989, "On the limited memory BFGS method for large scale optimization",
/// Math. Programming 45) with a backtracking Armijo line search.
///
/// Each iteration computes the search direction `d = -H g` with the two-loop recursion over the last `m`
/// pairs `s = x_{k+1} - x_k`, `y = g_{k+1} - g_k`, scaled by `γ = s·y / y·y`; every vector operation is a BLAS
/// call (dot, axpy, scal over the full parameter vector). This is the solver scikit-learn's LogisticRegression
/// uses by default, so on the same features Slant reaches the same optimum.
public struct LBFGS {
    public var memory = 10
    public var maxIterations = 100
    /// Stop when the relative decrease of the objective over one iteration is below this.
    public var tolerance: Double = 1e-6

    public init(memory: Int = 10, maxIterations: Int = 100, tolerance: Double = 1e-6) {
        self.memory = memory; self.maxIterations = maxIterations; self.tolerance = tolerance
    }

    /// Minimises `f` from `x`. `callback(iteration, loss, x)` runs after each iteration and returns false to stop.
    /// - Returns: the final loss.
    @discardableResult
    public func minimize(_ x: inout [Float], _ f: (_ x: [Float], _ g: inout [Float]) -> Double,
                         callback: (Int, Double, [Float]) -> Bool) -> Double {
        let n = x.count
        var g = [Float](repeating: 0, count: n)
        var fx = f(x, &g)
        var s: [[Float]] = [], y: [[Float]] = [], rho: [Float] = []
        var d = [Float](repeating: 0, count: n)
        var xNew = x, gNew = g
        var alpha = [Float](repeating: 0, count: memory)
        for iter in 1...max(1, maxIterations) {
            // d = -H g (two-loop recursion).
            d = g
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * BLAS.dot(s[i], d)
                BLAS.axpy(-alpha[i], y[i], &d)
            }
            if let ls = s.last, let ly = y.last {
                BLAS.scal(BLAS.dot(ls, ly) / BLAS.dot(ly, ly), &d)
            }
            for i in 0..<s.count {
                let beta = rho[i] * BLAS.dot(y[i], d)
                BLAS.axpy(alpha[i] - beta, s[i], &d)
            }
            BLAS.scal(-1, &d)
            var gd = BLAS.dot(g, d)
            if !(gd < 0) {  // not a descent direction: restart from steepest descent
                d = g; BLAS.scal(-1, &d); gd = BLAS.dot(g, d)
                s.removeAll(); y.removeAll(); rho.removeAll()
            }
            var step: Float = 1
            if s.isEmpty {
                let gn = g.withUnsafeBufferPointer { BLAS.nrm2($0.baseAddress!, count: n) }
                step = gn > 0 ? min(1, 1 / gn) : 1
            }
            var fNew = fx
            var accepted = false
            for _ in 0..<30 {
                xNew = x
                BLAS.axpy(step, d, &xNew)
                fNew = f(xNew, &gNew)
                if fNew.isFinite && fNew <= fx + 1e-4 * Double(step) * Double(gd) { accepted = true; break }
                step *= 0.5
            }
            if !accepted { break }
            // s = xNew - x, y = gNew - g
            var sk = xNew; BLAS.axpy(-1, x, &sk)
            var yk = gNew; BLAS.axpy(-1, g, &yk)
            let sy = BLAS.dot(sk, yk)
            if sy > 1e-10 {
                if s.count == memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sk); y.append(yk); rho.append(1 / sy)
            }
            let decrease = (fx - fNew) / max(abs(fx), 1)
            swap(&x, &xNew); swap(&g, &gNew)
            fx = fNew
            if !callback(iter, fx, x) { break }
            if decrease < tolerance { break }
        }
        return fx
    }
}
