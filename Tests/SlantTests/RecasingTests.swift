import XCTest
@testable import Slant

/// Text written in capitals is read as if written in mixed case (`Recasing`), so that the analysis finds its names.
final class RecasingTests: XCTestCase {
    func recased(_ text: String) -> String {
        let a = ArticleText(text)
        return String(String.UnicodeScalarView(a.scalars))
    }

    func analyze(_ text: String, actors: [String] = []) throws -> [ActorResult] {
        var scratch: [FeatureScratch] = []
        return try ArticleAnalyzer(model: ArticleTests.sentimentModel())
            .analyze(Record(id: "a", text: text), named: actors.map { Actor.parse($0)! }, scratch: &scratch)
    }

    func testWordsTakeTheCaseNewsTextGivesThem() {
        XCTAssertEqual(recased("PRIME MINISTER ANA RUIZ TOLD THE FBI AND NATO THAT THE GOVERNMENT'S PLAN FOR NEW YORK WAS A SUCCESS."),
                       "Prime Minister Ana Ruiz told the FBI and NATO that the government's plan for New York was a success.")
        // Sentences open with a capital; a letter alone stays one (an initial, "I"); "a" inside a sentence does not.
        XCTAssertEqual(recased("SHE MET JOHN F. KENNEDY AND MITCH MCCONNELL. I SAW A MAN. “WE WON,” SAID COCA-COLA’S BOSS: “THE POLICE LEFT.”"),
                       "She met John F. Kennedy and Mitch McConnell. I saw a man. “We won,” said Coca-Cola’s boss: “The police left.”")
        // One scalar for one, so that offsets into the text hold; the written case is kept apart.
        let text = "VILLA’S MEN FLED TO CIUDAD JUÁREZ, SAID THE SUPREME COURT OF THE UNITED STATES."
        let a = ArticleText(text)
        XCTAssertEqual(a.scalars.count, text.unicodeScalars.count)
        XCTAssertEqual(String(String.UnicodeScalarView(a.scalars)), "Villa’s men fled to Ciudad Juárez, said the Supreme Court of the United States.")
        XCTAssertEqual(a.writtenCase, Array(text.unicodeScalars))
        XCTAssertEqual(a.string(0..<a.scalars.count), text, "quoted as written")
    }

    func testTextInMixedCaseIsNeverRecased() {
        // Headings and acronyms in capitals inside a text in mixed case stay as written.
        let mixed = "BREAKING NEWS: THE SENATE VOTES\nThe Senate passed the bill on Friday, and the FBI said NATO agreed with it."
        XCTAssertFalse(Recasing.isMostlyCapitals(Array(mixed.unicodeScalars)))
        XCTAssertEqual(recased(mixed), mixed)
        XCTAssertEqual(ArticleText(mixed).writtenCase, ArticleText(mixed).scalars)
        // Too few capitals to tell.
        XCTAssertFalse(Recasing.isMostlyCapitals(Array("NATO AND THE FBI".unicodeScalars)))
        // In a transcript mostly in capitals, the words in mixed case stay as written, and so do fewer than
        // three words in capitals between them ("FBI", "SOT THE").
        let transcript = "VO THE PRESIDENT MET THE GOVERNORS OF TEXAS AND OHIO ON TUESDAY.\nOBAMA: This is an achievable goal, the FBI said. SOT THE McDONALD FAMILY WAITED AT HOME. THE END"
        XCTAssertTrue(Recasing.isMostlyCapitals(Array(transcript.unicodeScalars)))
        // A word the text also writes in capitals alone, or with a capital inside it, is written so in its runs.
        XCTAssertEqual(recased("ISIS is a group, Mr. MacLeod said. THE RISE OF ISIS WORRIED THE MACLEOD FAMILY AND THE POLICE."),
                       "ISIS is a group, Mr. MacLeod said. The rise of ISIS worried the MacLeod family and the police.")
        XCTAssertEqual(recased(transcript),
                       "vo the president met the governors of Texas and Ohio on Tuesday.\nObama: This is an achievable goal, the FBI said. SOT THE McDONALD family waited at home. The end")
    }

    func testAnArticleInCapitalsGivesTheActorsOfTheSameArticleInMixedCase() throws {
        let mixed = """
        Mayor Ellen Park praised the new budget on Tuesday. Council member James Reed attacked Ellen Park over the police cuts.
        Park said the city would hire more teachers. Reed called the plan a disaster and said Park had misled the voters.
        The council approved it after Park won the support of the Green Party.
        """
        let caps = mixed.uppercased()
        let a = try analyze(mixed), b = try analyze(caps)
        XCTAssertTrue(a.map { $0.name }.contains("Ellen Park") && a.map { $0.name }.contains("James Reed"), "\(a.map { $0.name })")
        XCTAssertEqual(b.map { $0.name }, a.map { $0.name })
        XCTAssertEqual(b.map { $0.label }, a.map { $0.label })
        XCTAssertEqual(b.map { $0.mentions }, a.map { $0.mentions })
        // Evidence is quoted as written, in capitals.
        XCTAssertTrue(b.flatMap { $0.evidence }.allSatisfy { $0.sentence == $0.sentence.uppercased() })
        // A name given is found as the text writes it, a one-word alias with a capital included.
        let named = try analyze(caps, actors: ["James Reed|Reed"]), asWritten = try analyze(mixed, actors: ["James Reed|Reed"])
        XCTAssertEqual(named.map { $0.mentions }, [2])
        XCTAssertEqual(named.map { $0.mentions }, asWritten.map { $0.mentions })
        XCTAssertEqual(named.map { $0.label }, asWritten.map { $0.label })
        // Even where the recased text lower-cases it ("VILLA" as "villa").
        let villa = "ITS LEADER, MARCO VILLA, IS WANTED BY THE POLICE. THE POLICE SAY VILLA FLED TO THE NORTH, WHERE VILLA HID."
        XCTAssertTrue(recased(villa).contains("say villa fled"), recased(villa))
        XCTAssertEqual(try analyze(villa, actors: ["Marco Villa|Villa"]).map { $0.mentions }, [3])
    }
}
