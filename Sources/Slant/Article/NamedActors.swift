/// Actors named for a whole run (`slant-score --actor`, `--actor-file`): the list, and what finding them in each
/// record needs, prepared once. With a watch list of hundreds of actors, preparing it per record (each alias's
/// scalars, the order aliases are tried in, their first words' index, the aliases two actors share) had cost
/// more than the rest of the analysis.
public final class NamedActors: Sendable {
    /// The actors, as given.
    public let actors: [Actor]
    let forms: MentionFinder.Forms
    /// The lower-cased aliases two or more actors hold (`MentionFinder.sharedAliases`); nil when none.
    let shared: [String: [Int]]?
    /// The actors named in lower case, which a text may write capitalised (`Actor.asWritten`), and their names'
    /// forms.
    let lowerCase: [Int]
    let lowerCaseForms: MentionFinder.Forms

    public init(_ actors: [Actor]) {
        self.actors = actors
        forms = MentionFinder.Forms(actors)
        shared = MentionFinder.sharedAliases(actors)
        lowerCase = Actor.lowerCaseNames(actors)
        lowerCaseForms = Actor.nameForms(actors, lowerCase)
    }

    /// The actors as `text` writes them (`Actor.asWritten`).
    func asWritten(in text: [Unicode.Scalar]) -> [Actor] {
        Actor.asWritten(actors, in: text, asked: lowerCase, forms: lowerCaseForms)
    }

    /// Every mention of the actors in `text`, shared aliases resolved (`MentionFinder.find`, `resolveShared`).
    func mentions(in text: [Unicode.Scalar]) -> [Mention] {
        MentionFinder.resolveShared(MentionFinder.find(forms, in: text, capitals: nil), shared: shared, actorCount: actors.count, text: text)
    }
}
