import ReaderCore
import RFIDCommon

/// Why a tagging step did not finish, with the exact state the tag was left in and what
/// repairs it. Descriptions name the tag by UID and the barcode the station was asked to
/// write (an accepted item barcode); never a refused value.
public enum TaggingError: UserFacingError, Equatable {
    /// What brings a tag to its target after a failure.
    public enum Repair: Sendable, Equatable {
        /// Run the same encode again: it reads the tag back and writes only what differs.
        case encodeAgain
        /// The data is right; only the security state is missing (checkin secures it).
        case secure
        /// The tag cannot hold the target (a locked block or register with other content).
        case replaceTag
    }

    case noTag(operation: String)
    case severalTags(Int, operation: String)
    /// The reader cannot report the tag's memory layout and none was given.
    case layoutUnknown(reader: String)
    /// A block or register is locked with other content: the tag cannot be made compliant.
    case tagToReplace(TagUID, what: String, state: TagState?)
    /// A step failed; `state` is what a read-back found afterwards (nil when the tag could not
    /// be read back, e.g. it left the field).
    case stepFailed(TagUID, step: String, cause: ReaderError, state: TagState?, lastKnown: String, repair: Repair)
    /// Every step was acknowledged but the read-back does not match: never trust an ACK.
    case readBackMismatch(TagUID, state: TagState)
    /// The tag reports another memory layout than the one assumed (the encoder then writes it
    /// again with its own; callers see this only if that fails too).
    case layoutDiffers(TagUID)
    /// What was read back does not pass the privacy verdict (should never happen: the image was
    /// judged before writing).
    case verdictFailed(TagUID, violations: [String])

    public var exitStatus: ExitStatus {
        switch self {
        case .layoutUnknown: .usage
        case .stepFailed(_, _, let cause, _, _, _):
            switch cause.kind {
            case .unavailable, .disconnected, .io, .cancelled: cause.exitStatus
            default: .tagProblem
            }
        case .verdictFailed: .refused
        default: .tagProblem
        }
    }

    public var description: String {
        switch self {
        case .noTag(let operation):
            "\(operation): no tag on the reader: put the item on the pad"
        case .severalTags(let count, let operation):
            "\(operation): \(count) tags in the field: put one item alone on the pad (nothing was written)"
        case .layoutUnknown(let reader):
            "\(reader) cannot report the tag's memory layout; give it with --blocks N [--block-size N] (28 blocks of 4 bytes on ICODE SLIX)"
        case .tagToReplace(let uid, let what, let state):
            "tag \(uid): \(what): replace the tag" + (state.map { " (it now holds: \($0))" } ?? "")
        case .stepFailed(let uid, let step, let cause, let state, let lastKnown, let repair):
            "tag \(uid): \(step) failed: \(cause.description). "
                + (state.map { "The tag now holds: \($0)." } ?? "The tag could not be read back; last known: \(lastKnown).")
                + " " + Self.advice(repair)
        case .readBackMismatch(let uid, let state):
            "tag \(uid): every write was acknowledged but reading it back shows: \(state). " + Self.advice(.encodeAgain)
        case .layoutDiffers(let uid):
            "tag \(uid): its memory layout differs from the previous item's; it was written again with its own"
        case .verdictFailed(let uid, let violations):
            "tag \(uid): what was read back does not comply: \(violations.joined(separator: "; "))"
        }
    }

    /// What repairs the tag after this error, where something can.
    public var repair: Repair? {
        switch self {
        case .stepFailed(_, _, _, _, _, let repair): repair
        case .readBackMismatch: .encodeAgain
        case .tagToReplace: .replaceTag
        default: nil
        }
    }

    static func advice(_ repair: Repair) -> String {
        switch repair {
        case .encodeAgain: "Repair: put the item back on the pad and run the same encode again (it resumes)."
        case .secure: "Repair: run checkin with the item on the pad to secure it."
        case .replaceTag: "Repair: replace the tag."
        }
    }
}
