import ReaderCore
import TagCodec
import TagPrivacy

/// Writes an item barcode to the one tag on the pad and proves it: the barcode in the site's
/// format with every other byte of user memory cleared, the DSFID, then the security state
/// (in-stock AFI, EAS where the site uses it), each command addressed to the tag's UID; then
/// everything is read back and compared byte for byte, and the privacy verdict is run on what
/// was read. An acknowledgement is never taken as proof.
///
/// After any failure the tag is read back and the error says exactly what it holds and what
/// repairs it. A tag that leaves the field is waited for and, when it returns, resumed from
/// what it holds (only differing blocks are written again), never restarted blind.
public struct TagEncoder: Sendable {
    public let reader: any RFIDReader
    public var settings: TaggingSettings
    /// For readers without system information (3M 810).
    public var layout: TagLayout?
    /// A layout to assume instead of asking the tag first (the previous item's, at a desk),
    /// saving a round trip per item. The read-back's system information proves it: a tag of
    /// another layout is written again with its own.
    public var assumedLayout: TagLayout?
    public var presence: TagPresence
    /// Attempts per step for transient failures (timeouts, garbled replies), beyond the
    /// driver's own retries.
    public var attempts = 3

    public init(reader: any RFIDReader, settings: TaggingSettings, layout: TagLayout? = nil, presence: TagPresence? = nil) {
        self.reader = reader
        self.settings = settings
        self.layout = layout
        self.presence = presence ?? TagPresence(reader: reader)
    }

    /// What an encode proved.
    public struct Result: Sendable, Equatable {
        public var uid: TagUID
        public var barcode: String
        public var format: TagFormat
        public var state: TagState
        public var readback: TagReadback
        /// Whether the tag took the EAS command (nil: EAS not used by the site or the reader).
        public var easSet: Bool?
        /// Blocks written again after a failure or a tag that left and came back.
        public var resumed: Bool
    }

    /// What to do with the tag's security state.
    public enum Security: Sendable, Equatable {
        /// In-stock AFI, and EAS on where the site uses it: a new or retagged item.
        case inStock
        /// Left as it is: scrubbing an item that may be on loan.
        case keep
    }

    /// Encodes the one tag on the pad; none or several is an error and nothing is written.
    public func encode(barcode: String) async throws -> Result {
        // The policy first: a refused value never reaches the reader.
        try settings.policy.check(barcode)
        let item = try await presence.single(operation: "encode")
        return try await write(barcode: barcode, to: item.uid, security: .inStock)
    }

    /// Writes `barcode` to the tag `uid` (addressed, never broadcast) and proves it.
    public func write(barcode: String, to uid: TagUID, security: Security) async throws -> Result {
        try settings.policy.check(barcode)
        let assumed = reader.capabilities.contains(.systemInformation) ? assumedLayout : nil
        do {
            return try await write(barcode: barcode, to: uid, security: security, assuming: assumed)
        } catch let error as TaggingError where assumed != nil && Self.disproves(error) {
            // The assumption was wrong (the tag is smaller, or reports another layout): again,
            // asking the tag this time, from what it now holds.
            var again = self
            again.assumedLayout = nil
            return try await again.write(barcode: barcode, to: uid, security: security)
        }
    }

    /// Whether a failure says the assumed layout was not the tag's.
    static func disproves(_ error: TaggingError) -> Bool {
        switch error {
        case .layoutDiffers: true
        case .stepFailed(_, _, let cause, _, _, _): cause.kind == .blockOutOfRange
        default: false
        }
    }

    private func write(barcode: String, to uid: TagUID, security: Security, assuming assumed: TagLayout?) async throws -> Result {
        let run = Run(encoder: self, uid: uid)
        let layout: TagLayout
        if let assumed { layout = assumed } else { layout = try await run.layout() }
        let image = try PrivacyGuard.imageForWriting(
            barcode: barcode, format: settings.format, blockSize: layout.blockSize, blockCount: layout.blockCount,
            policy: settings.policy)
        let wantsEAS = security == .inStock && settings.useEAS && reader.capabilities.contains(.eas)
        var target = TagTarget(
            image: image, blockSize: layout.blockSize, dsfid: settings.format.dsfid,
            afi: security == .inStock ? settings.afiInStock : nil, eas: wantsEAS ? true : nil)
        try await run.writeData(target)
        try await run.writeRegister("set the DSFID", current: run.known.dsfid, wanted: target.dsfid, target: target) {
            () throws(ReaderError) in
            try await reader.writeDSFID(uid: uid, dsfid: target.dsfid)
        }
        if let afi = target.afi {
            try await run.writeRegister("secure (AFI)", current: run.known.afi, wanted: afi, target: target) {
                () throws(ReaderError) in
                try await reader.writeAFI(uid: uid, afi: afi)
            }
        }
        var easSet: Bool?
        if wantsEAS {
            easSet = try await run.setEAS(target)
            if easSet == false { target.eas = nil }
        }
        let readback = try await run.readBack(target, step: "read back")
        if assumed != nil, let reported = readback.reportedLayout, reported != layout {
            throw TaggingError.layoutDiffers(uid)
        }
        let state = TagState(readback: readback, target: target)
        guard state.complete else { throw TaggingError.readBackMismatch(uid, state: state) }
        let decoded = try TagDecoder.decode(readback.memory, dsfid: readback.dsfid ?? target.dsfid)
        let verdict = PrivacyGuard.verdict(for: decoded, policy: settings.policy)
        guard verdict.compliant, decoded.primaryItemIdentifier == barcode else {
            throw TaggingError.verdictFailed(uid, violations: verdict.violations.map(\.description))
        }
        return Result(
            uid: uid, barcode: barcode, format: settings.format, state: state, readback: readback, easSet: easSet,
            resumed: run.resumed)
    }
}
