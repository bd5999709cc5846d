/// Typeset ligatures, read as the letters they join.
///
/// Text extracted from PDFs keeps the ligature glyphs a typesetter used: "ﬁnancial", "conﬂict", "diﬃcult", "Adam
/// Schiﬀ" (U+FB00–U+FB06). The tokenizer folds them for every head (as Unicode's full case folding does), but the
/// rest of the analysis reads the text scalar by scalar: a name written with one was shown as written, was another
/// actor than the same name without it (in a corpus report, "Adam Schiﬀ" apart from "Adam Schiff"), a watch list's
/// "Adam Schiff" never matched it, and "Sheriﬀ" was no title. The record reader writes each as its letters, the one
/// repair that makes a text longer (`Record.expandedInText` keeps where, so that offsets still map back to the text
/// as given); on 300 AllSides dev articles with every "ff", "fi", "fl", "ffi" and "ffl" so written, the outputs
/// are the originals' (10 actor lists had differed).
enum Ligatures {
    /// The letters ligature `v` joins, if it is one of U+FB00–U+FB06 (ff, fi, fl, ffi, ffl, long s + t, st).
    @inline(__always)
    static func letters(_ v: UInt32) -> [Unicode.Scalar]? {
        switch v {
        case 0xFB00: return ["f", "f"]
        case 0xFB01: return ["f", "i"]
        case 0xFB02: return ["f", "l"]
        case 0xFB03: return ["f", "f", "i"]
        case 0xFB04: return ["f", "f", "l"]
        case 0xFB05, 0xFB06: return ["s", "t"]
        default: return nil
        }
    }
}
