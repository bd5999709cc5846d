/// A watch list of actors in a file (`slant-score --actor-file`): one actor per line, written as `--actor` takes
/// it (the name, then its aliases, separated by `|`: "Iran|Iranian|Tehran"). Blank lines and lines starting
/// with `#` are skipped; white space around each alias is dropped. The file may be gzip-compressed.
public enum ActorList {
    /// The most actors a list may hold: each is looked for in every record.
    public static let maxActors = 100_000

    /// The actors of the file at `path` (`-`: stdin).
    /// - Throws: `SlantError.io` when it cannot be read; `SlantError.invalidInput` with the line for a line
    ///   that is not valid UTF-8, names no alias ("|"), or repeats an actor's name (`already`: names given
    ///   before the file, such as `--actor`'s, which may not be listed again), and for an empty list.
    public static func read(_ path: String, already: [Actor] = []) throws -> [Actor] {
        let reader = try ByteReader(path: path)
        reader.maxLineBytes = 1 << 20
        var lines: [String] = []
        while true {
            let line: String?
            do {
                line = try reader.nextLine { bytes -> String in
                    guard let s = String(validating: bytes, as: UTF8.self) else {
                        throw SlantError.invalidInput(file: path, line: lines.count + 1, message: "not valid UTF-8")
                    }
                    return s
                }
            } catch is ByteReader.LineTooLong {
                throw SlantError.invalidInput(file: path, line: lines.count + 1, message: "line longer than 1 MiB; one actor per line")
            }
            guard let line else { break }
            lines.append(line)
        }
        return try parse(lines, file: path, already: already)
    }

    /// The actors of `lines` (a list's lines, in order; `file` names it in errors).
    public static func parse(_ lines: [String], file: String, already: [Actor] = []) throws -> [Actor] {
        var out: [Actor] = []
        var firstLine: [String: Int] = [:]   // folded name → the line that listed it (0: given before the list)
        for a in already { firstLine[a.name.lowercased()] = 0 }
        for (k, raw) in lines.enumerated() {
            let line = k + 1
            let text = raw.trimmingCharacters()
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let actor = Actor.parse(text) else {
                throw SlantError.invalidInput(file: file, line: line, message: "an actor's name and aliases separated by |, got \"\(text)\"")
            }
            let key = actor.name.lowercased()
            if let first = firstLine[key] {
                throw SlantError.invalidInput(file: file, line: line, message: first == 0
                    ? "\"\(actor.name)\" is already named with --actor; list each actor once"
                    : "\"\(actor.name)\" is listed twice (first on line \(first)); list each actor once, with all its aliases")
            }
            firstLine[key] = line
            out.append(actor)
            if out.count > maxActors {
                throw SlantError.invalidInput(file: file, line: line, message: "more than \(maxActors) actors; split the list")
            }
        }
        if out.isEmpty { throw SlantError.invalidInput(file: file, line: max(lines.count, 1), message: "no actor listed (one per line: NAME|ALIAS|...)") }
        return out
    }
}
