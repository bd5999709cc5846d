import CKernels
import Foundation
import CZlib

/// The `.slant` model file format, versions 2 to 9 (version 1, before per-task feature sets, is refused). This is the only code that reads or writes model files.
///
/// Version 3 is version 2 plus topic matrices and two-stage heads; it is written only when a model has either,
/// so that a Slant that reads version 2 refuses such a model (it would ignore them and score wrongly) while every
/// other model stays readable by it. Version 4 is version 3 with a feature set's lexicon written compactly
/// (`FeatureSpec.compactLexicon`: one string of `word<TAB>valence` lines) instead of as a JSON object; it is written only for models with a lexicon, which a Slant that reads version 3 would otherwise
/// load with an empty lexicon. Version 5 is version 4 for models whose feature sets read the `between` namespace,
/// which a Slant that reads version 4 does not know (it would refuse the header without saying why). Version 6 is
/// version 5 for models with a feature set that masks names (`FeatureSpec.maskNames`), which a Slant that reads
/// version 5 would load without the setting and score with the names it was not trained on. Version 7 is version 6
/// for models with a feature set that leaves stop words out (`FeatureSpec.stopWords`), which a Slant that reads
/// version 6 would load without them and score with words it was not trained on. Version 8 is version 7 for models
/// with a feature set that reads the `roles` namespace (`FeatureSpec.verbFrames`), which a Slant that reads
/// version 7 does not know. Version 9 is version 8 for models with a feature set that masks the target
/// (`FeatureSpec.maskTarget`), which a Slant that reads version 8 would load without the setting and score with the
/// target's name it was not trained on.
///
/// Layout (all integers little-endian):
///
///     offset  size  what
///     0       8     magic "SLANTMDL"
///     8       4     format version (UInt32: 2 to 9, the lowest that can hold the model)
///     12      4     header length H (UInt32)
///     16      H     JSON header (`ModelHeader` plus `"arrays"`: name and element count of each array, in order)
///     …             zero padding to a multiple of 16
///     …             the Float32 arrays, back to back, each padded to a multiple of 16 bytes
///     end-4   4     checksum of every byte before it: CRC-32 (zlib) up to version 3, `wordChecksum` from 4
///
/// Arrays: `idf.<k>` per feature set (2^bits or empty), `topics.<k>` per feature set with topics
/// (2^topicBits × topics; version 3), then per task `weights.<task>` (2^bits_task × labels) and `bias.<task>`.
public enum ModelFile {
    public static let magic: [UInt8] = Array("SLANTMDL".utf8)
    /// The newest format version this Slant reads and writes, and the oldest it reads.
    public static let formatVersion: UInt32 = 9
    public static let oldestVersion: UInt32 = 2

    struct ArrayEntry: Codable, Equatable { var name: String; var count: Int }
    struct StoredHeader: Codable { var model: ModelHeader; var arrays: [ArrayEntry] }

    static func padded(_ n: Int) -> Int { (n + 15) & ~15 }

    /// Serialises a model to bytes.
    public static func encode(_ model: SlantModel) throws -> [UInt8] {
        var arrays: [(String, FloatTable)] = model.featurizers.enumerated().map { ("idf.\($0)", $1.idf) }
        for (k, f) in model.featurizers.enumerated() where f.spec.topics > 0 { arrays.append(("topics.\(k)", f.topics)) }
        let version: UInt32 = model.featurizers.contains { $0.spec.maskTarget } ? 9
            : model.featurizers.contains { $0.spec.namespaces.contains(.roles) || !$0.spec.verbFrames.isEmpty } ? 8
            : model.featurizers.contains { !$0.spec.stopWords.isEmpty } ? 7
            : model.featurizers.contains { $0.spec.maskNames } ? 6
            : model.featurizers.contains { $0.spec.namespaces.contains(.between) } ? 5
            : model.featurizers.contains { $0.spec.compactLexicon != nil } ? 4
            : model.featurizers.contains { $0.spec.topics > 0 } || model.header.tasks.contains { $0.twoStage != nil } ? 3 : 2
        for (t, head) in model.heads.enumerated() {
            let name = model.header.tasks[t].name
            arrays.append(("weights.\(name)", head.weights))
            arrays.append(("bias.\(name)", FloatTable(head.bias)))
        }
        let stored = StoredHeader(model: model.header, arrays: arrays.map { ArrayEntry(name: $0.0, count: $0.1.count) })
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let json = [UInt8](try enc.encode(stored))
        var out: [UInt8] = []
        let total = padded(16 + json.count) + arrays.reduce(0) { $0 + padded($1.1.count * 4) } + 4
        out.reserveCapacity(total)
        out.append(contentsOf: magic)
        appendLE(version, &out)
        appendLE(UInt32(json.count), &out)
        out.append(contentsOf: json)
        while out.count % 16 != 0 { out.append(0) }
        for (_, a) in arrays {
            a.withUnsafeBufferPointer { p in
                for v in p { appendLE(v.bitPattern, &out) }
            }
            while out.count % 16 != 0 { out.append(0) }
        }
        let crc = out.withUnsafeBytes { checksum($0, version: version) }
        appendLE(crc, &out)
        return out
    }

    @inline(__always) static func appendLE(_ v: UInt32, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF)); out.append(UInt8((v >> 8) & 0xFF))
        out.append(UInt8((v >> 16) & 0xFF)); out.append(UInt8(v >> 24))
    }

    /// Writes a model atomically (`AtomicFile.write`).
    public static func write(_ model: SlantModel, to requested: String) throws {
        try AtomicFile.write(try encode(model), to: requested, what: "the model")
    }

    /// Reads and checks a model file: mapped into memory (`mmap`, read-only) where the system allows, else
    /// read in one bulk read. From a mapping (on little-endian machines) the model's arrays are views into it,
    /// not copies: the file's pages come from the page cache, shared by every process scoring with the model,
    /// and nothing is zeroed or copied at start-up. Copying the default model's 20 MB into fresh memory took
    /// most of `slant-score`'s start-up (the kernel zeroing the new pages; 30 -> 20 ms of CPU without it, 15
    /// interleaved runs), and the default analysis and the every-head worst case on the AllSides dev articles
    /// ran as fast with views (25 and 11 interleaved runs: −7.5 ms and −15 ms, paired medians, inside the
    /// noise). The mapping is unmapped when the last table viewing it is gone. Slant replaces model files by
    /// renaming a new file over them (`AtomicFile`), which never changes a mapped file; a file truncated in
    /// place by another program while it is mapped is the one case the mapping cannot turn into an error.
    /// - Throws: `SlantError.invalidModel` saying why the file is refused.
    public static func read(_ path: String) throws -> SlantModel {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw SlantError.io(path: path, message: "cannot read the model: not a regular file (a directory, device or pipe)")
            }
            guard st.st_size <= 1 << 32 else {
                throw SlantError.invalidModel(path: path, reason: "\(st.st_size) bytes is larger than any Slant model (4 GiB at most)")
            }
        }
        guard let f = fopen(path, "rb") else {
            throw SlantError.io(path: path, message: "cannot open the model: \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        fseek(f, 0, SEEK_END)
        let size = ftell(f)
        fseek(f, 0, SEEK_SET)
        if size > 0, let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fileno(f), 0), m != MAP_FAILED {
            let mapping = Mapping(m, size)
            return try decode(raw: UnsafeRawBufferPointer(start: m, count: size), path: path, mapping: mapping)
        }
        var got = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, size)) { buf, n in
            got = fread(buf.baseAddress!, 1, buf.count, f)
            n = got
        }
        guard got == size else { throw SlantError.io(path: path, message: "short read (\(got) of \(size) bytes)") }
        return try decode(bytes, path: path)
    }

    /// Parses and checks model bytes.
    public static func decode(_ bytes: [UInt8], path: String) throws -> SlantModel {
        try bytes.withUnsafeBytes { try decode(raw: $0, path: path) }
    }

    /// A mapped model file, unmapped when the last table viewing it is gone.
    final class Mapping: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let size: Int
        init(_ base: UnsafeMutableRawPointer, _ size: Int) { self.base = base; self.size = size }
        deinit { munmap(base, size) }
    }

    /// Parses and checks model bytes in memory the caller keeps alive for the call (a mapped file). With
    /// `mapping` (the file mapped read-only, `bytes` its memory) the arrays are views into it instead of copies.
    static func decode(raw bytes: UnsafeRawBufferPointer, path: String, mapping: Mapping? = nil) throws -> SlantModel {
        func refuse(_ r: String) -> SlantError { .invalidModel(path: path, reason: r) }
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else {
            if bytes.count < 8 && magic.starts(with: bytes) && !bytes.isEmpty { throw refuse("truncated: \(bytes.count) bytes") }
            throw refuse("not a Slant model (the file does not start with \"SLANTMDL\")")
        }
        guard bytes.count >= 20 else { throw refuse("truncated: \(bytes.count) bytes, too short for a header") }
        func le32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let version = le32(8)
        if version > formatVersion {
            throw refuse("format version \(version) is newer than this Slant (\(Slant.version)) reads (up to \(formatVersion)); upgrade Slant")
        }
        if version < oldestVersion {
            throw refuse("format version \(version) is older than this Slant reads (\(oldestVersion)); retrain the model with this Slant")
        }
        let headerLength = Int(le32(12))
        guard 16 + headerLength + 4 <= bytes.count else {
            throw refuse("truncated: the header claims \(headerLength) bytes but the file has \(bytes.count)")
        }
        let stored: StoredHeader
        do {
            stored = try HeaderDecoder.decode(StoredHeader.self, from: UnsafeRawBufferPointer(rebasing: bytes[16..<(16 + headerLength)]))
        } catch {
            // A damaged header is most often corruption: say so when the checksum agrees.
            if !checksumOK(bytes) { throw refuse("checksum mismatch: the file is corrupt") }
            throw refuse("the header is not a valid Slant model header: \(error)")
        }
        var expected = padded(16 + headerLength)
        for a in stored.arrays {
            guard a.count >= 0, a.count < 1 << 34 else { throw refuse("header and arrays disagree: array \(a.name) has an invalid size \(a.count)") }
            expected += padded(a.count * 4)
        }
        expected += 4
        if bytes.count < expected { throw refuse("truncated: expected \(expected) bytes, found \(bytes.count)") }
        if bytes.count > expected { throw refuse("header and arrays disagree: the header describes \(expected) bytes, the file has \(bytes.count)") }
        if !checksumOK(bytes) { throw refuse("checksum mismatch: the file is corrupt") }

        let header = stored.model
        var arrays: [String: FloatTable] = [:]
        var offset = padded(16 + headerLength)
        for a in stored.arrays {
            #if _endian(little)
            if let mapping, a.count > 0 {
                arrays[a.name] = FloatTable(viewing: (bytes.baseAddress! + offset).assumingMemoryBound(to: Float.self), count: a.count, owner: mapping)
                offset += padded(a.count * 4)
                continue
            }
            #endif
            arrays[a.name] = FloatTable(count: a.count) { buf in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + a.count * 4)]))
                #if _endian(big)
                for i in buf.indices { buf[i] = Float(bitPattern: buf[i].bitPattern.byteSwapped) }
                #endif
            }
            offset += padded(a.count * 4)
        }
        guard !header.featureSets.isEmpty else { throw refuse("header and arrays disagree: no feature set") }
        var idfs: [FloatTable] = [], topics: [FloatTable] = []
        for (k, spec) in header.featureSets.enumerated() {
            try spec.validateForLoading(path: path)
            guard let idf = arrays["idf.\(k)"] else { throw refuse("header and arrays disagree: no idf array for feature set \(k)") }
            if !idf.isEmpty && idf.count != spec.buckets {
                throw refuse("header and arrays disagree: idf.\(k) has \(idf.count) entries, bits \(spec.bits) needs \(spec.buckets)")
            }
            if let bad = firstNonFinite(idf, allowNegative: false) {
                throw refuse("idf.\(k) holds a non-finite or negative value (\(bad.value) at \(bad.index)); IDF values are finite and ≥ 0")
            }
            idfs.append(idf)
            if spec.namespaces.contains(.between) && version < 5 {
                throw refuse("header and version disagree: feature set \(k) reads the between namespace, which format version \(version) cannot hold")
            }
            if spec.maskTarget && version < 9 {
                throw refuse("header and version disagree: feature set \(k) masks the target, which format version \(version) cannot hold")
            }
            if spec.maskNames && version < 6 {
                throw refuse("header and version disagree: feature set \(k) masks names, which format version \(version) cannot hold")
            }
            if (spec.namespaces.contains(.roles) || !spec.verbFrames.isEmpty) && version < 8 {
                throw refuse("header and version disagree: feature set \(k) reads verb roles, which format version \(version) cannot hold")
            }
            if !spec.stopWords.isEmpty && version < 7 {
                throw refuse("header and version disagree: feature set \(k) leaves stop words out, which format version \(version) cannot hold")
            }
            if spec.topics > 0 {
                guard version >= 3 else { throw refuse("header and arrays disagree: feature set \(k) has topics, which format version \(version) cannot hold") }
                guard let t = arrays["topics.\(k)"] else { throw refuse("header and arrays disagree: no topics array for feature set \(k)") }
                guard t.count == spec.topicBuckets * spec.topics else {
                    throw refuse("header and arrays disagree: topics.\(k) has \(t.count) entries, \(spec.topicBuckets) × \(spec.topics) topics need \(spec.topicBuckets * spec.topics)")
                }
                if let bad = firstNonFinite(t, allowNegative: true) {
                    throw refuse("topics.\(k) holds a non-finite value (\(bad.value) at \(bad.index))")
                }
                topics.append(t)
            } else { topics.append(FloatTable([])) }
        }
        try checkValues(header, refuse)
        var heads: [LinearHead] = []
        for t in header.tasks {
            guard t.featureSet >= 0, t.featureSet < header.featureSets.count else {
                throw refuse("header and arrays disagree: task \(t.name) reads feature set \(t.featureSet) of \(header.featureSets.count)")
            }
            guard t.bits >= 1, t.bits <= header.featureSets[t.featureSet].bits, !t.labels.isEmpty else {
                throw refuse("header and arrays disagree: task \(t.name) has bits \(t.bits) or no labels")
            }
            guard let w = arrays["weights.\(t.name)"], let b = arrays["bias.\(t.name)"] else {
                throw refuse("header and arrays disagree: the arrays of task \(t.name) are missing")
            }
            let need = (1 << t.bits) * t.labels.count
            guard w.count == need, b.count == t.labels.count else {
                throw refuse("header and arrays disagree: task \(t.name) needs \(need) weights and \(t.labels.count) biases, the file has \(w.count) and \(b.count)")
            }
            if let th = t.thresholds, th.count != t.labels.count {
                throw refuse("header and arrays disagree: task \(t.name) has \(th.count) thresholds for \(t.labels.count) labels")
            }
            for (name, a) in [("weights", w), ("bias", b)] {
                if let bad = firstNonFinite(a, allowNegative: true) {
                    throw refuse("\(name).\(t.name) holds a non-finite value (\(bad.value) at \(bad.index))")
                }
            }
            var split: Int? = nil
            if let first = t.twoStage {
                guard version >= 3 else { throw refuse("header and arrays disagree: task \(t.name) is two-stage, which format version \(version) cannot hold") }
                guard let s = TwoStage.split(first, kind: t.kind, labels: t.labels) else {
                    throw refuse("task \(t.name) is two-stage on label \"\(first)\", but a two-stage head needs a single-label task with at least 3 labels including it (labels: \(t.labels.joined(separator: ", ")))")
                }
                split = s
            }
            heads.append(LinearHead(kind: t.kind, labels: t.labels.count, bits: t.bits, weights: w, bias: b.array, split: split))
        }
        return SlantModel(header: header, idf: idfs, topics: topics, heads: heads)
    }

    /// The first value that is NaN or infinite (or negative, unless allowed), with its index.
    /// - Complexity: O(n); a few milliseconds for the default model's arrays.
    static func firstNonFinite(_ a: FloatTable, allowNegative: Bool) -> (index: Int, value: Float)? {
        a.withUnsafeBufferPointer { p in
            // Blocks of 4,096 are tested with a branch-free reduction over the bit patterns (`slant_floats_bad`,
            // vectorised: every model load reads millions of floats); only a block that fails is searched.
            let block = 4096
            var lo = 0
            guard let base = p.baseAddress else { return nil }
            while lo < p.count {
                let hi = min(p.count, lo + block)
                if slant_floats_bad(base + lo, hi - lo, allowNegative ? 1 : 0) != 0 {
                    for i in lo..<hi where !p[i].isFinite || (!allowNegative && p[i] < 0) { return (i, p[i]) }
                }
                lo = hi
            }
            return nil
        }
    }

    /// Refuses header values that would make scoring divide by zero or produce NaN: temperatures, thresholds
    /// and the actor analysis's settings, each named.
    static func checkValues(_ h: ModelHeader, _ refuse: (String) -> SlantError) throws {
        for t in h.tasks {
            guard t.temperature.isFinite, t.temperature > 0 else {
                throw refuse("task \(t.name) has temperature \(t.temperature); a temperature is finite and > 0")
            }
            if let th = t.thresholds, let bad = th.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw refuse("task \(t.name) has threshold \(bad); thresholds are between 0 and 1")
            }
            if let m = t.scope?.typicalBytes, m < 0 {
                throw refuse("task \(t.name) has scope.typicalBytes \(m); a length is at least 0")
            }
        }
        if let known = h.known {
            guard known.count == h.featureSets.count else {
                throw refuse("known words are given for \(known.count) feature sets; the model has \(h.featureSets.count)")
            }
            for (k, w) in known.enumerated() { if let w, let p = w.problem() { throw refuse("known words of feature set \(k): \(p)") } }
        }
        if let a = h.actors {
            let numbers = [a.low, a.high] + (a.weights ?? []).flatMap { $0 } + (a.featureMean ?? []) + (a.featureScale ?? [])
            if let bad = numbers.first(where: { !$0.isFinite }) { throw refuse("actors holds a non-finite value (\(bad))") }
            if let sc = a.featureScale, sc.contains(where: { $0 <= 0 }) { throw refuse("actors.featureScale holds a value ≤ 0") }
            if let w = a.weights, let bad = w.first(where: { $0.count != ActorFeatures.count + 1 }) {
                throw refuse("actors.weights rows need \(ActorFeatures.count + 1) values (\(ActorFeatures.count) features and a bias); a row has \(bad.count)")
            }
            for (field, values) in [("featureMean", a.featureMean), ("featureScale", a.featureScale)] {
                if let v = values, v.count != ActorFeatures.count {
                    throw refuse("actors.\(field) has \(v.count) values; the aggregator reads \(ActorFeatures.count) features")
                }
            }
            if a.weights != nil || a.featureMean != nil || a.featureScale != nil {
                // The scorer indexes the aggregator's rows by the sentiment head's labels.
                guard let t = h.tasks.first(where: { $0.name == a.task }) else {
                    throw refuse("actors.task \"\(a.task)\" is not a task of the model (tasks: \(h.tasks.map { $0.name }.joined(separator: ", ")))")
                }
                if let w = a.weights, w.count != t.labels.count {
                    throw refuse("actors.weights has \(w.count) rows; task \(a.task) has \(t.labels.count) labels, one row each")
                }
            }
            guard a.limit >= 0, a.limit <= 1000 else { throw refuse("actors.limit is \(a.limit); it is between 0 and 1000") }
            guard a.minMentions >= 0, a.minMentions <= 1000 else { throw refuse("actors.minMentions is \(a.minMentions); it is between 0 and 1000") }
            guard a.evidence >= 0, a.evidence <= 1000 else { throw refuse("actors.evidence is \(a.evidence); it is between 0 and 1000") }
            guard a.low <= a.high else { throw refuse("actors band is \(a.low)...\(a.high); low must not exceed high") }
            if let m = a.maxSentences, m < 0 { throw refuse("actors.maxSentences is \(m); it is at least 0 (0: every sentence)") }
        }
    }

    /// The checksum of a file of format `version` over `bytes` (every byte before the checksum): CRC-32 (zlib)
    /// up to version 3, `wordChecksum` from version 4.
    static func checksum(_ bytes: UnsafeRawBufferPointer, version: UInt32) -> UInt32 {
        version >= 4 ? wordChecksum(bytes) : UInt32(crc32_z(0, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count))
    }

    /// The checksum of format version 4: the bytes as little-endian 64-bit words (the last one zero-padded),
    /// word `i` going to lane `i mod 4`, each lane stepping `lane = rotl(lane ^ word × K1, 31) × K2` (a bijection
    /// of the lane for a fixed word and of the word for a fixed lane, so a change to any one word changes its
    /// lane's result); the lanes and the length are then mixed into 64 bits (the MurmurHash3 finaliser) and folded
    /// to 32. It guards against corruption (flipped bits, wrong bytes), not tampering. It replaced CRC-32 because
    /// zlib's table-driven CRC of the default model's 20 MB took about 80 M instructions, a sixth of a run's
    /// start-up; four independent multiply chains take a few.
    /// - Complexity: O(n), about half an instruction per byte.
    static func wordChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let k1: UInt64 = 0x9E37_79B1_85EB_CA87, k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        @inline(__always) func step(_ lane: UInt64, _ w: UInt64) -> UInt64 {
            let x = lane ^ (w &* k1)
            return ((x << 31) | (x >> 33)) &* k2
        }
        let n = bytes.count
        var a: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(n), b: UInt64 = 0x1B87_3593_CC9E_2D51, c: UInt64 = 0x85EB_CA6B_C2B2_AE35, d: UInt64 = 0x27D4_EB2F_1656_67B1
        var i = 0
        if let base = bytes.baseAddress {
            while i + 32 <= n {
                a = step(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                b = step(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian)
                c = step(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian)
                d = step(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian)
                i += 32
            }
            var lane = 0
            while i < n {
                var w: UInt64 = 0
                for k in 0..<min(8, n - i) { w |= UInt64(base.load(fromByteOffset: i + k, as: UInt8.self)) << (8 * UInt64(k)) }
                switch lane { case 0: a = step(a, w); case 1: b = step(b, w); case 2: c = step(c, w); default: d = step(d, w) }
                lane += 1; i += 8
            }
        }
        var h = UInt64(n) &+ ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    static func checksumOK(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 12 else { return false }
        let n = bytes.count - 4
        let version = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24
        let crc = checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<n]), version: version)
        let stored = UInt32(bytes[n]) | UInt32(bytes[n + 1]) << 8 | UInt32(bytes[n + 2]) << 16 | UInt32(bytes[n + 3]) << 24
        return crc == stored
    }
}

extension FeatureSpec {
    func validateForLoading(path: String) throws {
        do { try validate() } catch let e as SlantError {
            throw SlantError.invalidModel(path: path, reason: "its feature settings are invalid: \(e)")
        }
    }
}
