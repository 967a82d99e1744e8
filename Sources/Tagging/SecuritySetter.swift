import ReaderCore

/// Checkout and checkin at the desk: every tag in the field set on loan or in stock (AFI from
/// the site file, and EAS where the site uses it), each addressed by UID and verified by
/// reading it back. A tag that fails is named; the others are still done.
public struct SecuritySetter: Sendable {
    public enum Direction: Sendable, Equatable {
        /// On loan: the on-loan AFI (gates never wake it), EAS off.
        case checkout
        /// In stock: the in-stock AFI, EAS on.
        case checkin
    }

    public let reader: any RFIDReader
    public var settings: TaggingSettings

    public init(reader: any RFIDReader, settings: TaggingSettings) {
        self.reader = reader
        self.settings = settings
    }

    public struct Outcome: Sendable, Equatable {
        public var uid: TagUID
        /// The AFI and EAS read back (nil where the reader cannot tell).
        public var afi: UInt8?
        public var eas: Bool?
        /// Nil when the tag reads back as asked; else what went wrong.
        public var failure: String?
        public var failureIsReader: Bool = false
    }

    public func apply(_ direction: Direction) async throws(ReaderError) -> [Outcome] {
        let items = try await reader.inventory(afi: nil, antenna: nil)
        var outcomes: [Outcome] = []
        for item in items { outcomes.append(await apply(direction, to: item.uid)) }
        return outcomes
    }

    public func apply(_ direction: Direction, to uid: TagUID) async -> Outcome {
        let afi = direction == .checkout ? settings.afiOnLoan : settings.afiInStock
        let useEAS = settings.useEAS && reader.capabilities.contains(.eas)
        var outcome = Outcome(uid: uid)
        do throws(ReaderError) {
            try await reader.writeAFI(uid: uid, afi: afi)
            if useEAS { try await reader.setEAS(uid: uid, enabled: direction == .checkin) }
            if reader.capabilities.contains(.readAFI) || reader.capabilities.contains(.systemInformation) {
                outcome.afi = try await reader.afi(uid: uid)
            }
            if reader.capabilities.contains(.easAlarm) { outcome.eas = try await reader.easAlarm(uid: uid) }
        } catch {
            outcome.failure = error.description
            outcome.failureIsReader = [.unavailable, .disconnected, .io, .cancelled].contains(error.kind)
            return outcome
        }
        if let read = outcome.afi, read != afi {
            outcome.failure = "the AFI reads back as \(TagState.hex(read)), not \(TagState.hex(afi))"
        } else if useEAS, let eas = outcome.eas, eas != (direction == .checkin) {
            outcome.failure = "EAS reads back \(eas ? "on" : "off")"
        } else if outcome.afi == nil {
            outcome.failure = "\(reader.name) cannot read the AFI back: the result is not verified"
        }
        return outcome
    }
}
