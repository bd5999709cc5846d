/// An actor to look for in an article: a display name and the surface forms that mention it.
public struct Actor: Equatable, Sendable {
    /// The name shown in the output (the first alias given, or the fullest detected form).
    public var name: String
    /// Surface forms, longest first. A possessive ('s, ’s) after a form is still a mention of it.
    public var aliases: [String]
    /// Whether matching is case-sensitive (detected actors: they were found as capitalised names).
    public var caseSensitive: Bool

    public init(name: String, aliases: [String], caseSensitive: Bool = false) {
        self.name = name
        // Distinct (first kept), longest first, ties in the given order. Detection makes an actor per kept name
        // with one or two aliases: a linear search and counts made once, not a hashed set and a count per
        // comparison.
        var kept: [(alias: String, scalars: Int)] = []
        kept.reserveCapacity(aliases.count)
        var seen = Set<String>()
        for a in aliases {
            let s = Actor.collapseSpaces(Actor.stripPossessive(a))
            if s.isEmpty { continue }
            if aliases.count > 16 { guard seen.insert(s).inserted else { continue } } else if kept.contains(where: { $0.alias == s }) { continue }
            kept.append((s, s.unicodeScalars.count))
        }
        if kept.count > 1 {
            kept = kept.enumerated().sorted { ($0.element.scalars, -$0.offset) > ($1.element.scalars, -$1.offset) }.map { $0.element }
        }
        self.aliases = kept.map { $0.alias }
        self.caseSensitive = caseSensitive
    }

    /// Parses a `--actor` value: aliases separated by `|` ("Iran|Iranian|Tehran"); the first names the actor.
    /// A single person-like name ("Donald Trump") also matches its last word ("Trump").
    public static func parse(_ spec: String) -> Actor? {
        let parts = spec.split(separator: "|").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        guard let first = parts.first else { return nil }
        return Actor(name: first, aliases: parts.count == 1 ? expand(first) : parts)
    }

    /// This actor as `text` writes it, when its name was given in lower case ("esteban santiago", as datasets
    /// give names) and the text writes that name capitalised, every time ("Esteban Santiago"): the name as
    /// written, with the other forms that spelling has (a person's surname). Otherwise the actor as it is. Lower
    /// case alone makes no person ("gun law"), so without this a lower-case name was found by its full form only;
    /// a phrase the text also writes in lower case ("the gun law") stays a phrase.
    /// - Complexity: O(text) for such a name (one search of its full form); O(1) otherwise.
    public func asWritten(in text: [Unicode.Scalar]) -> Actor { Actor.asWritten([self], in: text)[0] }

    /// `asWritten(in:)` for each of `actors`, with one search of the text for all the names given in lower case
    /// (a list of 200 actors had made one search per actor and record, a third of the run's time).
    /// - Complexity: O(text + matches) for the names given in lower case; O(actors) otherwise.
    public static func asWritten(_ actors: [Actor], in text: [Unicode.Scalar]) -> [Actor] {
        let asked = lowerCaseNames(actors)
        guard !asked.isEmpty else { return actors }
        return asWritten(actors, in: text, asked: asked, forms: nameForms(actors, asked))
    }

    /// The actors whose name is given in lower case (only such a name can be written otherwise).
    static func lowerCaseNames(_ actors: [Actor]) -> [Int] {
        actors.indices.filter { i in
            !actors[i].caseSensitive && !actors[i].name.unicodeScalars.contains(where: { ScalarClass.isUpper($0) })
        }
    }

    /// The names of `actors[asked]`, each alone as an actor's one form, prepared for one search.
    static func nameForms(_ actors: [Actor], _ asked: [Int]) -> MentionFinder.Forms {
        MentionFinder.Forms(asked.map { Actor(name: actors[$0].name, aliases: [actors[$0].name]) })
    }

    /// `asWritten(_:in:)` with the names given in lower case and their forms prepared.
    static func asWritten(_ actors: [Actor], in text: [Unicode.Scalar], asked: [Int], forms: MentionFinder.Forms) -> [Actor] {
        guard !asked.isEmpty else { return actors }
        // Each name's mentions as if it were searched alone: one search for all, in which no name's match keeps
        // another's from being found (each has one form, and a form's own matches never overlap).
        var found = [[Mention]](repeating: [], count: asked.count)
        for m in MentionFinder.find(forms, in: text, capitals: nil, independent: true) { found[m.actor].append(m) }
        func capitalised(_ r: Range<Int>) -> Bool {
            (r.lowerBound..<r.upperBound).allSatisfy { i in
                !ScalarClass.isWord(text[i]) || (i > r.lowerBound && ScalarClass.isWord(text[i - 1])) || ScalarClass.isUpper(text[i])
            }
        }
        var out = actors
        for (k, i) in asked.enumerated() {
            let actor = actors[i]
            guard let m = found[k].first, found[k].allSatisfy({ capitalised($0.range) }),
                  Set(actor.aliases) == Set(Actor.expand(actor.name)) else { continue }
            let written = String(String.UnicodeScalarView(text[m.range]))
            let more = Actor.expand(Actor.collapseSpaces(written)).filter { $0.lowercased() != actor.name.lowercased() }
            if !more.isEmpty { out[i] = Actor(name: actor.name, aliases: actor.aliases + more) }
        }
        return out
    }

    /// The actor a record's `target` names: the target and, for a person-like name, its last word.
    public static func fromTarget(_ target: String) -> Actor? { parse(target.replacingAll("|", with: " ")) }

    /// First words that make a capitalised phrase a place or an organisation rather than a person.
    static let nonPersonFirst: Set<String> = [
        "new", "white", "united", "north", "south", "east", "west", "european", "supreme", "federal", "national",
        "democratic", "republican", "state", "department", "house", "senate", "saudi", "hong", "los", "san", "las",
        "the", "islamic", "central", "general", "bank", "fox", "wall", "silicon", "middle", "prime",
        // A place's abbreviation ("St. Louis", "Ft. Worth", "Mt. Everest"), as read from a name or its first word.
        "st", "st.", "ft", "ft.", "mt", "mt.", "saint",
    ]

    /// A name and the other ways a news text names the same actor:
    /// - a person's name (two or three capitalised alphabetic words, after a leading title such as "President"
    ///   and before a suffix such as "Jr."): the name without the title, and the surname;
    /// - a country ("Iran"): its other names and demonyms ("Iranian", "Iranians"; "U.S.", "American");
    /// - a party ("Republican Party"): its members ("Republicans", "Republican", "GOP"; "Democrats", "Democrat");
    /// - a United States body ("United States Department of Justice", "Supreme Court of the United States"): the
    ///   name without the country, "Justice Department" for "Department of Justice", "Ninth Circuit" for a court
    ///   of appeals, and for a body (a department, agency, bureau ...) the acronym of its words ("EPA", "DOJ");
    /// - a lower-case common noun ("voter", "gun law"): its plural ("voters", "gun laws");
    /// - a name written as encyclopedias and datasets write it: underscores as spaces ("Democratic_Party"), without
    ///   a trailing qualifier in parentheses ("Republican Party (United States)"), an amendment without "to the
    ///   United States Constitution", a movement without "movement" ("Tea Party movement"), and the names news
    ///   uses for a few bodies, laws and groups it writes about often (`wellKnown`: "the House", "Obamacare", "ISIS").
    static func expand(_ given: String) -> [String] {
        let written = writtenName(given)
        let name = written.isEmpty ? given : written
        let words = name.split(separator: " ").map(String.init)
        var out = [name]
        func add(_ s: String) { if !s.isEmpty && !out.contains(s) { out.append(s) } }
        if name != given { add(given) }
        if let other = wellKnown[name.lowercased()] {
            other.forEach(add)
            return out
        }
        if words.count > 1, words.last == "movement" { add(words.dropLast().joined(separator: " ")) }
        // A place with its state, as datasets write it ("Ferguson, MO", "Galesburg, Illinois"): news names the place.
        if let comma = name.range(of: ", "), usStates.contains(String(name[comma.upperBound...])) {
            let place = String(name[..<comma.lowerBound])
            if place.first?.isUppercase == true, !place.contains(",") { add(place) }
        }
        // A company under its legal name ("The Hertz Corporation", "The Coca-Cola Company"): the name news uses.
        // One word is left only where a company word went ("The Hill" stays as it is: "Hill" is a hill).
        if words.count >= 2, companyWords.contains(words.last!) || words.first == "The" {
            var core = words
            if core.first == "The" { core.removeFirst() }
            var company = false
            if core.count >= 2, let l = core.last, companyWords.contains(l) { core.removeLast(); company = true }
            if core.count >= 2 || (company && core.count == 1), core.first?.first?.isUppercase == true { add(core.joined(separator: " ")) }
        }
        if words.count > 5, words.suffix(4) == ["the", "United", "States", "Constitution"], words[words.count - 5] == "to" {
            add(words.dropLast(5).joined(separator: " "))
            return out
        }
        // Countries: their other names and demonyms.
        if let other = countries[name] {
            other.forEach(add)
            return out
        }
        // Parties: their members.
        if words.count == 2, words[1].lowercased() == "party", let x = words.first, x.first?.isUppercase == true {
            switch x.lowercased() {
            case "republican": ["Republicans", "Republican", "GOP"].forEach(add)
            case "democratic": ["Democrats", "Democrat"].forEach(add)
            default: [x + "s", x].forEach(add)
            }
            return out
        }
        if let person = personName(words) {
            if person.full != words { add(person.full.joined(separator: " ")) }
            add(person.surname)
            // An Arabic surname's article ("Bashar al-Assad", "Abdel Fattah el-Sisi"): news also writes the name
            // without it ("Bashar Assad", "Assad").
            if let bare = withoutArticle(person.surname) {
                add(person.full.dropLast().joined(separator: " ") + " " + bare)
                add(bare)
            }
            return out
        }
        // United States bodies: without the country, the common short forms; and any body's or organisation's
        // acronym ("Republican National Committee": RNC; "North American Free Trade Agreement": NAFTA).
        var bases = [words]
        if words.count > 2, words[0] == "United", words[1] == "States" { bases.append(Array(words.dropFirst(2))) }
        if words.count > 2, words[0] == "U.S." || words[0] == "US" { bases.append(Array(words.dropFirst(1))) }
        if words.count > 4, words.suffix(4) == ["of", "the", "United", "States"] { bases.append(Array(words.dropLast(4))) }
        for b in bases.dropFirst() { add(b.joined(separator: " ")) }
        for b in bases {
            if b.count == 3, b[0] == "Department", b[1] == "of" { add(b[2] + " Department") }
            // "Department of Health and Human Services": "Health and Human Services", and its acronym (HHS).
            if b.count > 3, b[0] == "Department", b[1] == "of" {
                let x = Array(b.dropFirst(2))
                add(x.joined(separator: " "))
                let acronym = x.filter { $0.first?.isUppercase == true }.compactMap { $0.first.map(String.init) }.joined()
                if (3...5).contains(acronym.count) { add(acronym) }
            }
            // A congressional committee ("House Permanent Select Committee on Intelligence", "Senate Committee on
            // the Judiciary"): as news names it, "House Intelligence Committee", "Judiciary Committee".
            if let c = b.firstIndex(of: "Committee"), c + 2 < b.count, b[c + 1] == "on" {
                let subject = b[(c + 2)...].filter { $0 != "the" }.joined(separator: " ")
                if !subject.isEmpty {
                    add(subject + " Committee")
                    if let chamber = b.first, chamber == "House" || chamber == "Senate" { add(chamber + " " + subject + " Committee") }
                }
            }
            if let c = b.firstIndex(of: "Circuit"), c >= 1, b.prefix(3) == ["Court", "of", "Appeals"] { add(b[c - 1] + " Circuit") }
            if b.count >= 3, b.contains(where: bodyWords.contains),
               b.allSatisfy({ $0.first?.isUppercase == true || ["of", "the", "for", "and"].contains($0) }) {
                let capitals = b.filter { $0.first?.isUppercase == true }.compactMap { $0.first.map(String.init) }.joined()
                let withOf = b.filter { $0 != "the" && $0 != "and" && $0 != "for" }.compactMap { $0.first.map { String($0).uppercased() } }.joined()
                for acronym in [capitals, withOf] where (3...5).contains(acronym.count) { add(acronym) }
            }
        }
        // A common noun, alone or after a capitalised adjective ("Hispanic voter"): its plural.
        if let last = words.last, last == last.lowercased(), last.count >= 3, last.allSatisfy({ $0.isLetter }) {
            add((words.dropLast() + [plural(last)]).joined(separator: " "))
        }
        return out
    }

    /// `name` as news text would write it: underscores as spaces, stray punctuation around it dropped ("--
    /// Donald Trump"), a trailing qualifier in parentheses dropped ("Republican Party (United States)" is the
    /// "Republican Party"), white space trimmed.
    static func writtenName(_ name: String) -> String {
        var n = name.contains("_") ? name.replacingAll("_", with: " ") : name
        while let f = n.first, strayPunctuation.contains(f) { n.removeFirst() }
        while let l = n.last, strayPunctuation.contains(l) || l == "'" { n.removeLast() }
        if n.hasSuffix(")"), let open = n.lastIndex(of: "("), open > n.startIndex {
            let head = String(n[..<open]).trimmingCharacters()
            if !head.isEmpty { n = head }
        }
        return n.trimmingCharacters()
    }

    /// Punctuation around a name copied from text ("-- Donald Trump", "“Reed,”") that is not part of it (a
    /// closing parenthesis and a final period, as in "Jr.", are).
    static let strayPunctuation: Set<Character> = ["-", "–", "—", ":", ";", ",", "\"", "“", "”", "‘", "’", "*", "•", " "]

    /// Bodies, laws and groups US news names by another name than their full one (keys lower case; each with the
    /// names news writes). Where the short name is an everyday word ("the House"), it is kept with its article.
    static let wellKnown: [String: [String]] = {
        let groups: [([String], [String])] = [
            (["united states house of representatives", "u.s. house of representatives", "us house of representatives", "house of representatives"],
             ["House of Representatives", "the House", "U.S. House"]),
            (["affordable care act", "patient protection and affordable care act", "obamacare"], ["Affordable Care Act", "Obamacare", "ObamaCare", "ACA"]),
            (["islamic state", "islamic state of iraq and the levant", "islamic state of iraq and syria", "isis", "isil"], ["Islamic State", "ISIS", "ISIL"]),
            (["al-qaeda", "al qaeda", "al-qaida", "al qaida"], ["al-Qaeda", "al Qaeda", "al-Qaida", "al Qaida"]),
            (["centers for disease control and prevention"], ["Centers for Disease Control", "CDC"]),
            (["united states immigration and customs enforcement", "u.s. immigration and customs enforcement", "immigration and customs enforcement"],
             ["Immigration and Customs Enforcement", "ICE"]),
            (["deferred action for childhood arrivals"], ["DACA"]),
            (["confederate states of america"], ["Confederacy", "Confederate"]),
            (["black lives matter"], ["Black Lives Matter", "BLM"]),
            (["planned parenthood federation of america"], ["Planned Parenthood"]),
            (["national association for the advancement of colored people"], ["NAACP"]),
            (["federal reserve", "federal reserve system", "federal reserve board"], ["Federal Reserve", "the Fed"]),
            (["united nations"], ["United Nations", "UN", "U.N."]),
        ]
        var table: [String: [String]] = [:]
        for (keys, names) in groups { for k in keys { table[k] = names } }
        return table
    }()

    /// Last words of a company's legal name that news drops ("The Hertz Corporation" is "Hertz").
    static let companyWords: Set<String> = ["Corporation", "Company", "Corp.", "Inc.", "Inc", "Incorporated", "Co.", "plc", "PLC", "LLC", "Ltd.", "Limited"]

    /// The United States' states and the District of Columbia, by name and postal code.
    static let usStates: Set<String> = [
        "Alabama", "AL", "Alaska", "AK", "Arizona", "AZ", "Arkansas", "AR", "California", "CA", "Colorado", "CO",
        "Connecticut", "CT", "Delaware", "DE", "Florida", "FL", "Georgia", "GA", "Hawaii", "HI", "Idaho", "ID",
        "Illinois", "IL", "Indiana", "IN", "Iowa", "IA", "Kansas", "KS", "Kentucky", "KY", "Louisiana", "LA",
        "Maine", "ME", "Maryland", "MD", "Massachusetts", "MA", "Michigan", "MI", "Minnesota", "MN",
        "Mississippi", "MS", "Missouri", "MO", "Montana", "MT", "Nebraska", "NE", "Nevada", "NV",
        "New Hampshire", "NH", "New Jersey", "NJ", "New Mexico", "NM", "New York", "NY", "North Carolina", "NC",
        "North Dakota", "ND", "Ohio", "OH", "Oklahoma", "OK", "Oregon", "OR", "Pennsylvania", "PA",
        "Rhode Island", "RI", "South Carolina", "SC", "South Dakota", "SD", "Tennessee", "TN", "Texas", "TX",
        "Utah", "UT", "Vermont", "VT", "Virginia", "VA", "Washington", "WA", "West Virginia", "WV",
        "Wisconsin", "WI", "Wyoming", "WY", "District of Columbia", "DC", "D.C.",
    ]

    /// Countries with their other names and demonyms ("Iran": "Iranian", "Iranians"), and Puerto Rico. Left out
    /// where the words name something else in US news as often: Jordan (Jim Jordan, Michael Jordan), Georgia
    /// (the state), Chad (a first name), Ireland ("Irish" is as often Irish-American), Congo (two countries), Guinea and
    /// Niger (their demonyms), England, Scotland and Wales ("English" is a language); India's "Indian" is also
    /// Native Americans' (`ArticleAnalyzer.countryOf` leaves India out of detection).
    static let countries: [String: [String]] = [
        "United States": ["U.S.", "US", "USA", "America", "American", "Americans"],
        "United Kingdom": ["U.K.", "UK", "Britain", "British", "Britons"],
        "Russia": ["Russian", "Russians"], "China": ["Chinese"], "Iran": ["Iranian", "Iranians"],
        "Iraq": ["Iraqi", "Iraqis"], "Israel": ["Israeli", "Israelis"], "Ukraine": ["Ukrainian", "Ukrainians"],
        "Mexico": ["Mexican", "Mexicans"], "Canada": ["Canadian", "Canadians"], "Germany": ["German", "Germans"],
        "France": ["French"], "Italy": ["Italian", "Italians"], "Spain": ["Spanish", "Spaniards"],
        "Japan": ["Japanese"], "India": ["Indian", "Indians"], "Pakistan": ["Pakistani", "Pakistanis"],
        "Afghanistan": ["Afghan", "Afghans"], "Syria": ["Syrian", "Syrians"], "Turkey": ["Turkish", "Turks"],
        "Saudi Arabia": ["Saudi", "Saudis"], "Egypt": ["Egyptian", "Egyptians"], "North Korea": ["North Korean", "North Koreans"],
        "South Korea": ["South Korean", "South Koreans"], "Venezuela": ["Venezuelan", "Venezuelans"],
        "Cuba": ["Cuban", "Cubans"], "Brazil": ["Brazilian", "Brazilians"], "Colombia": ["Colombian", "Colombians"],
        "Palestine": ["Palestinian", "Palestinians"], "Lebanon": ["Lebanese"], "Yemen": ["Yemeni", "Yemenis"],
        "Libya": ["Libyan", "Libyans"], "Nigeria": ["Nigerian", "Nigerians"], "Poland": ["Polish", "Poles"],
        "Greece": ["Greek", "Greeks"], "Qatar": ["Qatari", "Qataris"], "Taiwan": ["Taiwanese"],
        "Australia": ["Australian", "Australians"], "European Union": ["EU", "E.U."],
        // Europe
        "Netherlands": ["Dutch"], "Belgium": ["Belgian", "Belgians"], "Switzerland": ["Swiss"],
        "Austria": ["Austrian", "Austrians"], "Portugal": ["Portuguese"], "Sweden": ["Swedish", "Swedes"],
        "Norway": ["Norwegian", "Norwegians"], "Denmark": ["Danish", "Danes"], "Finland": ["Finnish", "Finns"],
        "Iceland": ["Icelandic", "Icelanders"], "Hungary": ["Hungarian", "Hungarians"],
        "Czech Republic": ["Czechia", "Czech", "Czechs"], "Slovakia": ["Slovak", "Slovaks"],
        "Slovenia": ["Slovenian", "Slovenians"], "Romania": ["Romanian", "Romanians"],
        "Bulgaria": ["Bulgarian", "Bulgarians"], "Serbia": ["Serbian", "Serbians", "Serbs"],
        "Croatia": ["Croatian", "Croatians", "Croats"], "Bosnia": ["Bosnian", "Bosnians"],
        "Albania": ["Albanian", "Albanians"], "Kosovo": ["Kosovar", "Kosovars"], "Cyprus": ["Cypriot", "Cypriots"],
        "Belarus": ["Belarusian", "Belarusians"], "Lithuania": ["Lithuanian", "Lithuanians"],
        "Latvia": ["Latvian", "Latvians"], "Estonia": ["Estonian", "Estonians"], "Moldova": ["Moldovan", "Moldovans"],
        // Asia and the Middle East
        "Armenia": ["Armenian", "Armenians"], "Azerbaijan": ["Azerbaijani", "Azerbaijanis"],
        "Kazakhstan": ["Kazakh", "Kazakhs"], "Uzbekistan": ["Uzbek", "Uzbeks"], "Mongolia": ["Mongolian", "Mongolians"],
        "Vietnam": ["Vietnamese"], "Thailand": ["Thai"], "Cambodia": ["Cambodian", "Cambodians"],
        "Myanmar": ["Burma", "Burmese"], "Malaysia": ["Malaysian", "Malaysians"],
        "Singapore": ["Singaporean", "Singaporeans"], "Indonesia": ["Indonesian", "Indonesians"],
        "Philippines": ["Philippine", "Filipino", "Filipinos"], "Bangladesh": ["Bangladeshi", "Bangladeshis"],
        "Sri Lanka": ["Sri Lankan", "Sri Lankans"], "Nepal": ["Nepali", "Nepalese"],
        "Kuwait": ["Kuwaiti", "Kuwaitis"], "United Arab Emirates": ["UAE", "U.A.E.", "Emirati", "Emiratis"],
        "Oman": ["Omani", "Omanis"], "Bahrain": ["Bahraini", "Bahrainis"],
        // Africa
        "Algeria": ["Algerian", "Algerians"], "Morocco": ["Moroccan", "Moroccans"], "Tunisia": ["Tunisian", "Tunisians"],
        "Sudan": ["Sudanese"], "Ethiopia": ["Ethiopian", "Ethiopians"], "Eritrea": ["Eritrean", "Eritreans"],
        "Somalia": ["Somali", "Somalis"], "Kenya": ["Kenyan", "Kenyans"], "Uganda": ["Ugandan", "Ugandans"],
        "Tanzania": ["Tanzanian", "Tanzanians"], "Rwanda": ["Rwandan", "Rwandans"], "Ghana": ["Ghanaian", "Ghanaians"],
        "Senegal": ["Senegalese"], "Mali": ["Malian", "Malians"], "Cameroon": ["Cameroonian", "Cameroonians"],
        "Zimbabwe": ["Zimbabwean", "Zimbabweans"], "South Africa": ["South African", "South Africans"],
        // The Americas and Oceania
        "Argentina": ["Argentine", "Argentines", "Argentinian", "Argentinians"], "Chile": ["Chilean", "Chileans"],
        "Peru": ["Peruvian", "Peruvians"], "Ecuador": ["Ecuadorian", "Ecuadorians"], "Bolivia": ["Bolivian", "Bolivians"],
        "Guatemala": ["Guatemalan", "Guatemalans"], "Honduras": ["Honduran", "Hondurans"],
        "El Salvador": ["Salvadoran", "Salvadorans"], "Nicaragua": ["Nicaraguan", "Nicaraguans"],
        "Costa Rica": ["Costa Rican", "Costa Ricans"], "Panama": ["Panamanian", "Panamanians"],
        "Haiti": ["Haitian", "Haitians"], "Dominican Republic": ["Dominican", "Dominicans"],
        "Jamaica": ["Jamaican", "Jamaicans"], "Puerto Rico": ["Puerto Rican", "Puerto Ricans"],
        "New Zealand": ["New Zealander", "New Zealanders"],
    ]

    /// Words that make a name a public body, which news text often names by its acronym ("EPA", "FBI", "DOJ").
    static let bodyWords: Set<String> = ["Department", "Agency", "Bureau", "Administration", "Commission", "Service",
                                         "Office", "Institute", "Organization", "Council", "Board", "Authority",
                                         "Committee", "Association", "Union", "Agreement", "Federation", "Alliance"]

    /// Last words that make a capitalised phrase an organisation, a law, a programme or a place rather than a
    /// person, so that it gets no "surname": "Internal Revenue Service" is not a Mr. Service (its "surname" had
    /// matched the "Secret Service", and the name then missed its acronym, "IRS"), nor is "Minneapolis Police
    /// Department" a "Department" (which matched the "Justice Department"), "Deutsche Bank" a "Bank" or "Green New
    /// Deal" a "Deal". The body words (`bodyWords`) and company words (`companyWords`) are among them.
    static let nonPersonLast: Set<String> = bodyWords.union(companyWords).union([
        "Bank", "Foundation", "Center", "Centre", "Caucus", "Campaign", "Coalition", "Network", "Project", "Group",
        "Fund", "Trust", "Club", "Society", "Team", "Initiative", "Program", "Programme", "Plan", "Policy", "Act",
        "Amendment", "Law", "Bill", "Deal", "Report", "Court", "Party", "Police", "Army", "Navy", "Corps", "Guard",
        "University", "College", "School", "Hospital", "Church", "Times", "News", "Journal", "Magazine", "Media",
        "Goods", "Partners", "Action", "Watch", "Security", "Advantage", "Tech", "Patriots", "Core", "One", "Start",
        "Street", "Avenue", "Island", "Islands", "County", "City", "River", "Valley", "Airlines", "Lines",
    ])

    /// Trailing words dropped from a person's name ("Jr."); leading ones are `ActorDetector.titles`.
    static let nameSuffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]

    /// The person a name may be: its words without a leading title, and the surname (the last word before a
    /// suffix, its first letter capitalised); nil when it does not look like a person's name (two or three
    /// alphabetic words, the first naming no place or body, a surname of three letters or more).
    static func personName(_ words: [String]) -> (full: [String], surname: String)? {
        var w = words
        // A capitalised adjective before a title ("Russian President Vladimir Putin", "Syrian President Bashar
        // Assad"): the name starts after the title.
        if w.count > 3, !ActorDetector.titles.contains(w[0].lowercased().filter { $0 != "." }),
           ActorDetector.titles.contains(w[1].lowercased().filter { $0 != "." }) { w.removeFirst() }
        while w.count > 2, ActorDetector.titles.contains(w[0].lowercased().filter { $0 != "." }) { w.removeFirst() }
        var core = w
        while core.count > 2, let l = core.last, nameSuffixes.contains(l.lowercased()) { core.removeLast() }
        guard (2...3).contains(core.count),
              core.allSatisfy({ c in c.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "-" || $0 == "." || MentionFinder.canonicalMark($0) == "'" } }),
              core.allSatisfy({ $0.unicodeScalars.first!.properties.isAlphabetic }),
              !nonPersonFirst.contains(core[0].lowercased()), !ActorDetector.titles.contains(core[0].lowercased()),
              let last = core.last, last.unicodeScalars.count >= 3, !nonPersonLast.contains(last) else { return nil }
        // Every word capitalised (after an Arabic article: "al-Assad"): a name typed in lower case ("gun law") is
        // a common noun's phrase, not a person.
        guard core.allSatisfy({ (withoutArticle($0) ?? $0).first?.isUppercase == true }) else { return nil }
        return (w, last)
    }

    /// The Arabic articles a surname may start with, as English-language news writes them.
    static let surnameArticles = ["al-", "el-", "Al-", "El-"]

    /// `word` without a leading Arabic article ("al-Assad": "Assad"), when it has one and a capitalised name of
    /// three letters or more follows it; else nil.
    static func withoutArticle(_ word: String) -> String? {
        guard let a = surnameArticles.first(where: { word.hasPrefix($0) }) else { return nil }
        let rest = String(word.dropFirst(a.count))
        guard rest.count >= 3, rest.first?.isUppercase == true else { return nil }
        return rest
    }

    /// Whether `alias` looks like a person's name (`personName`).
    static func isPersonName(_ alias: String) -> Bool { personName(alias.split(separator: " ").map(String.init)) != nil }

    /// The English plural of a lower-case noun: -ies after a consonant and y, -es after s, x, z, ch, sh; -s.
    static func plural(_ w: String) -> String {
        if w.hasSuffix("y"), let c = w.dropLast().last, !"aeiou".contains(c) { return w.dropLast() + "ies" }
        if ["s", "x", "z", "ch", "sh"].contains(where: { w.hasSuffix($0) }) { return w + "es" }
        return w + "s"
    }

    /// `s` with each run of white space (double spaces, tabs, line breaks, no-break spaces) as one space, so
    /// that an alias typed with a no-break or double space is the name written with a plain one (`MentionFinder`
    /// matches a space in a form against any run of white space in the text).
    static func collapseSpaces(_ s: String) -> String {
        // Scalars compared directly (a Foundation substring search per alias of every detected actor cost 3 M
        // instructions on 400 articles).
        var previousSpace = false, irregular = false
        for c in s.unicodeScalars {
            let space = ScalarClass.isSpace(c)
            if space && (c != " " || previousSpace) { irregular = true; break }
            previousSpace = space
        }
        guard irregular else { return s }
        var out = String.UnicodeScalarView()
        var space = false
        for c in s.unicodeScalars {
            if ScalarClass.isSpace(c) { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return String(out)
    }

    static func stripPossessive(_ s: String) -> String {
        // Most names neither start nor end with a space and end in no apostrophe or apostrophe and s: nothing to
        // do (the general path counts characters, and ran for every detected actor, "Republicans" and "United
        // States" too; `ScalarClass.isSpace` is Unicode's white space, without a property look-up for ASCII).
        let u = s.unicodeScalars
        if let f = u.first, let l = u.last, !ScalarClass.isSpace(f), !ScalarClass.isSpace(l), l != "'", l != "’" {
            if l != "s" { return s }
            let end = u.index(before: u.endIndex)
            if end == u.startIndex { return s }
            let before = u[u.index(before: end)]
            if before != "'" && before != "’" { return s }
        }
        var t = s.trimmingCharacters()
        for suffix in ["'s", "’s", "'", "’"] where t.hasSuffix(suffix) && t.count > suffix.count + 1 {
            t.removeLast(suffix.count); break
        }
        return t
    }
}

/// A mention of an actor: where it is in the text (half-open scalar offsets) and which actor it belongs to.
public struct Mention: Equatable, Sendable {
    public var actor: Int
    public var range: Range<Int>
}

/// Finds the mentions of actors in a text.
public enum MentionFinder {
    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool { ScalarClass.isWord(c) }

    /// A word's key for the first-word index of `find`: `FNV64` over its scalars as written or folded, the two
    /// kinds told apart by their offset (`find`'s text scan computes the same keys inline).
    @inline(__always) static func wordKey(_ s: [Unicode.Scalar], _ r: Range<Int>, folded: Bool) -> UInt64 {
        var h = folded ? FNV64.foldedOffset : FNV64.offset
        for i in r { h = FNV64.mix(h, folded ? fold(s[i]) : s[i]) }
        return h
    }

    /// Apostrophes as one scalar, and hyphens as one: a name typed with a straight apostrophe matches the text's
    /// typographic one and the other way round ("O'Connor", "O’Connor"; news text uses either, often both), and a
    /// hyphen the Unicode hyphens and the en dash that typesetting puts between a compound name's parts
    /// ("AFL-CIO", "AFL–CIO"). The em dash is left alone: it separates clauses, not a name's parts.
    @inline(__always) static func canonicalMark(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c.value {
        case 0x2019, 0x2018, 0x02BC: return "'"
        case 0x2010...0x2013: return "-"
        default: return c
        }
    }

    @inline(__always) static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII { return c.value >= 65 && c.value <= 90 ? Unicode.Scalar(c.value + 32)! : c }
        let l = c.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? l.first! : c
    }

    /// Every mention of every actor, in text order. Longer aliases win over shorter ones inside them, and an
    /// earlier actor wins a tie, so "Donald Trump" is one mention, not a mention of "Donald Trump" and one of
    /// "Trump". A match must start and end at word boundaries; an apostrophe after it (possessive) is allowed.
    /// Matching ignores case unless the actor is case-sensitive or the alias is an all-capitals acronym of up
    /// to four letters ("US" is not "us"); a one-word alias written with a capital ("May", "Park", a surname)
    /// matches only where the text capitalises it too, so that "Theresa May" is not the verb "may" nor "Ellen
    /// Park" a park. A space in an alias matches any run of white space in the text (a line break of
    /// hard-wrapped text, a no-break space), an apostrophe any apostrophe (' ’ ‘ ʼ), and a hyphen any hyphen or
    /// en dash (- ‐ ‑ ‒ –).
    /// - Complexity: O(text × aliases) in the worst case, O(text + matches) typically (first-scalar filter).
    public static func find(_ actors: [Actor], in text: [Unicode.Scalar]) -> [Mention] {
        find(actors, in: text, capitals: nil)
    }

    /// `find`, given the text's capitalised words (`ActorDetector.detect(_:sentences:limit:minMentions:capitals:)`):
    /// when every alias is matched as written and starts with a capital letter (detected actors), those are
    /// the only words where a match can start, and the text is not scanned for words again.
    /// - Parameter independent: each actor's matches as if it were searched alone (no actor's match keeps
    ///   another's from being found); for actors with one alias each, whose own matches never overlap.
    static func find(_ actors: [Actor], in text: [Unicode.Scalar], capitals: [ActorDetector.CapitalisedWord]?,
                     independent: Bool = false) -> [Mention] {
        find(Forms(actors), in: text, capitals: capitals, independent: independent)
    }

    /// What `find` needs of a list of actors, made once per list: each alias as scalars with how it matches,
    /// the order they are tried in, and the index of their first words. Independent of the text, so a list used
    /// for a whole run (`NamedActors`) is prepared once rather than per record.
    struct Forms: Sendable {
        var forms: [(actor: Int, scalars: [Unicode.Scalar], exact: Bool, capital: Bool)] = []
        /// Each form's scalars as compared (folded unless exact; apostrophes and hyphens canonical).
        var patterns: [[Unicode.Scalar]] = []
        /// Longest forms first; stable in actor order.
        var order: [Int] = []
        var isWordForm: [Bool] = []
        var firstKeys: [UInt64] = []
        var formsOfKey: [[Int]] = []
        var filter = [UInt64](repeating: 0, count: 64)
        var anyFolded = false
        var lengths: UInt64 = 0
        var exactFirst: UInt64 = 0, foldedFirst: UInt64 = 0
        /// Every form that starts with a word is matched as written and starts with a capital (detected actors).
        var capitalsOnly = false
        /// Whether each form is a person's surname alone: one capitalised word that ends another alias of the same
        /// actor ("Clinton" of "Hillary Clinton"), not a body's word ("Committee"); such a match is checked by
        /// `surnameOfOther`.
        var surname: [Bool] = []
        /// Per actor, its forms (`forms` lists each actor's together): the words of its names of two words or
        /// more are its own first and middle names (`isOwn`).
        var actorForms: [Range<Int>] = []
        /// Whether each form has two words or more: a match of one is the person named in full.
        var multiWord: [Bool] = []

        init(_ actors: [Actor]) {
            for (a, actor) in actors.enumerated() {
                let first = forms.count
                for alias in actor.aliases {
                    let sc = Array(alias.unicodeScalars)
                    let acronym = sc.count <= 4 && sc.allSatisfy { ScalarClass.isUpper($0) }
                    let exact = actor.caseSensitive || acronym
                    // A one-word name written with a capital: only capitalised uses in the text are mentions.
                    let oneWord = !sc.isEmpty && !sc.contains(where: { ScalarClass.isSpace($0) })
                    let capital = !exact && oneWord && ScalarClass.isUpper(sc[0])
                    forms.append((a, sc, exact, capital))
                    patterns.append((exact ? sc : sc.map(fold)).map(canonicalMark))
                    multiWord.append(!sc.isEmpty && !oneWord)
                }
                actorForms.append(first..<forms.count)
                // A surname: one capitalised word (no acronym) that another of the actor's names ends with, after a
                // word of its own ("Trump Trump", as a data set wrote a target, has none); no body's word.
                for fi in first..<forms.count {
                    let sc = forms[fi].scalars
                    let isSurname = !multiWord[fi] && !sc.isEmpty && ScalarClass.isUpper(sc[0]) && !(sc.count <= 4 && sc.allSatisfy { ScalarClass.isUpper($0) })
                        && (first..<forms.count).contains { gi in
                            let t = forms[gi].scalars, cut = t.count - sc.count - 1
                            guard multiWord[gi], cut > 0, t[cut] == " ", t[(cut + 1)...].elementsEqual(sc) else { return false }
                            // Some word before it is another: its length differs, or a scalar at its offset does.
                            var start = 0
                            for end in 0...cut where end == cut || t[end] == " " {
                                if end - start != sc.count || !t[start..<end].elementsEqual(sc) { return true }
                                start = end + 1
                            }
                            return false
                        }
                    surname.append(isSurname && !MentionFinder.nonPersonLastKeys.contains(sc.reduce(FNV64.offset, FNV64.mix)))
                }
            }
            order = forms.indices.sorted { forms[$0].scalars.count > forms[$1].scalars.count || (forms[$0].scalars.count == forms[$1].scalars.count && $0 < $1) }
            // A match starts at a word boundary, so a form that begins with a word scalar can only match where a
            // word starts, and only where that word equals the form's first word (a match ends at a word boundary
            // too, and a form's first word ends where the form has a non-word scalar or ends). One pass over the
            // words indexes them by their first word's key, so each form is tried only where its first word
            // occurs: O(text + tries) instead of O(words × forms). The tries and their order are those of trying
            // every word start, so the mentions are the same.
            var byFirstWord: [UInt64: [Int]] = [:]   // key (exact or folded, tagged) → forms, in `order`
            var wordForms: [Int] = []
            isWordForm = [Bool](repeating: false, count: forms.count)
            for fi in order where !forms[fi].scalars.isEmpty && isWordScalar(forms[fi].scalars[0]) {
                let sc = forms[fi].scalars
                var w = 1
                while w < sc.count && isWordScalar(sc[w]) { w += 1 }
                byFirstWord[wordKey(sc, 0..<w, folded: !forms[fi].exact), default: []].append(fi)
                wordForms.append(fi); isWordForm[fi] = true
                // The first words' lengths in scalars (64 and more as 63): a word of another length is not hashed.
                lengths |= 1 << min(w, 63)
            }
            // The first-word keys, sorted, behind a 4,096-bit filter on each key's top bits: cheaper per text word
            // than a dictionary look-up, and with hundreds of actors (a watch list) a binary search rather than a
            // scan of every key.
            firstKeys = Array(byFirstWord.keys).sorted()
            formsOfKey = firstKeys.map { byFirstWord[$0]! }
            for k in firstKeys { filter[Int(k >> 58)] |= 1 << ((k >> 52) & 63) }
            anyFolded = wordForms.contains { !forms[$0].exact }
            // A word can only equal a form's first word when their first scalars are equal (as written, or
            // folded): a 64-bit mask of the forms' first scalars (value mod 64) lets most words be skipped without
            // hashing them (detected actors are capitalised names; most words are not).
            for fi in wordForms {
                let c = forms[fi].scalars[0]
                if forms[fi].exact { exactFirst |= 1 << (c.value & 63) } else { foldedFirst |= 1 << (fold(c).value & 63) }
            }
            capitalsOnly = !firstKeys.isEmpty && foldedFirst == 0 && wordForms.allSatisfy { ScalarClass.isUpper(forms[$0].scalars[0]) }
        }
    }

    /// `find` with the actors' forms prepared (`Forms`).
    static func find(_ f: Forms, in text: [Unicode.Scalar], capitals: [ActorDetector.CapitalisedWord]?,
                     independent: Bool = false) -> [Mention] {
        let n = text.count
        var taken = [Bool](repeating: false, count: n)
        // Whether each actor's name in full is in the text (forms are tried longest first, so before its surname).
        var named = [Bool](repeating: false, count: f.actorForms.count)
        var out: [Mention] = []
        let firstKeys = f.firstKeys, formsOfKey = f.formsOfKey, filter = f.filter
        let exactFirst = f.exactFirst, foldedFirst = f.foldedFirst, anyFolded = f.anyFolded, lengths = f.lengths
        var tries = [[Int]](repeating: [], count: f.forms.count)   // form → word starts where its first word occurs
        @inline(__always) func note(_ key: UInt64, _ i: Int) {
            guard filter[Int(key >> 58)] & (1 << ((key >> 52) & 63)) != 0 else { return }
            var lo = 0, hi = firstKeys.count
            while lo < hi { let mid = (lo + hi) >> 1; if firstKeys[mid] < key { lo = mid + 1 } else { hi = mid } }
            if lo < firstKeys.count, firstKeys[lo] == key { for fi in formsOfKey[lo] { tries[fi].append(i) } }
        }
        if let capitals, f.capitalsOnly {
            for w in capitals where exactFirst & (1 << (text[w.start].value & 63)) != 0 { note(w.key, w.start) }
        } else if !firstKeys.isEmpty {
            text.withUnsafeBufferPointer { t in
                // Where the word starting at `from` ends: ASCII letters and digits eight at a time, then any other
                // word scalar (`isWordScalar` is exactly these).
                @inline(__always) func wordEnd(_ from: Int) -> Int {
                    var j = from
                    while true {
                        j = ScalarScan.asciiAlnumEnd(t, from: j, to: n)
                        guard j < n, t[j].value >= 0x80, isWordScalar(t[j]) else { return j }
                        j += 1
                    }
                }
                var i = 0
                while i < n {
                    let c = t[i]
                    guard isWordScalar(c) else { i += 1; continue }
                    let j = wordEnd(i + 1)
                    let wantExact = exactFirst & (1 << (c.value & 63)) != 0
                    let wantFolded = anyFolded && foldedFirst & (1 << (fold(c).value & 63)) != 0
                    guard wantExact || wantFolded, lengths & (1 << min(j - i, 63)) != 0 else { i = j; continue }
                    var exact = FNV64.offset, folded = FNV64.foldedOffset
                    for k in i..<j {
                        if wantExact { exact = FNV64.mix(exact, t[k]) }
                        if wantFolded { folded = FNV64.mix(folded, fold(t[k])) }
                    }
                    if wantExact { note(exact, i) }
                    if wantFolded { note(folded, i) }
                    i = j
                }
            }
        }
        for fi in f.order {
            let form = f.forms[fi]
            let m = form.scalars.count
            // (A form that starts with a word is tried only where its first word occurs: nowhere, often.)
            guard m > 0, m <= n, !f.isWordForm[fi] || !tries[fi].isEmpty else { continue }
            let exact = form.exact
            let pattern = f.patterns[fi]
            let first = pattern[0]
            // Folded forms fold the text as they compare (only where a try starts), not the whole text.
            @inline(__always) func at(_ i: Int) -> Unicode.Scalar { canonicalMark(exact ? text[i] : fold(text[i])) }
            let capital = form.capital
            let surname = f.surname[fi], multiWord = f.multiWord[fi]
            // Where a match at `i` ends (a space in the form takes any run of white space), or -1.
            @inline(__always) func matchEnd(_ i: Int) -> Int {
                guard at(i) == first, !capital || ScalarClass.isUpper(text[i]) else { return -1 }
                var t = i + 1
                for k in 1..<m {
                    if pattern[k] == " " {
                        guard t < n, ScalarClass.isSpace(text[t]) else { return -1 }
                        t += 1
                        while t < n && ScalarClass.isSpace(text[t]) { t += 1 }
                    } else {
                        guard t < n, at(t) == pattern[k] else { return -1 }
                        t += 1
                    }
                }
                guard (i == 0 || !isWordScalar(text[i - 1])) && (t == n || !isWordScalar(text[t])),
                      independent || !(i..<t).contains(where: { taken[$0] }) else { return -1 }
                if surname && surnameOfOther(text, i, t, forms: f, actor: form.actor, named: named[form.actor]) { return -1 }
                return t
            }
            func take(_ i: Int, _ end: Int) {
                if !independent { for k in i..<end { taken[k] = true } }
                if multiWord { named[form.actor] = true }
                out.append(Mention(actor: form.actor, range: i..<end))
            }
            if f.isWordForm[fi] {
                var next = 0
                for i in tries[fi] where i >= next && i + m <= n {
                    let end = matchEnd(i)
                    if end >= 0 { take(i, end); next = end }
                }
            } else {
                var i = 0
                while i + m <= n {
                    let end = matchEnd(i)
                    if end >= 0 { take(i, end); i = end } else { i += 1 }
                }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

extension MentionFinder {
    /// Capitalised words after a surname that make it part of the name of something named after the person: an
    /// organisation, a building, a law (`Actor.nonPersonLast` and a few more), as written ("Clinton Foundation",
    /// "Clinton Global Initiative", "Trump Tower", "Brady Bill"). Not the person's own administration, campaign
    /// or team, which news writes in lower case as often, where the surname is a mention.
    static let namedAfterKeys = KeySet64(Actor.nonPersonLast.subtracting(["Administration", "Campaign", "Team", "One", "Start", "Core"])
        .union(["Tower", "Towers", "Hotel", "Hotels", "Library", "Museum", "Doctrine", "Organisation", "Estate", "Resort",
                "Resorts", "Airport", "Building", "Bridge", "Stadium", "Arena", "Prize", "Award"]).map(FNV64.key))

    /// `Actor.nonPersonLast` as keys (`FNV64.key`, as written), so that no string is made per name.
    static let nonPersonLastKeys = KeySet64(Actor.nonPersonLast.map(FNV64.key))

    /// Whether a match of a person's surname alone at `i..<end` of `t` is part of another name, and so no
    /// mention of the person: capitalised words right after it name something named after the person
    /// (`namedAfterKeys`: "the Clinton Foundation"); or, where the text names the person in full somewhere
    /// (`named`), the capitalised words right before it (one space apart, back to a lower-case word, punctuation
    /// or a line break; across "of" and initials) have no title right before it or before "of" ("President",
    /// "Secretary of State", "Sen.", "Governor-Elect"), none of the person's own names ("Hillary Rodham Clinton";
    /// "George W. Bush" for "George Bush"; one letter apart, "Mohammad" for "Mohammed"), are not initials alone
    /// ("F. C. Meyer"), and the nearest is no word that only opens sentences or names a day ("Yesterday Clinton
    /// said", "On Tuesday Clinton"): another person's first name, "Bill Clinton", "Chelsea Clinton", "Eric Trump".
    /// - Parameter forms: the actors' forms, of which `actor`'s names of two words or more give its own names.
    /// - Complexity: O(the few words around the match).
    static func surnameOfOther(_ t: [Unicode.Scalar], _ i: Int, _ end: Int, forms f: Forms, actor: Int, named: Bool) -> Bool {
        let n = t.count
        var j = end
        for _ in 0..<4 {
            guard j + 1 < n, t[j] == " ", ScalarClass.isUpper(t[j + 1]) else { break }
            var k = j + 1, key = FNV64.offset
            while k < n && isWordScalar(t[k]) { key = FNV64.mix(key, t[k]); k += 1 }
            if namedAfterKeys.contains(key) { return true }
            j = k
        }
        // The run of capitalised words before the match, nearest first; read only when the text names the person
        // in full (a name given otherwise than the text writes it, "Boss Madigan" for "Mike Madigan", or with a
        // data set's noise, "REUTERSKevin Lamarque Trump", leaves its surname every mention).
        guard named else { return false }
        var k = i, words = 0, afterOf = false, initials = 0
        while words < 6 {
            // One space apart: two or more white-space scalars are a gap (text with its commas stripped, as
            // PerSenT's is: "after the loss to Louisville   Fisher confronted a fan"), and a line break a
            // paragraph's or a caption's end ("REUTERS/Carlos Barria\nSchumer said").
            guard k > 1, t[k - 1] == " " || t[k - 1] == "\u{A0}", !ScalarClass.isSpace(t[k - 2]) else { break }
            let e = k - 1
            let period = t[e - 1] == "."
            let we = period ? e - 1 : e
            var s = we
            while s > 0 && isWordScalar(t[s - 1]) { s -= 1 }
            guard s < we else { break }
            var lower = FNV64.offset
            for x in s..<we { lower = FNV64.mix(lower, fold(t[x])) }
            // A hyphenated compound ("Governor-Elect"): a title when its first part is one.
            var first = lower
            if s > 1, t[s - 1] == "-", isWordScalar(t[s - 2]) {
                var h = s - 1
                while h > 0 && isWordScalar(t[h - 1]) { h -= 1 }
                first = FNV64.offset
                for x in h..<(s - 1) { first = FNV64.mix(first, fold(t[x])) }
                s = h
            }
            guard s == 0 || !isWordScalar(t[s - 1]) else { break }
            if !ScalarClass.isUpper(t[s]) {
                // "of" inside a title ("Secretary of State Clinton"): the run goes on when a capital precedes it.
                guard lower == ActorDetector.ofKey, !period, words > 0 else { break }
                k = s; afterOf = true; continue
            }
            if period {
                // An abbreviated title ("Sen.", "Gov.", "Mr.": `ActorDetector.titles` has them) ends the question;
                // an initial ("W.") is part of a name; any other word before a period ends a sentence.
                if (words == 0 || afterOf) && ActorDetector.titleKeys.contains(lower) { return false }
                guard we - s == 1 else { break }
                k = s; words += 1; initials += 1; continue
            }
            if we - s >= 2 && (s..<we).allSatisfy({ ScalarClass.isUpper(t[$0]) }) { break }   // a heading's capitals, an acronym
            // A title right before the name, or before "of" ("Secretary of State"), is the person's; one further
            // back is another's ("President George W. Bush" is no mention of Jeb Bush).
            if (words == 0 || afterOf) && (ActorDetector.titleKeys.contains(lower) || ActorDetector.titleKeys.contains(first)) { return false }
            if isOwn(t[s..<we], forms: f, actor: actor) { return false }
            if words == 0 && (ActorDetector.functionKeys.contains(lower) || ActorDetector.notNameKeys.contains(lower)
                              || SentenceOpeners.keys.contains(lower)) { return false }
            k = s; words += 1
        }
        // Initials alone ("F. C. Meyer") are the person's.
        return words > initials
    }

    /// Whether `word` is one of the words of `actor`'s names of two words or more (`Forms.actorForms`), its own
    /// first and middle names, ignoring case, spelt the same or, with four letters or more, one letter apart
    /// ("Mohammad" for "Mohammed", "Mikhail" for "Mikheil", "Henrik" for a data set's "NHenrik").
    /// - Complexity: O(the actor's names' scalars).
    static func isOwn(_ word: ArraySlice<Unicode.Scalar>, forms f: Forms, actor: Int) -> Bool {
        let base = word.startIndex, wn = word.count
        @inline(__always) func w(_ k: Int) -> Unicode.Scalar { fold(word[base + k]) }
        for fi in f.actorForms[actor] where f.multiWord[fi] {
            let sc = f.forms[fi].scalars
            var start = 0
            for end in 0...sc.count where end == sc.count || sc[end] == " " {
                defer { start = end + 1 }
                let on = end - start
                guard on > 0, abs(on - wn) <= 1 else { continue }
                @inline(__always) func o(_ k: Int) -> Unicode.Scalar { fold(sc[start + k]) }
                // The common prefix and suffix leave at most one scalar on each side.
                var p = 0
                while p < on && p < wn && o(p) == w(p) { p += 1 }
                if p == on && p == wn { return true }
                guard min(on, wn) >= 4 else { continue }
                var q = 0
                while q < on - p && q < wn - p && o(on - 1 - q) == w(wn - 1 - q) { q += 1 }
                if on - p - q <= 1 && wn - p - q <= 1 { return true }
            }
        }
        return false
    }

    /// `mentions` with each mention of an alias that several actors hold (the surname of "Bill Clinton" and of
    /// "Hillary Clinton") given to the actor whose own (unshared) alias was mentioned last before it; a shared
    /// mention before any of theirs stays with the actor `find` gave it (the first listed, the most mentioned). An
    /// alias is shared when two actors spell it the same way.
    /// - Complexity: O(mentions + aliases); nothing is done when no alias is shared.
    public static func resolveShared(_ mentions: [Mention], actors: [Actor], text: [Unicode.Scalar]) -> [Mention] {
        resolveShared(mentions, shared: sharedAliases(actors), actorCount: actors.count, text: text)
    }

    /// The lower-cased aliases that two or more of `actors` hold, with the actors holding each; nil when none
    /// (no two actors spell an alias the same way). Independent of the text (`NamedActors` makes it once).
    static func sharedAliases(_ actors: [Actor]) -> [String: [Int]]? {
        guard actors.count > 1 else { return nil }
        // Most articles share no alias: a comparison of the few alias strings, before any string is made; with
        // many actors (a watch list), one set of the aliases instead of comparing every pair.
        let anyShared: Bool
        if actors.count <= 8 {
            anyShared = actors.indices.contains { a in
                actors[a].aliases.contains { alias in actors.indices.contains { b in b != a && actors[b].aliases.contains(alias) } }
            }
        } else {
            var seen = Set<String>()
            anyShared = actors.contains { actor in Set(actor.aliases).contains { !seen.insert($0).inserted } }
        }
        guard anyShared else { return nil }
        var holders: [String: [Int]] = [:]
        for (a, actor) in actors.enumerated() {
            for alias in actor.aliases where !(holders[alias.lowercased()]?.contains(a) ?? false) { holders[alias.lowercased(), default: []].append(a) }
        }
        let shared = holders.filter { $0.value.count > 1 }
        return shared.isEmpty ? nil : shared
    }

    /// `resolveShared(_:actors:text:)` with the shared aliases found (`sharedAliases`).
    static func resolveShared(_ mentions: [Mention], shared: [String: [Int]]?, actorCount: Int, text: [Unicode.Scalar]) -> [Mention] {
        guard let shared else { return mentions }
        var lastOwn = [Int](repeating: -1, count: actorCount)
        var out = mentions
        for (k, m) in mentions.enumerated() {
            if let hs = shared[String(scalars: text, m.range).lowercased()] {
                if let best = hs.filter({ lastOwn[$0] >= 0 }).max(by: { lastOwn[$0] < lastOwn[$1] }) { out[k].actor = best }
            } else {
                lastOwn[m.actor] = m.range.lowerBound
            }
        }
        return out
    }

    /// The mentions in each sentence (one list per sentence, in text order; empty for a sentence that mentions
    /// no actor), each sentence's mentions as spans relative to its start. Mentions outside every sentence are
    /// dropped, and so are mentions that end past their sentence.
    /// - Parameter mentions: in text order (`find`).
    /// - Complexity: O(sentences + mentions).
    public static func bySentence(_ mentions: [Mention], sentences: [Range<Int>]) -> [[(actor: Int, span: Span)]] {
        let ranges = sentenceRanges(mentions, sentences: sentences)
        return sentences.indices.map { j in
            ranges[j].compactMap { m in span(of: mentions[m], in: sentences[j]).map { (mentions[m].actor, $0) } }
        }
    }

    /// For each sentence, the indices of `mentions` that start in it or before it and after the previous
    /// sentence's (`span(of:in:)` says which of them lie inside it): `bySentence` without a list per sentence.
    /// - Parameter mentions: in text order (`find`).
    /// - Complexity: O(sentences + mentions), one allocation.
    public static func sentenceRanges(_ mentions: [Mention], sentences: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(sentences.count)
        var m = 0
        mentions.withUnsafeBufferPointer { ms in
            for sentence in sentences {
                let first = m
                while m < ms.count && ms[m].range.lowerBound < sentence.upperBound { m += 1 }
                out.append(first..<m)
            }
        }
        return out
    }

    /// `mention` as a span relative to `sentence`'s start, or nil when it is not inside it: a mention across a
    /// sentence boundary (a name broken by a line break) belongs to neither sentence.
    @inline(__always)
    public static func span(of mention: Mention, in sentence: Range<Int>) -> Span? {
        let r = mention.range
        guard r.lowerBound >= sentence.lowerBound && r.upperBound <= sentence.upperBound else { return nil }
        return Span(r.lowerBound - sentence.lowerBound, r.upperBound - sentence.lowerBound)
    }

    /// `k` of the indices `0..<n` spread evenly, the first included (all of them when `n <= k`).
    public static func spread(_ n: Int, keep k: Int) -> [Int] {
        n <= k ? Array(0..<n) : (0..<k).map { $0 * n / k }
    }
}

