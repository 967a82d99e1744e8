import Foundation
import GateDetection
import Synchronization

/// The last ten minutes of alarms, in memory only, for a display by the door (`/alarms`): when
/// and where, never which item. Nothing here is written anywhere; a restart forgets it.
public final class RecentAlarms: Sendable {
    public struct Entry: Sendable, Equatable {
        public var time: Date
        public var gate: String
        public var direction: PassDirection
        public var reason: AlarmReason

        public init(time: Date, gate: String, direction: PassDirection, reason: AlarmReason) {
            self.time = time
            self.gate = gate
            self.direction = direction
            self.reason = reason
        }
    }

    public let window: Duration
    private let entries = Mutex<[Entry]>([])

    public init(window: Duration = .seconds(600)) { self.window = window }

    public func add(_ entry: Entry) {
        entries.withLock { list in
            list.append(entry)
            Self.prune(&list, now: Date(), window: window)
        }
    }

    /// The alarms of the window, oldest first.
    public func list(now: Date = Date()) -> [Entry] {
        entries.withLock { list in
            Self.prune(&list, now: now, window: window)
            return list
        }
    }

    private static func prune(_ list: inout [Entry], now: Date, window: Duration) {
        let seconds = Double(window.components.seconds)
        list.removeAll { now.timeIntervalSince($0.time) > seconds }
    }
}
