import ReaderCore

/// Which tags are on the pad, and waiting for one to come back. Every later command is
/// addressed to the UID found here, so a stray tag placed meanwhile never joins a write.
public struct TagPresence: Sendable {
    public let reader: any RFIDReader
    /// How long a tag that left the field is waited for before the step is given up.
    public var returnWait: Duration
    /// How often the field is asked while waiting.
    public var pollInterval: Duration
    /// Sleeps between polls; tests replace it.
    public var pause: @Sendable (Duration) async -> Void

    public init(
        reader: any RFIDReader, returnWait: Duration = .seconds(10), pollInterval: Duration = .milliseconds(250),
        pause: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.reader = reader
        self.returnWait = returnWait
        self.pollInterval = pollInterval
        self.pause = pause
    }

    /// The one tag in the field; none or several is a `TaggingError` and nothing is written.
    public func single(operation: String) async throws -> InventoryItem {
        let tags = try await reader.inventory(afi: nil, antenna: nil)
        switch tags.count {
        case 0: throw TaggingError.noTag(operation: operation)
        case 1: return tags[0]
        default: throw TaggingError.severalTags(tags.count, operation: operation)
        }
    }

    /// Whether `uid` answers now.
    public func isPresent(_ uid: TagUID) async -> Bool {
        do throws(ReaderError) {
            return try await reader.inventory(afi: nil, antenna: nil).contains { $0.uid == uid }
        } catch {
            return false
        }
    }

    /// Waits for `uid` to answer again, up to `returnWait` (counted in polls, so a test's pause
    /// that returns at once still ends). True when it is back.
    public func awaitReturn(of uid: TagUID) async -> Bool {
        let polls = max(1, Int(returnWait / pollInterval))
        for _ in 0..<polls {
            if await isPresent(uid) { return true }
            if Task.isCancelled { return false }
            await pause(pollInterval)
        }
        return await isPresent(uid)
    }
}
