import Benchmark
import Foundation
import Slant

/// The repository root (this file is Benchmarks/Benchmarks/SlantBenchmarks/SlantBenchmarks.swift).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// About 1 MB of news-like text: the example article repeated, with a counter so that n-grams vary.
let article = try! String(contentsOf: root.appendingPathComponent("datasets/examples/article.txt"), encoding: .utf8)
let megabyte: String = {
    var s = ""
    var i = 0
    while s.utf8.count < 1_000_000 { s += article.replacingOccurrences(of: "budget", with: "budget\(i % 97)") + "\n"; i += 1 }
    return s
}()

/// 10,000 labeled synthetic records for the training epoch.
let trainingRecords: [Record] = (0..<10_000).map { i in
    let words = article.split(separator: " ")
    let start = (i * 7) % max(1, words.count - 60)
    let text = words[start..<(start + 60)].joined(separator: " ") + " w\(i % 1000)"
    return Record(id: "\(i)", text: text, title: "Headline \(i % 50)", labels: ["t": .single(["a", "b", "c"][i % 3])])
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(3), maxIterations: 1000)

    Benchmark("tokenize + hash 1 MB of UTF-8") { benchmark in
        var buf = TokenBuffer()
        let tok = Tokenizer()
        for _ in benchmark.scaledIterations {
            tok.tokenize(megabyte, into: &buf)   // the tokenizer hashes each token as it ends
            blackHole(buf.hashes.count)
        }
    }

    let spec = FeatureSpec()
    let featurizer = Featurizer(spec: spec, idf: [Float](repeating: 1, count: spec.buckets))
    let record = Record(id: "a", text: article, title: "City council approves new budget", target: "Ellen Park")
    Benchmark("featurize one article (all namespaces)") { benchmark in
        var scratch = FeatureScratch()
        for _ in benchmark.scaledIterations { blackHole(featurizer.featurize(record, scratch: &scratch).count) }
    }

    let modelPath = root.appendingPathComponent("models/default.slant").path
    Benchmark("load the default model") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! ModelFile.read(modelPath).tasks.count) }
    }

    let model = try! ModelFile.read(modelPath)
    Benchmark("score one article, every task of the default model") { benchmark in
        var scratch: [FeatureScratch] = []
        let tasks = Array(model.tasks.indices)
        for _ in benchmark.scaledIterations { blackHole(model.predict(record, tasks: tasks, scratch: &scratch).count) }
    }

    var options = TrainingOptions()
    options.features.bits = 18
    let trainFeaturizer = Featurizer(spec: options.features, idf: Featurizer.fitIDF(spec: options.features, records: trainingRecords))
    let x = Trainer.featurize(trainingRecords, featurizer: trainFeaturizer, threads: 1)
    var data = HeadData(x: x, kind: .single, labels: 3)
    data.y = trainingRecords.indices.map { Int32($0 % 3) }
    let objective = Objective(data: data, bits: 18, l2: 1, threads: 1)
    Benchmark("one training pass over 10k records (loss + gradient)", configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 30)) { benchmark in
        let params = [Float](repeating: 0.01, count: objective.dimension)
        var grad = params
        for _ in benchmark.scaledIterations { blackHole(objective.evaluate(params, gradient: &grad)) }
    }

    // BLAS against plain loops, for the shapes Slant uses: a whole head (2^18 × 4 weights) in L-BFGS, and one
    // weight row (4 labels) per non-zero feature in scoring.
    for n in [4, 1 << 20] {
        let a = [Float](repeating: 0.5, count: n)
        var b = [Float](repeating: 0.25, count: n)
        let reps = n == 4 ? 1_000_000 : 10
        Benchmark("saxpy n=\(n) ×\(reps): BLAS") { benchmark in
            for _ in benchmark.scaledIterations { for _ in 0..<reps { BLAS.axpy(1e-6, a, &b) }; blackHole(b[0]) }
        }
        Benchmark("saxpy n=\(n) ×\(reps): Swift loop") { benchmark in
            for _ in benchmark.scaledIterations {
                for _ in 0..<reps {
                    a.withUnsafeBufferPointer { x in b.withUnsafeMutableBufferPointer { y in for i in 0..<n { y[i] += 1e-6 * x[i] } } }
                }
                blackHole(b[0])
            }
        }
        Benchmark("sdot n=\(n) ×\(reps): BLAS") { benchmark in
            for _ in benchmark.scaledIterations { var s: Float = 0; for _ in 0..<reps { s += BLAS.dot(a, b) }; blackHole(s) }
        }
        Benchmark("sdot n=\(n) ×\(reps): Swift loop") { benchmark in
            for _ in benchmark.scaledIterations {
                var s: Float = 0
                for _ in 0..<reps { a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in for i in 0..<n { s += x[i] * y[i] } } } }
                blackHole(s)
            }
        }
    }
}
