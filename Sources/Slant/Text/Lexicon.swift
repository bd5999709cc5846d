/// Reading sentiment lexicons into a feature spec.
public enum Lexicon {
    /// Reads a VADER-style lexicon (`token<TAB>mean valence<TAB>...` per line) and keeps the entries that are
    /// one word for Slant's tokenizer (emoticons such as `:)` never become tokens, so they are left out).
    /// - Throws: `SlantError.invalidInput` with the line of a malformed entry.
    public static func loadVADER(path: String) throws -> [String: Float] {
        let reader = try ByteReader(path: path)
        var out: [String: Float] = [:]
        var line = 0
        var buf = TokenBuffer()
        let tok = Tokenizer()
        while let entry = try reader.nextLine({ bytes -> (String, Float)? in
            line += 1
            let fields = bytes.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                if bytes.allSatisfy({ $0 == 0x20 }) { return nil }
                throw SlantError.invalidInput(file: path, line: line, message: "expected TOKEN<TAB>VALENCE")
            }
            let word = String(decoding: fields[0], as: UTF8.self)
            guard let v = Float(String(decoding: fields[1], as: UTF8.self)), v.isFinite else {
                throw SlantError.invalidInput(file: path, line: line, message: "valence is not a number: \(String(decoding: fields[1], as: UTF8.self))")
            }
            return (word, v)
        }) {
            guard let (word, v) = entry else { continue }
            tok.tokenize(word, into: &buf)
            if buf.tokens.count == 1, buf.tokens[0].kind == .word { out[buf.string(0)] = v }
        }
        if out.isEmpty { throw SlantError.invalidInput(file: path, line: line, message: "no usable lexicon entries") }
        return out
    }
}
