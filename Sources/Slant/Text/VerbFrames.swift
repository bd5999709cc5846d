import Foundation

/// What a verb says about its agent (subject, X) and theme (object, Y) in "X VERB Y", for the `roles` namespace:
/// connotation frames (Rashkin, Singh & Choi, ACL 2016) and connotation frames of power and agency (Sap et al.,
/// EMNLP 2017). Each value is −1…1, 0 where a lexicon says nothing.
public struct VerbFrame: Equatable, Sendable {
    /// The writer's perspective toward the theme and toward the agent (Rashkin et al.'s `perspective(wo)` and
    /// `(ws)`): how the author casts Y and X by choosing this verb ("X rescued Y", "X murdered Y").
    public var writerTheme: Float = 0, writerAgent: Float = 0
    /// Whether the event is good or bad for the theme and for the agent (`effect(o)`, `effect(s)`).
    public var effectTheme: Float = 0, effectAgent: Float = 0
    /// +1 when the verb casts its agent as active and decisive, −1 as passive (Sap et al.'s agency), 0 neither.
    public var agency: Float = 0
    /// +1 when the agent holds power over the theme, −1 when the theme holds it, 0 neither (Sap et al.'s power).
    public var power: Float = 0
    /// The word forms that stand for the verb in text (lower-case: the lemma, -s, -ed, -ing and irregular forms).
    public var forms: [String] = []

    public init(writerTheme: Float = 0, writerAgent: Float = 0, effectTheme: Float = 0, effectAgent: Float = 0,
                agency: Float = 0, power: Float = 0, forms: [String] = []) {
        self.writerTheme = writerTheme; self.writerAgent = writerAgent
        self.effectTheme = effectTheme; self.effectAgent = effectAgent
        self.agency = agency; self.power = power; self.forms = forms
    }
}

/// Reading verb lexicons into a feature spec (`FeatureSpec.verbFrames`), and their compact form in model files.
public enum VerbFrames {
    /// Reads one or more verb lexicons and merges them by verb: a connotation-frames file (tab-separated, header
    /// `verb<TAB>writer_perspective(t)<TAB>writer_perspective(a)<TAB>…` with `effect(t)` and `effect(a)`
    /// columns) or a power-and-agency file (CSV, header `verb,agency,power`, values `agency_pos`/`agency_neg`/
    /// `agency_equal`, `power_agent`/`power_theme`/`power_equal`, or empty). Values are kept to two decimals
    /// (the ratings are means of 15 in steps of 1/30). Each verb gets its inflected forms (`forms(_:)`). Phrasal
    /// verbs ("agonize over") are skipped: the roles namespace reads one verb word.
    /// - Throws: `SlantError.invalidInput` naming the file and line of a malformed entry, or a file that is
    ///   neither format.
    public static func load(paths: [String]) throws -> [String: VerbFrame] {
        var out: [String: VerbFrame] = [:]
        for path in paths {
            let reader = try ByteReader(path: path)
            var line = 0
            var kind: Kind? = nil
            var columns: [String: Int] = [:]
            var any = false
            while let fields = try reader.nextLine({ bytes -> [String]? in
                line += 1
                var text = String(decoding: bytes, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                if text.allSatisfy({ $0 == " " }) { return nil }
                return kind == .powerAgency || (kind == nil && !text.contains("\t"))
                    ? text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    : text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }) {
                guard let fields else { continue }
                guard let k = kind else {
                    for (i, f) in fields.enumerated() { columns[f.trimmingCharacters(in: .whitespaces)] = i }
                    if columns["verb"] == 0, columns["writer_perspective(t)"] != nil, columns["writer_perspective(a)"] != nil,
                       columns["effect(t)"] != nil, columns["effect(a)"] != nil {
                        kind = .connotation
                    } else if columns["verb"] == 0, columns["agency"] != nil, columns["power"] != nil {
                        kind = .powerAgency
                    } else {
                        throw SlantError.invalidInput(file: path, line: line, message: "not a verb lexicon: expected a header 'verb<TAB>writer_perspective(t)<TAB>…' (connotation frames) or 'verb,agency,power' (power and agency), got '\(printable(fields.joined(separator: ",")))'")
                    }
                    continue
                }
                let verb = fields[0].trimmingCharacters(in: .whitespaces).lowercased()
                guard !verb.isEmpty, verb.count <= maxVerbLength, verb.allSatisfy({ $0.isLetter || $0 == "-" || $0 == " " || $0 == "'" }) else {
                    throw SlantError.invalidInput(file: path, line: line, message: "expected a verb (letters, at most \(maxVerbLength)) in the first column, got '\(printable(fields[0]))'\(fields[0].count > 40 ? " (\(fields[0].count) characters)" : "")")
                }
                // A phrasal verb ("agonize over") is a frame of its words together; the roles read one word.
                if verb.contains(" ") { any = true; continue }
                var frame = out[verb] ?? VerbFrame()
                switch k {
                case .connotation:
                    func value(_ name: String) throws -> Float {
                        let i = columns[name]!
                        guard i < fields.count, let v = Float(fields[i].trimmingCharacters(in: .whitespaces)), v.isFinite, abs(v) <= 1 else {
                            throw SlantError.invalidInput(file: path, line: line, message: "\(name) must be a number from -1 to 1, got '\(i < fields.count ? fields[i] : "")'")
                        }
                        return (v * 100).rounded() / 100
                    }
                    frame.writerTheme = try value("writer_perspective(t)"); frame.writerAgent = try value("writer_perspective(a)")
                    frame.effectTheme = try value("effect(t)"); frame.effectAgent = try value("effect(a)")
                case .powerAgency:
                    func cell(_ name: String) -> String { let i = columns[name]!; return i < fields.count ? fields[i].trimmingCharacters(in: .whitespaces) : "" }
                    switch cell("agency") {
                    case "agency_pos": frame.agency = 1
                    case "agency_neg": frame.agency = -1
                    case "agency_equal", "": frame.agency = 0
                    case let v: throw SlantError.invalidInput(file: path, line: line, message: "agency must be agency_pos, agency_neg, agency_equal or empty, got '\(v)'")
                    }
                    switch cell("power") {
                    case "power_agent": frame.power = 1
                    case "power_theme": frame.power = -1
                    case "power_equal", "": frame.power = 0
                    case let v: throw SlantError.invalidInput(file: path, line: line, message: "power must be power_agent, power_theme, power_equal or empty, got '\(v)'")
                    }
                }
                out[verb] = frame
                any = true
            }
            if !any { throw SlantError.invalidInput(file: path, line: max(line, 1), message: line == 0 ? "no verb entries: the file is empty" : "no verb entries") }
        }
        // Auxiliaries are not role verbs: "Ruiz has criticised" is about criticise, and "was arrested" marks a
        // passive (`Featurizer.beForms`).
        for aux in auxiliaries { out[aux] = nil }
        // Forms: each verb's own forms, a form claimed by two verbs going to the one it is the lemma of, else to
        // the first verb in alphabetical order ("left" is leave's, "lay" is lay's, not lie's).
        var owner: [String: String] = [:]
        for verb in out.keys.sorted() {
            for f in forms(verb) where owner[f] == nil || (f == verb && owner[f] != verb) { owner[f] = verb }
        }
        for verb in out.keys { out[verb]!.forms = [] }
        for (f, verb) in owner.sorted(by: { $0.key < $1.key }) where out[verb] != nil { out[verb]!.forms.append(f) }
        return out
    }

    enum Kind { case connotation, powerAgency }

    /// The longest verb (or phrasal verb) read, in characters.
    static let maxVerbLength = 40

    /// The first 40 characters of `s` for an error message, with control and invalid characters as `?`.
    static func printable(_ s: String) -> String {
        String(s.prefix(40).map { $0.isLetter || $0.isNumber || $0.isPunctuation || $0 == " " || $0.isSymbol ? $0 : "?" })
    }

    /// Verbs left out of the frames: they mostly help another verb ("has said", "did not", "was seen", "got hurt").
    static let auxiliaries = ["be", "have", "do", "get"]

    /// The forms of an English verb lemma: itself, third person -s, past -ed, -ing, with the spelling rules
    /// (hope → hoped, hoping; carry → carries, carried; stop → stopped; criticize → criticise), and the past
    /// forms of common irregular verbs. Used when a lexicon is read; the forms are then stored in the model, so
    /// a later change of these rules never changes a trained model.
    public static func forms(_ v: String) -> [String] {
        var out: Set<String> = [v]
        let chars = Array(v)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if v.hasSuffix("ee") {
            out.formUnion([v + "s", v + "d", v + "ing"])
        } else if v.hasSuffix("ie") {
            out.formUnion([v + "s", v + "d", String(chars.dropLast(2)) + "ying"])
        } else if v.hasSuffix("e") {
            out.formUnion([v + "s", v + "d", String(chars.dropLast()) + "ing"])
        } else if v.hasSuffix("y"), chars.count > 2, !vowels.contains(chars[chars.count - 2]) {
            out.formUnion([String(chars.dropLast()) + "ies", String(chars.dropLast()) + "ied", v + "ing"])
        } else if v.hasSuffix("s") || v.hasSuffix("x") || v.hasSuffix("z") || v.hasSuffix("ch") || v.hasSuffix("sh") {
            out.formUnion([v + "es", v + "ed", v + "ing"])
        } else {
            // One short vowel before a final consonant doubles it in one-syllable verbs (stop, ban, grab, rob).
            let n = chars.count
            let doubles = n >= 3 && n <= 4 && !vowels.contains(chars[n - 1]) && !"wxy".contains(chars[n - 1])
                && vowels.contains(chars[n - 2]) && !vowels.contains(chars[n - 3]) && chars.filter({ vowels.contains($0) }).count == 1
            let stem = doubles ? v + String(chars[n - 1]) : v
            out.formUnion([v + "s", stem + "ed", stem + "ing"])
        }
        if v.hasSuffix("ize") { out.formUnion(out.map { $0.replacingOccurrences(of: "iz", with: "is") }) }
        if let irregular = irregular[v] { out.formUnion(irregular) }
        return out.sorted()
    }

    /// Past tense and past participle of common irregular English verbs.
    static let irregular: [String: [String]] = [
        "arise": ["arose", "arisen"], "awake": ["awoke", "awoken"], "bear": ["bore", "borne"], "beat": ["beaten"],
        "become": ["became"], "begin": ["began", "begun"], "bend": ["bent"], "bind": ["bound"], "bite": ["bit", "bitten"],
        "blow": ["blew", "blown"], "break": ["broke", "broken"], "bring": ["brought"], "build": ["built"],
        "burn": ["burnt"], "buy": ["bought"], "catch": ["caught"], "choose": ["chose", "chosen"], "come": ["came"],
        "deal": ["dealt"], "dig": ["dug"], "do": ["did", "done", "does"], "draw": ["drew", "drawn"], "drink": ["drank", "drunk"],
        "drive": ["drove", "driven"], "eat": ["ate", "eaten"], "fall": ["fell", "fallen"], "feed": ["fed"],
        "feel": ["felt"], "fight": ["fought"], "find": ["found"], "flee": ["fled"], "fly": ["flew", "flown", "flies"],
        "forbid": ["forbade", "forbidden"], "forget": ["forgot", "forgotten"], "forgive": ["forgave", "forgiven"],
        "freeze": ["froze", "frozen"], "get": ["got", "gotten"], "give": ["gave", "given"], "go": ["went", "gone", "goes"],
        "grow": ["grew", "grown"], "hang": ["hung"], "have": ["had", "has"], "hear": ["heard"], "hide": ["hid", "hidden"],
        "hit": [], "hold": ["held"], "hurt": [], "keep": ["kept"], "know": ["knew", "known"], "lay": ["laid"],
        "lead": ["led"], "leave": ["left"], "lend": ["lent"], "lie": ["lay", "lain"], "lose": ["lost"],
        "make": ["made"], "mean": ["meant"], "meet": ["met"], "pay": ["paid"], "prove": ["proven"], "ride": ["rode", "ridden"],
        "ring": ["rang", "rung"], "rise": ["rose", "risen"], "run": ["ran"], "say": ["said"], "see": ["saw", "seen"],
        "seek": ["sought"], "sell": ["sold"], "send": ["sent"], "shake": ["shook", "shaken"], "shoot": ["shot"],
        "show": ["shown"], "shrink": ["shrank", "shrunk"], "sing": ["sang", "sung"], "sink": ["sank", "sunk"],
        "sit": ["sat"], "slay": ["slew", "slain"], "sleep": ["slept"], "speak": ["spoke", "spoken"], "spend": ["spent"],
        "stand": ["stood"], "steal": ["stole", "stolen"], "stick": ["stuck"], "sting": ["stung"], "strike": ["struck", "stricken"],
        "swear": ["swore", "sworn"], "sweep": ["swept"], "swim": ["swam", "swum"], "take": ["took", "taken"],
        "teach": ["taught"], "tear": ["tore", "torn"], "tell": ["told"], "think": ["thought"], "throw": ["threw", "thrown"],
        "understand": ["understood"], "undertake": ["undertook", "undertaken"], "wake": ["woke", "woken"],
        "wear": ["wore", "worn"], "win": ["won"], "withdraw": ["withdrew", "withdrawn"], "write": ["wrote", "written"],
    ]

    /// The frames as stored in a model (format version 8): one line per verb, sorted, `verb<TAB>writerTheme<TAB>
    /// writerAgent<TAB>effectTheme<TAB>effectAgent<TAB>agency<TAB>power<TAB>form,form,…` (values as Swift prints
    /// a `Float`, which reads back to the same bits).
    static func compact(_ frames: [String: VerbFrame]) -> String {
        frames.sorted { $0.key < $1.key }.map { v, f in
            "\(v)\t\(f.writerTheme)\t\(f.writerAgent)\t\(f.effectTheme)\t\(f.effectAgent)\t\(f.agency)\t\(f.power)\t\(f.forms.joined(separator: ","))"
        }.joined(separator: "\n")
    }

    /// Parses `compact`'s form; nil when a line is malformed (a value not finite or outside −1…1, a missing field).
    static func parseCompact(_ text: String) -> [String: VerbFrame]? {
        var out: [String: VerbFrame] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 8, !f[0].isEmpty else { return nil }
            var v: [Float] = []
            for k in 1...6 {
                guard let x = Float(f[k]), x.isFinite, abs(x) <= 1 else { return nil }
                v.append(x)
            }
            let forms = f[7].split(separator: ",").map(String.init)
            guard !forms.isEmpty else { return nil }
            out[String(f[0])] = VerbFrame(writerTheme: v[0], writerAgent: v[1], effectTheme: v[2], effectAgent: v[3],
                                          agency: v[4], power: v[5], forms: forms)
        }
        return out.isEmpty ? nil : out
    }
}
