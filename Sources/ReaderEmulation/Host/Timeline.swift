import ReaderCore
import RFIDCommon

/// Tags entering and leaving the field over time, to play gate passes against a reader:
/// one event a line, `<seconds> enter <UID> [antenna N]` or `<seconds> leave <UID>`; `#` starts
/// a comment. UIDs must be tags defined in the state file, so a typo is caught before the run.
/// A tag entered without an antenna is in the field of every antenna; entered again at another
/// antenna it moves there (an item carried through a two-antenna gate).
public struct Timeline: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public enum Action: String, Sendable { case enter, leave }
        public var at: Duration
        public var action: Action
        public var uid: TagUID
        /// The antenna an `enter` puts the tag at; nil: every antenna.
        public var antenna: Int?
        public init(at: Duration, action: Action, uid: TagUID, antenna: Int? = nil) {
            self.at = at
            self.action = action
            self.uid = uid
            self.antenna = antenna
        }
    }

    public var events: [Event]

    public init(events: [Event]) { self.events = events.sorted { $0.at < $1.at } }

    public init(parsing text: String, knownTags: Set<TagUID>) throws(TimelineError) {
        var events: [Event] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            guard words.count == 3 || words.count == 5 else {
                throw TimelineError(line: line, "expected \"<seconds> enter <UID> [antenna N]\" or \"<seconds> leave <UID>\"")
            }
            guard let seconds = Double(words[0]), seconds >= 0, seconds < 86_400 else {
                throw TimelineError(line: line, "time \"\(words[0])\" must be seconds from start, 0-86400")
            }
            guard let action = Event.Action(rawValue: String(words[1])) else {
                throw TimelineError(line: line, "action must be enter or leave, not \"\(words[1])\"")
            }
            guard let uid = TagUID(hex: String(words[2])) else {
                throw TimelineError(line: line, "UID must be 16 hex digits")
            }
            guard knownTags.contains(uid) else {
                throw TimelineError(line: line, "tag \(uid) is not defined in the state file")
            }
            var antenna: Int?
            if words.count == 5 {
                guard action == .enter, words[3] == "antenna", let n = Int(words[4]), (1...8).contains(n) else {
                    throw TimelineError(line: line, "only enter takes an antenna, as \"antenna N\" with N from 1 to 8")
                }
                antenna = n
            }
            events.append(Event(at: .milliseconds(seconds * 1000), action: action, uid: uid, antenna: antenna))
        }
        self.init(events: events)
    }
}

public struct TimelineError: UserFacingError, Equatable {
    public var line: Int
    public var reason: String
    init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }
    public var exitStatus: ExitStatus { .dataError }
    public var description: String { "timeline line \(line): \(reason)" }
}
