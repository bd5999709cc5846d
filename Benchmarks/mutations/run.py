#!/usr/bin/env python3
"""Mutation check: does the test suite notice small, plausible bugs?

Each mutation below changes one expression in Sources/Slant (the article analysis, the evaluation code, input reading), the
kind of slip a refactoring makes. For each, the script applies it to a scratch copy of the project, builds the
tests and runs them; a mutation the tests do not notice *survives*, and names a missing test. None should survive.

    python3 Benchmarks/mutations/run.py              # every mutation, unit tests (SlantTests) plus each one's filter
    python3 Benchmarks/mutations/run.py --all        # every mutation against the whole suite (slow: ~2 min each)
    python3 Benchmarks/mutations/run.py --only M3    # one mutation

The project itself is never modified: the scratch copy is made with rsync (the first build there is a full
debug build, about two minutes on two cores; each mutation then rebuilds one file). Exit status 1 when a mutation
survives, so the script can gate a change.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# (id, file, original text (must occur exactly once), replacement, what the bug would be, extra test filter)
MUTATIONS = [
    ("M1", "Sources/Slant/Article/ActorAnalysis.swift",
     "for k in 0..<K { mean[k] += e.scores[k] / Float(scored.count) }",
     "for k in 0..<K { mean[k] += e.scores[k] / Float(mentions) }",
     "an actor's mean divided by its mentions instead of its sentences", None),
    ("M2", "Sources/Slant/Article/ActorDetection.swift",
     "(info[cur].person ? 1 : 0, info[cur].count, -info[cur].firstSeen) >= (info[i].person ? 1 : 0, info[i].count, -info[i].firstSeen)",
     "(info[cur].person ? 1 : 0, 0, -info[cur].firstSeen) >= (info[i].person ? 1 : 0, 0, -info[i].firstSeen)",
     "a surname merged into the first-seen longer name, not the most frequent", None),
    ("M3", "Sources/Slant/Article/ActorAnalysis.swift",
     "if distribution[positive] == 0 && distribution[negative] > 0 && score <= -Self.strongEvidence { return negative }",
     "if distribution[positive] == 0 && distribution[negative] > 0 && score <= -2 * Self.strongEvidence { return negative }",
     "strong one-sided negative evidence no longer decides the label", None),
    ("M4", "Sources/Slant/Article/Mentions.swift",
     "guard at(i) == first, !capital || ScalarClass.isUpper(text[i]) else { return -1 }",
     "guard at(i) == first else { return -1 }",
     "a capitalised one-word alias matches the lower-case word ('May' the verb 'may')", None),
    ("M5", "Sources/Slant/Article/Sentences.swift",
     "if isListed(s, word, in: numbers, keys: numberKeys) { return !ScalarClass.isWord(c) || ScalarClass.isLetter(c) }",
     "if isListed(s, word, in: numbers, keys: numberKeys) { return false }",
     "'no.' never ends a sentence ('the answer was no. Park ...')", None),
    ("M6", "Sources/Slant/Article/Mentions.swift",
     "if let best = hs.filter({ lastOwn[$0] >= 0 }).max(by: { lastOwn[$0] < lastOwn[$1] }) { out[k].actor = best }",
     "if let best = hs.filter({ lastOwn[$0] >= 0 }).min(by: { lastOwn[$0] < lastOwn[$1] }) { out[k].actor = best }",
     "a shared surname goes to the person named in full first, not last", None),
    ("M7", "Sources/Slant/Article/ActorAnalysis.swift",
     "result.evidence = evidence(scored[a], label: labels.firstIndex(of: result.label) ?? neutral)",
     "result.evidence = evidence(scored[a], label: neutral)",
     "evidence chosen for neutral whatever the label", None),
    ("M8", "Sources/Slant/Evaluation/Metrics.swift",
     "static func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }",
     "static func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? p * r / (p + r) : 0 }",
     "F1 without its factor 2", None),
    ("M9", "Sources/Slant/Evaluation/Bootstrap.swift",
     "out[k] = q(0.025)...q(0.975)",
     "out[k] = q(0.05)...q(0.95)",
     "a 90% interval reported as 95%", None),
    ("M10", "Sources/Slant/Evaluation/Metrics.swift",
     "for b in 0..<bins where n[b] > 0 { e += Double(n[b]) / total * abs(acc[b] / Double(n[b]) - conf[b] / Double(n[b])) }",
     "for b in 0..<bins where n[b] > 0 { e += Double(n[b]) / total * (acc[b] / Double(n[b]) - conf[b] / Double(n[b])) }",
     "calibration error without the absolute value (over- and under-confidence cancel)", None),
    ("M11", "Sources/Slant/Evaluation/ActorEvaluation.swift",
     "for g in 0..<G { bias += fit.weights[k][d + g] * (1 / Float(G) - fit.mean[d + g]) / fit.scale[d + g] }",
     "for g in 0..<G { bias += fit.weights[k][d + g] * (1 / Float(G)) / fit.scale[d + g] }",
     "the per-data-set aggregator folds its mean intercept without the indicators' standardisation", None),
    ("M12", "Sources/Slant/Evaluation/Metrics.swift",
     "public static let bounds: [ClosedRange<Int>] = [0...0, 1...1, 2...3, 4...7, 8...Int.max]",
     "public static let bounds: [ClosedRange<Int>] = [0...0, 1...1, 2...3, 4...8, 8...Int.max]",
     "an actor in 8 sentences counted in two evidence groups", None),
    ("M13", "Sources/Slant/Text/StopWords.swift",
     "return lo < sorted.count && sorted[lo] == h",
     "return lo < sorted.count",
     "the stop-word filter answers yes for a hash that only shares a stop word's filter bits", None),
    ("M14", "Sources/Slant/Text/Featurizer.swift",
     "var kept = first\n",
     "var kept = first + 1\n",
     "dropping stop words keeps the first one the text holds", None),
    ("M15", "Sources/Slant/Article/ActorAnalysis.swift",
     "let supported = labels.indices.map { $0 == neutral || ($0 != l && result.distribution[$0] > 0) }",
     "let supported = labels.indices.map { $0 == neutral || result.distribution[$0] >= 0 }",
     "a polar label stays without a sentence of its sign", None),
    ("M16", "Sources/Slant/Article/Mentions.swift",
     "case 0x2010...0x2013: return \"-\"",
     "case 0x2010...0x2012: return \"-\"",
     "a name's hyphen no longer finds the text's en dash", None),
    ("M17", "Sources/Slant/Evaluation/ActorEvaluation.swift",
     "for i in data.indices { for j in omit { data[i].x[j] = 0 } }",
     "for i in data.indices.dropFirst() { for j in omit { data[i].x[j] = 0 } }",
     "an omitted aggregator feature keeps one pair's value, and so a weight", "CLITests.testActorsTrainScoreAndEvaluate"),
    ("M18", "Sources/Slant/Article/ActorDetection.swift",
     "|| titleKeys.contains(ws[lo].lower) || furnitureKeys.contains(ws[lo].lower)\n",
     "|| titleKeys.contains(ws[lo].lower)\n",
     "page furniture starts a detected name again (\"Photo Ana Ruiz\")", None),
    ("M19", "Sources/Slant/Article/ActorAnalysis.swift",
     "c == \"-\" || c == \"\\u{2013}\" || c == \"\\u{2014}\" || c == \"|\"",
     "c == \"|\"",
     "a source with a section (\"New York Times - News\") no longer names the publisher", None),
    ("M20", "Sources/Slant/Article/ActorDetection.swift",
     "if titleKeys.contains(ws[t - 1].lower), (ws[t..<hi]).allSatisfy({ $0.capitalised }) {",
     "if titleKeys.contains(ws[t - 1].lower), t == hi, (ws[t..<hi]).allSatisfy({ $0.capitalised }) {",
     "a title inside a name stays in it (\"Senate Majority Leader Mitch McConnell\")", None),
    ("M21", "Sources/Slant/Article/ActorDetection.swift",
     "if hi - lo == 1, lo > i, bodyKeys.contains(ws[lo].lower) || ws[lo].lower == partyKey || titledBodyKeys.contains(ws[lo].lower),",
     "if hi - lo == 1, lo > i + 1, bodyKeys.contains(ws[lo].lower) || ws[lo].lower == partyKey || titledBodyKeys.contains(ws[lo].lower),",
     "a title before a body's word is dropped from it (\"Department\" for \"Justice Department\")", None),
    ("M22", "Sources/Slant/Article/ActorDetection.swift",
     "if titled, lo + 1 < hi, let k = (lo + 1..<hi).first(where: { ws[$0].key == ofKey }) { hi = k }",
     "if titled, let k = (lo + 1..<hi).first(where: { ws[$0].key == ofKey }) { hi = k }",
     "a title alone (\"the President.\") makes an empty range: a crash", None),
    ("M23", "Sources/Slant/Data/ByteReader.swift",
     "if msg.hasPrefix(\"<fd:\"), let close = msg.firstIndex(of: \">\") {",
     "if msg.hasPrefix(\"<fd:\"), let close = msg.firstIndex(of: \">\"), msg.isEmpty {",
     "zlib's descriptor name (\"<fd:7>\") left in a truncated gzip file's error", "CLITests.testWriteErrorsAndTruncatedGzipFail"),
    ("M24", "Sources/Slant/Text/VerbRoles.swift",
     "if let f = frames[h[j]] { add(f, agent: !passive(j, lo: b + 1)); break }",
     "if let f = frames[h[j]] { add(f, agent: true); break }",
     "a passive participle after a mention (\"Villa was arrested\") makes it the agent", None),
    ("M25", "Sources/Slant/Text/VerbRoles.swift",
     "if let f = frames[h[j]] { add(f, agent: j + 1 < a && h[j + 1] == by); break }",
     "if let f = frames[h[j]] { add(f, agent: false); break }",
     "\"rescued by Ruiz\" makes Ruiz the theme", None),
    ("M26", "Sources/Slant/Text/WordNgrams.swift",
     "let words = long.map { target.hashes[$0] } + long.map { possessiveHash(target, $0) }",
     "let words = long.map { target.hashes[$0] }",
     "a target without spans misses its possessive (\"Ruiz's\")", None),
    ("M27", "Sources/Slant/Article/Mentions.swift",
     "guard rest.count >= 3, rest.first?.isUppercase == true else { return nil }",
     "guard rest.count >= 3 else { return nil }",
     "a surname's article dropped before a lower-case word (\"al-qaeda\")", None),
    ("M28", "Sources/Slant/Text/EntityMarks.swift",
     "while byte < p.count && p[byte] & 0xC0 == 0x80 { byte += 1 }",
     "if byte < p.count && p[byte] & 0xC0 == 0x80 { byte += 1 }",
     "marks placed by bytes, not scalars, after a 3- or 4-byte character", None),
    ("M29", "Sources/CKernels/include/slant_kernels.h",
     "bad |= ((b & 0x7F800000u) == 0x7F800000u) | ((b >> 31) & ((b & 0x7FFFFFFFu) != 0));",
     "bad |= ((b & 0x7F800000u) == 0x7F800000u);",
     "the model loader lets a negative IDF value through", None),
    ("M30", "Sources/Slant/Article/ActorDetection.swift",
     "let forms = (nc >= 2 && nc <= 6 ? capitals : 0, info[i].words <= 6 ? all : 0)",
     "let forms = (nc >= 2 && nc <= 6 ? capitals : 0, UInt64(0))",
     "a detected acronym's expansion read without its connectors' initials (\"DOJ\" not merged)", None),
    ("M31", "Sources/Slant/Model/Scorer.swift",
     "if s.anyScoped { for k in s.scoped.indices { s.scoped[k] = 0 }; s.anyScoped = false }",
     "if s.anyScoped { s.anyScoped = false }",
     "a worker's left-out counts merged again with the next record's", None),
    ("M32", "Sources/Slant/Article/ActorAnalysis.swift",
     "            if let i = at[country] {",
     "            if let i = at[country], i < 0 {",
     "a country's demonym detected beside it stays a second actor (\"Iranian\" and \"Iran\")", None),
    ("M33", "Sources/Slant/Model/PriorOffsets.swift",
     "let key = (r.title ?? \"\") + \"\\u{0}\" + r.text + \"\\u{0}\" + label",
     "let key = (r.title ?? \"\") + \"\\u{0}\" + r.text",
     "a prior sample's record with another label for the same text dropped as a repeat", None),
    ("M34", "Sources/Slant/Linear/Calibration.swift",
     "let w = counts.map { $0 > 0 ? Double(n) / (Double(K) * $0) : 0 }",
     "let w = counts.map { $0 > 0 ? 1.0 : 0 }",
     "class offsets fitted without balanced weights (the sample's own label mix learned)", None),
    ("M35", "Sources/Slant/Article/ActorAnalysis.swift",
     "        case .all: return scored",
     "        case .all: k = scored.count",
     "--evidence all shows every sentence strongest first, not in the text's order", None),
    ("M36", "Sources/Slant/Report/CorpusReport.swift",
     "if article.notRead { notRead += 1 }",
     "if article.notRead && records < 0 { notRead += 1 }",
     "slant-report no longer counts the records the model could not read", None),
    ("M37", "Sources/Slant/Article/ActorDetection.swift",
     "if m == r.count { commonName[i] = true }",
     "if m == r.count && m < 0 { commonName[i] = true }",
     "actor detection keeps a sentence's opening common word in a name (\"Top Trump\")", None),
    ("M38", "Sources/Slant/Article/ActorDetection.swift",
     "if titleCase() { out.removeAll(keepingCapacity: true); return }",
     "if titleCase() { out.removeAll(keepingCapacity: true) }",
     "a headline's runs of capitals in title case become candidate names", None),
    ("M39", "Sources/Slant/Article/ActorDetection.swift",
     "hyphenated = ScalarClass.isLower(s[j + 1]) && (adjectiveEndingKeys.contains(k) || participle)",
     "hyphenated = ScalarClass.isLower(s[j + 1])",
     "every lower-case part after a hyphen reads as an adjective (\"Kim Jong-un\" loses \"Jong-un\")", None),
    ("M40", "Sources/Slant/Data/InvisibleCharacters.swift",
     "if v == 0xAD || v == 0xFEFF { return true }",
     "if v == 0xFEFF { return true }",
     "soft hyphens stay in the text and split words again", "CLITests.testInvisible"),
    ("M41", "Sources/Slant/Data/InvisibleCharacters.swift",
     "if Int(removedFromText[mid]) - mid <= c { lo = mid + 1 } else { hi = mid }",
     "if Int(removedFromText[mid]) <= c { lo = mid + 1 } else { hi = mid }",
     "output offsets mapped back to the given text by the removed characters' given offsets, not their cleaned ones",
     "CLITests.testInvisible"),
    ("M42", "Sources/Slant/Article/ActorDetection.swift",
     "if !c.initial && !c.clause { info[index].inside = true }",
     "if !c.initial { info[index].inside = true }",
     "a name seen only after colons counts as seen inside sentences (\"2:05 p.m. ET: Stocks relapse\" gives \"Stocks\")", None),
    ("M43", "Sources/Slant/Data/InvisibleCharacters.swift",
     "for r in k + 1..<k + length { removed.append(Int32(r)) }",
     "for r in k + 1..<k + length - 1 { removed.append(Int32(r)) }",
     "a mis-decoded character's last stray scalar kept (\"Trump\u2019\\u{99}s\")", None),
    ("M44", "Sources/Slant/Article/ActorDetection.swift",
     "for i in asked where info[i].firstOpener || info[i].words > 1 && LowercaseWords.contains(s, spelled[info[i].wordsAt]) {",
     "for i in asked where info[i].firstOpener && false || info[i].words > 1 && LowercaseWords.contains(s, spelled[info[i].wordsAt]) {",
     "a name opened by a word news text capitalises only to open sentences is kept (\"Hopefully Mexico\")", None),
    ("M45", "Sources/Slant/Article/ActorDetection.swift",
     "guard connectorKeys.contains(w.key) || SentenceOpeners.keys.contains(w.lower) || titleKeys.contains(w.lower) else { break }",
     "guard connectorKeys.contains(w.key) else { break }",
     "only connectors are skipped after a common first word (\"Remember President Trump\" gives \"President Trump\")", None),
    ("M46", "Sources/Slant/Article/ActorDetection.swift",
     "if hi - lo == 1, lo > i, bodyKeys.contains(ws[lo].lower) || ws[lo].lower == partyKey || titledBodyKeys.contains(ws[lo].lower),",
     "if hi - lo == 1, lo > i, bodyKeys.contains(ws[lo].lower) || titledBodyKeys.contains(ws[lo].lower),",
     "\"Republican Party\" read as \"Party\" (\"Republican\" a title)", None),
    ("M47", "Sources/Slant/Article/ActorDetection.swift",
     "&& !(info[$0].words == 1 && MentionFinder.wordKey(s, spelled[info[$0].wordsAt], folded: true) == partyFoldedKey) }",
     "&& !(info[$0].words == 1 && MentionFinder.wordKey(s, spelled[info[$0].wordsAt], folded: true) == partyFoldedKey && false) }",
     "\"Party\" alone listed as an actor of its own", None),
    ("M48", "Sources/Slant/Article/Mentions.swift",
     "let last = core.last, last.unicodeScalars.count >= 3, !nonPersonLast.contains(last) else { return nil }",
     "let last = core.last, last.unicodeScalars.count >= 3 else { return nil }",
     "a given organisation's name read as a person's (\"Internal Revenue Service\" matching \"Service\")", None),
    ("M49", "Sources/Slant/Article/ActorDetection.swift",
     "for i in kept where info[i].words > 1 && !namesAnotherThing(i) {",
     "for i in kept where info[i].words > 1 {",
     "\"House\" merged into \"White House\"", None),
    ("M50", "Sources/Slant/Article/ActorDetection.swift",
     "lo -= 1; titled = false; body = true",
     "lo -= 1; titled = false",
     "\"Republican National Committee\" read as \"National Committee\" (the party's adjective dropped again as a title inside the name)", None),
    ("M51", "Sources/Slant/Article/ActorDetection.swift",
     "if connectorKeys.contains(ws[j].key) || ws[j].key == forKey && forBodyKeys.contains(ws[j - 1].lower),",
     "if connectorKeys.contains(ws[j].key) || ws[j].key == forKey,",
     "\"for\" joining any two capitalised words (\"Women for Mfume\" taking Kweisi Mfume's surname)", None),
    ("M52", "Sources/Slant/Article/Mentions.swift",
     "for m in MentionFinder.find(forms, in: text, capitals: nil, independent: true) { found[m.actor].append(m) }",
     "for m in MentionFinder.find(forms, in: text, capitals: nil, independent: false) { found[m.actor].append(m) }",
     "one search for the names given in lower case lets one name's match hide another's", None),
    ("M53", "Sources/Slant/Article/NamedActors.swift",
     "shared = MentionFinder.sharedAliases(actors)",
     "shared = nil",
     "a run's prepared actors forget the surnames two of them share", None),
    ("M54", "Sources/Slant/Model/Scorer.swift",
     ": Array(policy.namedActors.prefix(policy.askedActors ?? policy.namedActors.count))",
     ": policy.namedActors",
     "a watch list's actors listed in not_mentioned", "CLITests.testActorFileIsAWatchList"),
    ("M55", "Sources/Slant/Article/ActorDetection.swift",
     "guard info[p].words == 2 || info[p].words == 3, info[p].titled, info[single].last == info[p].last, info[single].inside else { continue }",
     "guard info[p].words == 2 || info[p].words == 3, info[p].person, info[single].last == info[p].last, info[single].inside else { continue }",
     "a first name merged into a name never seen after a title (\"Alabama\" into \"Alabama Republicans\")", None),
    ("M56", "Sources/Slant/Article/Mentions.swift",
     "if surname && surnameOfOther(text, i, t, forms: f, actor: form.actor, named: named[form.actor]) { return -1 }",
     "",
     "a surname matched inside another name (\"Bill Clinton\", \"the Clinton Foundation\")", "ArticleTests.testSurnameOfAnotherNameIsNoMention"),
    ("M57", "Sources/Slant/Article/Mentions.swift",
     "if (words == 0 || afterOf) && (ActorDetector.titleKeys.contains(lower) || ActorDetector.titleKeys.contains(first)) { return false }",
     "if afterOf && ActorDetector.titleKeys.contains(lower) { return false }",
     "a title right before a surname taken for another first name (\"Sen. Clinton\" is fine, \"President Clinton\" lost)", "ArticleTests.testSurnameOfAnotherNameIsNoMention"),
    ("M58", "Sources/Slant/Article/Mentions.swift",
     "guard named else { return false }",
     "",
     "another first name rules a surname out where the text never names the person in full (\"Boss Madigan\")", "ArticleTests.testSurnameOfAnotherNameIsNoMention"),
    ("M59", "Sources/Slant/Article/ActorAnalysis.swift",
     "&& result.distribution[other] >= 2 * max(result.distribution[l], 1)",
     "&& result.distribution[other] >= max(result.distribution[l], 1)",
     "a polar label ruled out by an even balance of the other sign", "ActorMechanicsTests"),
    ("M60", "Sources/Slant/Text/KnownWords.swift",
     "if t[i].kind == .word && lookup.contains(h[i]) { known += 1 }",
     "if t[i].kind == .word { if lookup.contains(h[i]) { known += 1 } } else { n -= 1 }",
     "only words count toward the known-word share (Chinese, numbers, emoji answered again)", "KnownWordsTests"),
    ("M61", "Sources/Slant/Text/KnownWords.swift",
     "words >= minWords || bytes >= minBytes",
     "words >= minWords",
     "a text of few, long tokens (a hex string) never judged", "KnownWordsTests"),
    ("M62", "Sources/Slant/Text/Markup.swift",
     "if let e = find(close, from: gt + 1), let gt2 = find(\">\", from: e) { end = gt2 + 1 } else { end = reach }",
     "end = gt + 1",
     "a script's contents not counted as markup", "MarkupTests"),
    ("M63", "Sources/Slant/Data/EncodingHint.swift",
     "if 4 * max(zerosEven, zerosOdd) >= n {",
     "if 4 * min(zerosEven, zerosOdd) >= n {",
     "UTF-16 without a byte-order mark not recognised", "RecordReaderTests"),
    ("M64", "Sources/Slant/Model/Trainer.swift",
     "case .single where labels.count < 2:",
     "case .single where labels.count < 1:",
     "a single-label task with one label trained silently", "HostileInputTests"),
    ("M65", "Sources/Slant/Model/HeadScope.swift",
     "r.text.utf8.count * HeadScope.shortFactor < m",
     "r.text.utf8.count < m",
     "an article head left out for any text shorter than its articles, not only far shorter", "ArticleTests"),
    ("M66", "Sources/CKernels/include/slant_kernels.h",
     "__m128i v = _mm_packus_epi16(a, b);",
     "__m128i v = _mm_packus_epi16(b, a);",
     "the splitter's sixteen-lane scan reads its two halves in the wrong order", "ScalarScanTests"),
    ("M67", "Sources/Slant/Text/Featurizer.swift",
     "for i in (first + 1)..<r.count where !set.contains(r[i]) { h[n] = b[i]; n += 1 }",
     "for i in (first + 1)..<r.count { h[n] = b[i]; n += 1 }",
     "the hashes-only path keeps stop words after the first", "StopWordsTests"),
    ("M68", "Sources/Slant/Data/JSON.swift",
     "for c in String(x.magnitude).utf8 { p[n] = c; n += 1 }",
     "for c in String(x).utf8 { p[n] = c; n += 1 }",
     "a number too large for decimals written with its sign twice", "RecordReaderTests"),
    ("M69", "Sources/Slant/Model/ScoreEmitter.swift",
     "for k in 0..<L { r[k] = row[k] }",
     "for k in 0..<L { r[k] = row[0] }",
     "the table's last row, read label by label, read wrong", "FastPathTests"),
    ("M70", "Sources/Slant/Model/ScoreEmitter.swift",
     "if h.labels <= 8 { addRows(f, h, out, as: SIMD8<Float>.self) } else { addRows(f, h, out, as: SIMD16<Float>.self) }",
     "addRows(f, h, out, as: SIMD16<Float>.self)",
     "a row of 4 to 7 weights read as 16, past the next row", "FastPathTests"),
    ("M71", "Sources/Slant/Text/Featurizer.swift",
     "for n in 0..<64 { p[n] = n < 2 ? 1 : 1 + log(Float(n)) }",
     "for n in 0..<64 { p[n] = n < 2 ? 1 : 1 + log(Float(n + 1)) }",
     "the sublinear table one count off", "FastPathTests"),
    ("M72", "Sources/Slant/Article/Mentions.swift",
     "guard r.lowerBound >= sentence.lowerBound && r.upperBound <= sentence.upperBound else { return nil }",
     "guard r.lowerBound >= sentence.lowerBound else { return nil }",
     "a mention across a sentence boundary listed in the sentence it starts in", "ActorMechanicsTests"),
    ("M73", "Sources/Slant/Text/HashTable.swift",
     "hasZero = all.first == 0",
     "hasZero = false",
     "a word-list set that drops the key 0, which marks its empty slots", "ArticleTests"),
    ("M74", "Sources/Slant/Article/ActorDetection.swift",
     "for i in asked where info[i].firstOpener || info[i].words > 1 && LowercaseWords.contains(s, spelled[info[i].wordsAt]) {",
     "for i in asked where info[i].firstOpener {",
     "a multi-word name opened by a word news text writes in lower case kept whole", "ActorMechanicsTests"),
    ("M75", "Sources/Slant/Article/ScalarClass.swift",
     "let less = k == w.count || (a + k < e && w[k] < b[a + k])",
     "let less = (a + k < e && w[k] < b[a + k])",
     "the word-list search placing a word after the longer words it begins (\"abandon\" after \"abandoned\")", "ActorMechanicsTests"),
    ("M76", "Sources/Slant/Model/HeaderDecoder.swift",
     'if let b = JSONParser.unescaped(e) { out.append(b); continue }',
     'if let b = JSONParser.unescaped(e) { out.append(b == 0x09 ? 0x20 : b); continue }',
     "the model header's reader unescaping a tab as a space (the lexicon's lines)", "HeaderDecoderTests"),
    ("M77", "Sources/Slant/Model/HeaderDecoder.swift",
     "scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)",
     "scalar = ((scalar - 0xD800) << 10) + (low - 0xDC00)",
     "the model header's reader joining an escaped surrogate pair without its 0x10000", "HeaderDecoderTests"),
    ("M78", "Sources/Slant/Article/ActorDetection.swift",
     '"backs", "attacks", "blames", "slams",',
     '"attacks", "blames", "slams",',
     "a headline's verb (\"Queen Backs Brexit\") not marking its run", "ActorMechanicsTests"),
    ("M79", "Sources/Slant/Article/ActorDetection.swift",
     "if read, capitalised, groupPossessorKeys.contains(out[out.count - 1].lower), i + 1 < sentence.upperBound,",
     "if read, capitalised, false, groupPossessorKeys.contains(out[out.count - 1].lower), i + 1 < sentence.upperBound,",
     "a group's possessive cut from the name it opens (\"Republic of China\" for the People's)", "ActorMechanicsTests"),
]


def sh(cmd, cwd, log):
    with open(log, "a") as f:
        f.write("\n$ " + " ".join(cmd) + "\n")
        f.flush()
        return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="run the whole suite per mutation, not the unit tests")
    ap.add_argument("--only", nargs="*", help="mutation ids to run (default: all)")
    ap.add_argument("--scratch", default="/tmp/slant-mutants", help="scratch copy of the project (default: %(default)s)")
    a = ap.parse_args()
    chosen = [m for m in MUTATIONS if not a.only or m[0] in a.only]
    os.makedirs(a.scratch, exist_ok=True)
    subprocess.run(["rsync", "-a", "--delete", "--exclude", ".build", "--exclude", ".git", ROOT + "/", a.scratch + "/"], check=True)
    log = os.path.join(a.scratch, "mutations.log")
    open(log, "w").close()
    if sh(["swift", "build", "--build-tests"], a.scratch, log) != 0:
        sys.exit("the unmutated project does not build; see " + log)
    survivors = []
    print(f"{'id':4} {'result':9} {'seconds':>7}  mutation")
    for mid, path, original, replacement, what, extra in chosen:
        file = os.path.join(a.scratch, path)
        text = open(file).read()
        if text.count(original) != 1:
            print(f"{mid:4} {'stale':9} {'':>7}  {what}: the original text is not in {path} exactly once; update the list")
            survivors.append(mid)
            continue
        t0 = time.time()
        try:
            open(file, "w").write(text.replace(original, replacement))
            if sh(["swift", "build", "--build-tests"], a.scratch, log) != 0:
                result = "no-build"
            else:
                cmd = ["swift", "test", "--skip-build"]
                if not a.all:
                    cmd += ["--filter", "SlantTests\\." + ("|" + extra if extra else "")]
                result = "killed" if sh(cmd, a.scratch, log) != 0 else "SURVIVED"
        finally:
            open(file, "w").write(text)
        if result == "SURVIVED":
            survivors.append(mid)
        print(f"{mid:4} {result:9} {time.time() - t0:7.0f}  {what} ({path})", flush=True)
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} mutations killed; log: {log}")
    if survivors:
        print("survived: " + ", ".join(survivors))
        sys.exit(1)


if __name__ == "__main__":
    main()
