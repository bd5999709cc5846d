import XCTest
@testable import Slant

final class MetricsTests: XCTestCase {
    func testSingleLabelAgainstHandComputedConfusion() {
        // gold:      a a a b b c
        // predicted: a a b b c c
        let labels = ["a", "b", "c"]
        let r = Metrics.singleLabel(task: "t", labels: labels, gold: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(r.confusion!, [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        XCTAssertEqual(r.accuracy!, 4.0 / 6, accuracy: 1e-12)
        // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1, F1 2/3
        XCTAssertEqual(r.perClass[0].precision, 1, accuracy: 1e-12)
        XCTAssertEqual(r.perClass[0].recall, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r.perClass[0].f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(r.perClass[1].f1, 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.perClass[2].f1, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r.perClass.map { $0.support }, [3, 2, 1])
        XCTAssertEqual(r.macroF1, (0.8 + 0.5 + 2.0 / 3) / 3, accuracy: 1e-12)
    }

    func testNeverPredictedClassHasZeroPrecision() {
        let r = Metrics.singleLabel(task: "t", labels: ["x", "y"], gold: [0, 1], predicted: [0, 0])
        XCTAssertEqual(r.perClass[1].precision, 0)
        XCTAssertEqual(r.perClass[1].f1, 0)
        XCTAssertEqual(r.macroF1, (2.0 / 3 + 0) / 2, accuracy: 1e-12)
    }

    func testFNCScore() {
        // labels: agree 0, disagree 1, discuss 2, unrelated 3
        // pairs (gold, predicted): (0,0) 1.0; (1,2) 0.25; (2,3) 0; (3,3) 0.25; (3,0) 0
        // best: 1 + 1 + 1 + 0.25 + 0.25 = 3.5; score 1.5
        let labels = ["agree", "disagree", "discuss", "unrelated"]
        let r = Metrics.singleLabel(task: "headline_stance", labels: labels, gold: [0, 1, 2, 3, 3], predicted: [0, 2, 3, 3, 0])
        XCTAssertEqual(r.fncRelativeScore!, 1.5 / 3.5, accuracy: 1e-12)
        XCTAssertEqual(Metrics.fncRelativeScore(gold: [0, 3], predicted: [0, 3], unrelated: 3), 1)
        XCTAssertNil(Metrics.singleLabel(task: "other", labels: labels, gold: [0], predicted: [0]).fncRelativeScore)
    }

    func testFAvg() {
        let r = Metrics.singleLabel(task: "target_stance", labels: ["against", "favor", "none"], gold: [0, 0, 1, 2], predicted: [0, 1, 1, 2])
        // against: P 1, R 0.5, F1 2/3; favor: P 0.5, R 1, F1 2/3
        XCTAssertEqual(r.fAvg!, 2.0 / 3, accuracy: 1e-12)
    }

    func testMultiLabelMicroAndMacro() {
        // 2 items, labels p q r
        // gold  {p,q} {r};  pred {p} {q,r}
        // p: tp1; q: fn1 fp1; r: tp1 → TP 2 FP 1 FN 1 → micro P 2/3 R 2/3 F1 2/3
        let r = Metrics.multiLabel(task: "f", labels: ["p", "q", "r"],
                                   gold: [[true, true, false], [false, false, true]],
                                   predicted: [[true, false, false], [false, true, true]])
        XCTAssertEqual(r.microF1!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(r.macroF1, (1 + 0 + 1) / 3.0, accuracy: 1e-12)
        XCTAssertEqual(r.accuracy!, 0)
    }

    func testExpectedCalibrationError() {
        // Two bins: 0.9 confidence, 1 of 2 correct → |0.5 - 0.9| ; 0.3 confidence, 0 of 2 correct → 0.3
        let e = Metrics.expectedCalibrationError(confidence: [0.9, 0.9, 0.3, 0.3], correct: [true, false, false, false])
        XCTAssertEqual(e, 0.5 * 0.4 + 0.5 * 0.3, accuracy: 1e-6)
    }

    func testActorOutcomesGroupedBySentences() throws {
        // (sentences, gold, predicted) with labels negative 0, neutral 1, positive 2.
        let cases = [(0, 0, 1), (1, 1, 1), (1, 2, 1), (2, 0, 0), (3, 1, 2), (8, 2, 2), (9, 1, 2), (30, 0, 2), (30, 2, 2)]
        let outcomes = cases.map { ActorEvaluation.Outcome(score: $0.0 == 0 ? nil : 0, predicted: $0.2, gold: $0.1,
                                                           mentions: $0.0, sentences: $0.0) }
        let groups = ActorEvaluation.bySentences(outcomes, labels: 3)
        // The 4-7 group is empty and left out; 8, 9 and 30 share the open-ended group, and each pair is in one group.
        XCTAssertEqual(groups.map { $0.name }, ["none", "1", "2-3", "8+"])
        XCTAssertEqual(groups.map { $0.n }, [1, 2, 2, 4])
        XCTAssertEqual(groups.map { $0.n }.reduce(0, +), outcomes.count)
        XCTAssertEqual(groups[1].gold, [0, 1, 1])
        XCTAssertEqual(groups[1].predicted, [0, 2, 0])
        XCTAssertEqual(groups[1].accuracy, 0.5, accuracy: 1e-12)
        XCTAssertEqual(groups[2].accuracy, 0.5, accuracy: 1e-12)
        XCTAssertEqual(groups[3].gold, [1, 1, 2])
        XCTAssertEqual(groups[3].predicted, [0, 0, 4])
        XCTAssertEqual(groups[3].accuracy, 0.5, accuracy: 1e-12)
        XCTAssertEqual(groups[3].macroF1, (0 + 0 + 2.0 / 3) / 3, accuracy: 1e-12)
        // Reported in the table (shares, gold → predicted) and in JSON (counts by label).
        var r = Metrics.singleLabel(task: "target_sentiment", labels: ["negative", "neutral", "positive"],
                                    gold: outcomes.map { $0.gold }, predicted: outcomes.map { $0.predicted })
        r.bySentences = groups
        let table = ReportWriter.table(r)
        XCTAssertTrue(table.contains("by sentences that mention the actor"), table)
        XCTAssertTrue(table.contains("8+"), table)
        XCTAssertTrue(table.contains("0.25 → 0.00  0.25 → 0.00  0.50 → 1.00"), table)
        let json = try JSONSerialization.jsonObject(with: Data(ReportWriter.json([r]).utf8)) as! [String: Any]
        let t = (json["tasks"] as! [String: Any])["target_sentiment"] as! [String: Any]
        let by = t["by_sentences"] as! [[String: Any]]
        XCTAssertEqual(by.map { $0["sentences"] as! String }, ["none", "1", "2-3", "8+"])
        XCTAssertEqual((by[3]["predicted"] as! [String: Int])["positive"], 4)
        XCTAssertEqual((by[1]["gold"] as! [String: Int])["positive"], 1)
    }

    /// Records grouped by a key (`LabelGroup.grouped`, `slant-eval --by-source`): every record in one group,
    /// largest group first then by name, label counts in the task's order, accuracy and macro-F1 per group; in
    /// the table as shares gold → predicted (the largest `sourceRows`, then a line for the rest) and in JSON.
    func testRecordsGroupedBySource() throws {
        let keys = ["Fox", "NYT", "NYT", "AP", "NYT", "Fox", LabelGroup.noSource]
        let gold = [2, 1, 1, 0, 1, 2, 0], predicted = [2, 2, 1, 0, 2, 0, 0]
        let groups = LabelGroup.grouped(keys, gold: gold, predicted: predicted, labels: 3)
        XCTAssertEqual(groups.map { $0.name }, ["NYT", "Fox", "(no source)", "AP"])
        XCTAssertEqual(groups.map { $0.n }.reduce(0, +), keys.count)
        XCTAssertEqual(groups[0].gold, [0, 3, 0])
        XCTAssertEqual(groups[0].predicted, [0, 1, 2])
        XCTAssertEqual(groups[0].accuracy, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(groups[1].accuracy, 0.5, accuracy: 1e-12)
        XCTAssertEqual(groups[1].macroF1, (0 + 2.0 / 3) / 2, accuracy: 1e-12, "labels neither gold nor predicted in the group do not count")
        XCTAssertEqual(LabelGroup.grouped([], gold: [], predicted: [], labels: 3), [])
        // The grouping of a task's records reads each record's source and its single-label gold and prediction.
        let info = TaskInfo(name: "leaning", kind: .single, labels: ["center", "left", "right"], bits: 8)
        let preds = ["right", "left", "right"].map { TaskPrediction(task: "leaning", kind: .single, labels: [$0], scores: [0, 0, 0]) }
        let bySource = LabelGroup.bySource(kind: info.kind, labels: info.labels, gold: [.single("left"), .single("left"), .single("right")],
                                           predicted: preds, sources: ["NYT", "NYT", " "])
        XCTAssertEqual(bySource.map { $0.name }, ["NYT", "(no source)"], "a blank source is no source")
        XCTAssertEqual([nil, "", "  ", "AP"].map { LabelGroup.sourceKey($0) }, ["(no source)", "(no source)", "(no source)", "AP"])
        XCTAssertEqual(bySource[0].predicted, [0, 1, 1])
        XCTAssertEqual(LabelGroup.bySource(kind: .multi, labels: ["a"], gold: [.multi(["a"])],
                                           predicted: [TaskPrediction(task: "frames", kind: .multi, labels: ["a"], scores: [1])], sources: ["X"]), [])
        var r = Metrics.singleLabel(task: "leaning", labels: ["center", "left", "right"], gold: gold, predicted: predicted)
        r.bySource = groups
        let table = ReportWriter.table(r)
        XCTAssertTrue(table.contains("by source (each label's share: gold → predicted)"), table)
        XCTAssertTrue(table.contains("0.00 → 0.00  1.00 → 0.33  0.00 → 0.67"), table)
        r.bySource = (0..<(ReportWriter.sourceRows + 3)).map { LabelGroup(name: "outlet \($0)", gold: [1], predicted: [1], labels: 3) }
        let long = ReportWriter.table(r)
        XCTAssertTrue(long.contains("outlet \(ReportWriter.sourceRows - 1) "), long)
        XCTAssertFalse(long.contains("outlet \(ReportWriter.sourceRows) "), long)
        XCTAssertTrue(long.contains("… 3 more (3 records; every one in --json)"), long)
        r.bySource = groups
        let json = try JSONSerialization.jsonObject(with: Data(ReportWriter.json([r]).utf8)) as! [String: Any]
        let by = ((json["tasks"] as! [String: Any])["leaning"] as! [String: Any])["by_source"] as! [[String: Any]]
        XCTAssertEqual(by.map { $0["source"] as! String }, ["NYT", "Fox", "(no source)", "AP"])
        XCTAssertEqual((by[0]["predicted"] as! [String: Int])["right"], 2)
    }

    func testJSONReportShape() throws {
        let r = Metrics.singleLabel(task: "headline_stance", labels: ["agree", "unrelated"], gold: [0, 1], predicted: [0, 0])
        let json = try JSONSerialization.jsonObject(with: Data(ReportWriter.json([r]).utf8)) as! [String: Any]
        let t = (json["tasks"] as! [String: Any])["headline_stance"] as! [String: Any]
        XCTAssertEqual(t["n"] as? Int, 2)
        XCTAssertNotNil(t["fnc_relative_score"])
        XCTAssertNil(t["micro_f1"])
        let conf = t["confusion"] as! [String: [String: Int]]
        XCTAssertEqual(conf["unrelated"]?["agree"], 1)
        let pc = t["per_class"] as! [String: [String: Any]]
        XCTAssertEqual(pc["agree"]?["support"] as? Int, 1)
        // A metric that is no number is written as null, not a trap (JSON has no NaN).
        var odd = r
        odd.ece = .nan
        odd.macroF1 = .infinity
        let oddJSON = try JSONSerialization.jsonObject(with: Data(ReportWriter.json([odd]).utf8)) as! [String: Any]
        let o = (oddJSON["tasks"] as! [String: Any])["headline_stance"] as! [String: Any]
        XCTAssertTrue(o["macro_f1"] is NSNull, "\(o)")
        XCTAssertEqual(o["n"] as? Int, 2)
    }
}

final class BootstrapTests: XCTestCase {
    func testIntervalsContainTheEstimateNarrowWithMoreDataAndRepeat() {
        func interval(_ n: Int) -> ClosedRange<Double> {
            let gold = (0..<n).map { $0 % 3 }
            let predicted = (0..<n).map { $0 % 5 == 0 ? ($0 + 1) % 3 : $0 % 3 }   // 80% right
            return Bootstrap.intervals(n: n, reps: 400) { idx in
                Metrics.singleLabel(task: "t", labels: ["a", "b", "c"], gold: idx.map { gold[$0] }, predicted: idx.map { predicted[$0] })
            }["accuracy"]!
        }
        let small = interval(100), large = interval(2000)
        XCTAssertTrue(small.contains(0.8) && large.contains(0.8), "\(small) \(large)")
        XCTAssertLessThan(large.upperBound - large.lowerBound, small.upperBound - small.lowerBound)
        XCTAssertEqual(interval(100), small, "seeded: the same intervals every time")
        XCTAssertTrue(Bootstrap.intervals(n: 0, reps: 10) { _ in nil }.isEmpty)
    }

    /// The intervals are 95% intervals: on synthetic data with a known accuracy (each item right with
    /// probability 0.7), their width matches the normal approximation's 2 × 1.96 × sqrt(p(1 − p)/n) (a 90%
    /// interval would be 16% narrower), and over 200 independent samples they contain the true 0.7 about 95% of
    /// the time.
    func testIntervalsHaveTheirNominalCoverage() {
        func accuracyInterval(n: Int, reps: Int, seed: UInt64) -> ClosedRange<Double> {
            var rng = SplitMix64(seed: seed &* 7919 &+ 13)
            let gold = (0..<n).map { $0 % 2 }
            let predicted = gold.map { g in Double(rng.next() % 10_000) < 7_000 ? g : 1 - g }
            return Bootstrap.intervals(n: n, reps: reps, seed: seed) { idx in
                Metrics.singleLabel(task: "t", labels: ["a", "b"], gold: idx.map { gold[$0] }, predicted: idx.map { predicted[$0] })
            }["accuracy"]!
        }
        let wide = accuracyInterval(n: 2000, reps: 2000, seed: 1)
        let normal = 2 * 1.96 * (0.7 * 0.3 / 2000).squareRoot()
        XCTAssertEqual((wide.upperBound - wide.lowerBound) / normal, 1, accuracy: 0.07, "\(wide)")
        var covered = 0
        for t in 0..<200 where accuracyInterval(n: 120, reps: 200, seed: UInt64(t) + 100).contains(0.7) { covered += 1 }
        XCTAssertGreaterThanOrEqual(covered, 182, "coverage \(covered) of 200")
        XCTAssertLessThanOrEqual(covered, 198, "coverage \(covered) of 200")
    }
}
