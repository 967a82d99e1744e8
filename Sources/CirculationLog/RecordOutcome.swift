/// What one log line or export row amounts to, whatever its format.
public enum RecordOutcome: Sendable, Equatable {
    /// An empty line.
    case blank
    /// A well-formed record that is not a counted transaction (a SIP2 request, a refusal with
    /// ok=0, a status or patron/item query; an export row of a type the mapping does not count).
    case other
    /// A checkout, checkin or renewal.
    case transaction(CirculationEvent)
    case malformed(LineProblem)
}
