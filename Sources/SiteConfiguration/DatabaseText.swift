/// How `config check` shows `store.database`: a postgres:// URL may carry a password (which
/// Docs/deployment.md advises against), and `config check` output is pasted into tickets.
enum DatabaseText {
    /// The value quoted, with the password of a `scheme://user:password@host` URL replaced by `***`.
    static func shown(_ text: String) -> String {
        SectionReader.quoted(redacted(text))
    }

    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        // The authority ends at the first '/', '?' or '#'; its user information at the last '@'.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
    }
}
