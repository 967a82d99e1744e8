import ReaderCore
import TagCodec
import TagPrivacy

/// What is on each tag in the field, whether it complies, and how it is secured. A tag whose
/// read fails is reported with the failure; the others' results are never lost to it.
public struct TagChecker: Sendable {
    public let reader: any RFIDReader
    public var settings: TaggingSettings
    public var layout: TagLayout?

    public init(reader: any RFIDReader, settings: TaggingSettings, layout: TagLayout? = nil) {
        self.reader = reader
        self.settings = settings
        self.layout = layout
    }

    /// One tag's check.
    public struct Check: Sendable {
        public var uid: TagUID
        public var readback: TagReadback?
        public var tag: DecodedTag?
        public var verdict: PrivacyVerdict?
        /// Why the tag could not be read or decoded (nil when it was).
        public var problem: String?
        public var problemStatus: ExitStatusKind?

        /// Compliant: decoded, and the verdict found nothing.
        public var compliant: Bool { verdict?.compliant == true }
    }

    /// Which way a check failed, for the exit status: a tag problem, or unreadable content.
    public enum ExitStatusKind: Sendable, Equatable { case readFailed, undecodable }

    public func checkAll() async throws(ReaderError) -> [Check] {
        let items = try await reader.inventory(afi: nil, antenna: nil)
        var checks: [Check] = []
        for item in items { checks.append(await check(item.uid)) }
        return checks
    }

    public func check(_ uid: TagUID) async -> Check {
        var result = Check(uid: uid)
        let layout: TagLayout
        do throws(ReaderError) {
            if reader.capabilities.contains(.systemInformation) {
                let info = try await reader.systemInformation(uid: uid)
                layout = TagLayout(blockCount: info.blockCount, blockSize: info.blockSize)
            } else if let given = self.layout {
                layout = given
            } else {
                result.problem = TaggingError.layoutUnknown(reader: reader.name).description
                result.problemStatus = .readFailed
                return result
            }
            result.readback = try await TagReadback.read(uid, layout: layout, from: reader)
        } catch {
            result.problem = error.description
            result.problemStatus = .readFailed
            return result
        }
        guard let readback = result.readback else { return result }
        do {
            let tag = try TagDecoder.decode(readback.memory, dsfid: readback.dsfid)
            result.tag = tag
            result.verdict = PrivacyGuard.verdict(for: tag, policy: settings.policy)
        } catch {
            result.problem = "the content cannot be decoded: \(error)"
            result.problemStatus = .undecodable
        }
        return result
    }
}

extension TagChecker.Check {
    init(uid: TagUID) {
        self.uid = uid
    }
}
