import ReaderCore

/// The pad at a desk: one item at a time. Waits for exactly one tag to be placed, and after
/// the work waits for the pad to be cleared before the next item may start, so the next book
/// is never begun while the last one is still on the pad (the interlock).
public struct PadSession: Sendable {
    public let reader: any RFIDReader
    public var pollInterval: Duration
    public var pause: @Sendable (Duration) async -> Void

    public init(
        reader: any RFIDReader, pollInterval: Duration = .milliseconds(200),
        pause: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.reader = reader
        self.pollInterval = pollInterval
        self.pause = pause
    }

    /// What the pad holds while waiting, for prompts.
    public enum Waiting: Sendable, Equatable {
        case empty
        case several(Int)
    }

    /// Waits until exactly one tag is on the pad and returns it; nil when `timeout` passes or
    /// the task is cancelled. `onWait` is told when the pad is empty or holds several tags
    /// (each change once), so staff can be prompted.
    public func waitForSingleTag(
        timeout: Duration, onWait: (Waiting) -> Void = { _ in }
    ) async throws(ReaderError) -> TagUID? {
        var last: Waiting?
        let polls = max(1, Int(timeout / pollInterval))
        for _ in 0..<polls {
            if Task.isCancelled { return nil }
            let tags = try await reader.inventory(afi: nil, antenna: nil)
            if tags.count == 1 { return tags[0].uid }
            let now: Waiting = tags.isEmpty ? .empty : .several(tags.count)
            if now != last { onWait(now) }
            last = now
            await pause(pollInterval)
        }
        return nil
    }

    /// Waits until no tag is on the pad (the item just handled removed, and nothing else put
    /// down); false when `timeout` passes or the task is cancelled.
    public func waitForClear(timeout: Duration) async throws(ReaderError) -> Bool {
        let polls = max(1, Int(timeout / pollInterval))
        for _ in 0..<polls {
            if Task.isCancelled { return false }
            if try await reader.inventory(afi: nil, antenna: nil).isEmpty { return true }
            await pause(pollInterval)
        }
        return false
    }

    /// Done and failed, as the reader's outputs can show them: a short beep with the first LED
    /// for done; a long beep with the second LED for failure. Readers without outputs show
    /// nothing (the screen says it all the same).
    public func signal(success: Bool) async {
        guard reader.capabilities.contains(.outputs) else { return }
        let commands: [OutputCommand] =
            success
            ? [OutputCommand(.led(1), on: true, duration: .milliseconds(800)), OutputCommand(.buzzer, on: true, duration: .milliseconds(100))]
            : [OutputCommand(.led(2), on: true, duration: .seconds(2)), OutputCommand(.buzzer, on: true, duration: .milliseconds(900))]
        try? await reader.setOutputs(commands)
    }
}

/// A running tally at the desk.
public struct Tally: Sendable, Equatable, CustomStringConvertible {
    public var done = 0
    public var failed = 0
    public var refused = 0
    public var skipped = 0

    public init() {}

    public var description: String {
        "\(done) done, \(failed) failed, \(refused) refused" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

/// A barcode as a keyboard-wedge scanner types it: CR, LF or TAB suffixes and stray
/// whitespace around it are not part of it.
public enum ScannedLine {
    public static func barcode(_ line: String) -> String? {
        let trimmed = line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
