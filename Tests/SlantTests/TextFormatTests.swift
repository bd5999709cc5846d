import XCTest
@testable import Slant

/// `--format text` (`TextFormat.swift`): the cases the default model's example article does not reach.
final class TextFormatTests: XCTestCase {
    let sentiment = ["negative", "neutral", "positive"]

    func text(_ r: ScoredRecord, tasks: [TaskInfo], actors: Bool = true) -> String {
        let w = PredictionWriter(format: .text, tasks: tasks, actorLabels: actors ? sentiment : nil)
        XCTAssertNil(w.header(), "a report has no header line")
        var out: [UInt8] = []
        w.append(r, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func testSingleLabelHeadsListTheOtherLabelsByProbabilityAndMultiLabelHeadsTheirChoices() {
        let tasks = [TaskInfo(name: "leaning", kind: .single, labels: ["center", "left", "right"], bits: 8),
                     TaskInfo(name: "frames", kind: .multi, labels: ["Economic", "Morality", "Political"], bits: 8)]
        var r = ScoredRecord(id: "a1", predictions: [
            TaskPrediction(task: "leaning", kind: .single, labels: ["left"], scores: [0.1, 0.6, 0.3]),
            TaskPrediction(task: "frames", kind: .multi, labels: ["Economic", "Political"], scores: [0.55, 0.2, 0.81]),
        ], actors: [])
        r.title = "Budget\npasses"
        XCTAssertEqual(text(r, tasks: tasks), """
            a1
              "Budget passes"
              leaning  left 0.60 (right 0.30, center 0.10)
              frames   Political 0.81, Economic 0.55
              actors   none found


            """)
        // No label above its threshold, and no actor analysis for the record.
        let none = ScoredRecord(id: "a2", predictions: [TaskPrediction(task: "frames", kind: .multi, labels: [], scores: [0.1, 0.2, 0.3])])
        XCTAssertEqual(text(none, tasks: tasks, actors: false), "a2\n  frames  none\n\n")
    }

    func testActorsShowTheirCountsStanceAndEvidenceOnOneLineEach() {
        var a = ActorResult(name: "Jane Roe", aliases: ["Jane Roe", "Roe"], mentions: 3, sentences: 2, label: "negative",
                            score: -0.5, scores: [0.6, 0.3, 0.1], distribution: [2, 0, 0],
                            evidence: [ActorEvidence(sentence: "Critics said Roe\nhad failed.", range: 0..<28, label: "negative",
                                                     scores: [0.8, 0.1, 0.1], explanation: [("text:failed", 1.25)])])
        a.probabilities = [0.7, 0.2, 0.1]
        a.stance = ActorStance(task: "target_stance", target: "Jane Roe", labels: ["against", "favor", "none"], label: "against",
                               scores: [0.5, 0.2, 0.3], sentences: 2)
        let r = ScoredRecord(id: "b\n", predictions: [], actors: [a])
        XCTAssertEqual(text(r, tasks: []), """
            b
              actors  1
                Jane Roe  negative (p 0.70); 3 mentions in 2 sentences: 2 negative; mean P(positive) − P(negative) -0.5; stance against 0.50 over 2 sentences
                  negative  "Critics said Roe had failed."
                            because text:failed +1.25


            """)
    }

    /// An actor asked for that the text never mentions is listed as such in every format, after the actors found
    /// (it had simply been missing, as if it had not been asked for).
    func testActorsNotMentionedAreListed() {
        let a = ActorResult(name: "Jane Roe", aliases: ["Jane Roe"], mentions: 1, sentences: 1, label: "neutral",
                            score: 0, scores: [0.2, 0.6, 0.2], distribution: [0, 1, 0], evidence: [])
        var r = ScoredRecord(id: "c", predictions: [], actors: [a])
        r.notMentioned = ["Marco Villa"]
        XCTAssertEqual(text(r, tasks: []), """
            c
              actors  1
                Jane Roe     neutral; 1 mention in 1 sentence: 1 neutral; mean P(positive) − P(negative) +0
                Marco Villa  not mentioned in the text


            """)
        func line(_ format: OutputFormat) -> String {
            var out: [UInt8] = []
            PredictionWriter(format: format, tasks: [], actorLabels: sentiment).append(r, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let json = line(.jsonl)
        XCTAssertTrue(json.hasSuffix(",\"not_mentioned\":[\"Marco Villa\"]}\n"), json)
        XCTAssertTrue(line(.csv).hasSuffix(",Jane Roe: neutral; Marco Villa: not mentioned\n"), line(.csv))
        XCTAssertTrue(line(.table).contains("; Marco Villa: not mentioned"), line(.table))
        // Nothing found and nothing missing: no key.
        XCTAssertFalse(line(.jsonl).isEmpty)
        r.notMentioned = []
        XCTAssertFalse(line(.jsonl).contains("not_mentioned"))
    }
}
