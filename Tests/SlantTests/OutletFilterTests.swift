import XCTest
@testable import Slant

/// The outlet filter (issue 9): buckets whose documents come mostly from one outlet are dropped; words shared
/// across outlets are kept; a trained head has no weight on a dropped bucket.
final class OutletFilterTests: XCTestCase {
    /// Six documents over buckets 1–4 (4 + 16 folds into 4 at 4 bits) from outlets A, B, C and one without.
    static func sample() -> (HeadData, [String?]) {
        let rows: [(String?, [Int32])] = [
            ("A", [1, 2, 3, 4, 4 + 16]), ("A", [1, 2]), ("A", [1, 2, 3]), ("B", [2, 3, 4]), ("C", [3]), (nil, [3]),
        ]
        var x = CSRMatrix()
        for (_, idx) in rows { x.append(SparseVector(indices: idx, values: idx.map { _ in 1 })) }
        var d = HeadData(x: x, kind: .single, labels: 2)
        d.y = [0, 0, 0, 1, 1, 1]
        return (d, rows.map { $0.0 })
    }

    func testDropsOutletFingerprintsAndKeepsSharedWords() {
        // Bucket 1: only outlet A (a byline). Bucket 2: A 3 times, B once (share 0.75). Bucket 3: A, B, C evenly.
        // Bucket 4 occurs twice in one document through two folded features: it counts once for that document.
        let (d, sources) = Self.sample()
        let strict = OutletFilter.scales(d, sources: sources, bits: 4, concentration: 1)
        XCTAssertEqual(Array(strict.scales[1...4]), [0, 1, 1, 1])
        XCTAssertEqual(strict.used, 4)
        XCTAssertEqual(strict.dropped, 1)
        let loose = OutletFilter.scales(d, sources: sources, bits: 4, concentration: 0.7)
        XCTAssertEqual(Array(loose.scales[1...4]), [0, 0, 1, 1], "bucket 4: A's one document and B's one, share 0.5")
        let half = OutletFilter.scales(d, sources: sources, bits: 4, concentration: 0.5)
        XCTAssertEqual(Array(half.scales[1...4]), [0, 0, 1, 0])
        // Records without an outlet count as outlets of their own.
        XCTAssertEqual(OutletFilter.scales(d, sources: sources, bits: 4, concentration: 0.45).scales[3], 1)
        XCTAssertEqual(OutletFilter.scales(d, sources: sources, bits: 4, concentration: 0.4).scales[3], 0, "A has 2 of its 5 documents")
    }

    /// `minOutlets`: a bucket seen in fewer of the training outlets is dropped, as a count or (below 1) as a
    /// share of the outlets rounded up; with the share test too, a bucket is dropped when either says so.
    func testMinOutletsDropsFeaturesOfFewOutlets() throws {
        // Outlets per bucket: 1 → A; 2 → A, B; 3 → A, B, C and an unsourced record (its own outlet); 4 → A, B.
        // Four outlets in all.
        let (d, sources) = Self.sample()
        func kept(_ c: Float?, _ m: Double?) -> [Float] { Array(OutletFilter.scales(d, sources: sources, bits: 4, concentration: c, minOutlets: m).scales[1...4]) }
        XCTAssertEqual(kept(nil, 1), [1, 1, 1, 1])
        XCTAssertEqual(kept(nil, 2), [0, 1, 1, 1])
        XCTAssertEqual(kept(nil, 3), [0, 0, 1, 0])
        XCTAssertEqual(kept(nil, 5), [0, 0, 0, 0])
        XCTAssertEqual(kept(nil, 0.5), [0, 1, 1, 1], "half of 4 outlets: 2")
        XCTAssertEqual(kept(nil, 0.6), [0, 0, 1, 0], "0.6 × 4 = 2.4, rounded up: 3")
        XCTAssertEqual(kept(0.7, nil), [0, 0, 1, 1])
        XCTAssertEqual(kept(0.7, 3), [0, 0, 1, 0], "either test drops")
        XCTAssertEqual(OutletFilter.scales(d, sources: sources, bits: 4, concentration: nil, minOutlets: 3).dropped, 3)
        XCTAssertEqual(OutletFilter.outletsNeeded(0.25, of: 157), 40)
        XCTAssertEqual(OutletFilter.outletsNeeded(0.25, of: 125), 32)
        XCTAssertEqual(OutletFilter.outletsNeeded(40, of: 157), 40)
        // Validation quotes the value and says what is allowed.
        for bad in [0, -1, 1.5, Double.nan, Double.infinity] {
            var o = TrainingOptions()
            o.taskMinOutlets["leaning"] = bad
            XCTAssertThrowsError(try o.validate(), "\(bad)") { e in
                XCTAssertTrue("\(e)".contains("--min-outlets (leaning)") && "\(e)".contains("got \(bad)"), "\(e)")
            }
        }
        var ok = TrainingOptions()
        ok.minOutletsAll = 0.25; ok.taskMinOutlets["leaning"] = 40
        XCTAssertNoThrow(try ok.validate())
        XCTAssertNotNil(StreamTrainer.unsupported(ok))
    }

    func testTrainedHeadHasNoWeightOnDroppedFeatures() throws {
        // The word "byline_left" identifies outlet L (left); "tax" is used by every outlet with its leaning.
        var records: [Record] = []
        for i in 0..<60 {
            let outlet = ["L1", "L2", "R1", "R2"][i % 4]
            let left = outlet.hasPrefix("L")
            var text = left ? "tax the rich now" : "cut the tax now"
            if outlet == "L1" { text += " byline_left" }
            records.append(Record(id: "\(i)", text: text, source: outlet, labels: ["leaning": .single(left ? "left" : "right")]))
        }
        var o = TrainingOptions()
        o.features.namespaces = [.text]; o.features.bits = 12; o.features.wordNgrams = 1
        o.taskOutletFilter["leaning"] = 0.9
        o.taskMinOutlets["leaning"] = 2
        let model = try Trainer(options: o).train(records)
        let f = model.featurizers[0]
        var scratch = FeatureScratch()
        let byline = f.featurize(Record(id: "b", text: "byline_left"), scratch: &scratch)
        let head = model.heads[0]
        for b in byline.indices { for k in 0..<head.labels { XCTAssertEqual(head.weights[(Int(b) & head.mask) * head.labels + k], 0) } }
        let rich = f.featurize(Record(id: "r", text: "rich"), scratch: &scratch)
        XCTAssertTrue(rich.indices.contains { b in (0..<head.labels).contains { head.weights[(Int(b) & head.mask) * head.labels + $0] != 0 } },
                      "a word of two outlets of one leaning keeps its weight")
        XCTAssertEqual(model.header.training.options["outlet_filter.leaning"], "0.9")
        XCTAssertEqual(model.header.training.options["min_outlets.leaning"], "2.0")
    }
}
