import RFIDCommon
import ReaderCore
import TagPrivacy

/// One item at the desk, from its scanned barcode to the pad being cleared: the policy first
/// (a refused value never reaches the reader), then the one tag placed on the pad, the encode
/// with read-back, the reader's done/failed signal, and the interlock that waits for the item
/// to be taken off before the next one may start. Desk mode and batch retagging both run it.
public struct PadTagging: Sendable {
    public var encoder: TagEncoder
    public let pad: PadSession
    /// How long an item may take to be placed before its barcode is skipped.
    public var placeTimeout: Duration = .seconds(120)
    /// How long the interlock waits for the pad to be cleared before stopping the session.
    public var clearTimeout: Duration = .seconds(600)

    public init(encoder: TagEncoder, pad: PadSession) {
        self.encoder = encoder
        self.pad = pad
    }

    public enum Event: Sendable {
        /// Waiting for the item to be put on the pad.
        case placeItem
        /// Several tags on the pad: one item at a time.
        case severalOnPad(Int)
        /// The item is done or failed (told before the interlock, so staff see it at once).
        case finished(Outcome)
        /// Take the item off the pad.
        case removeItem
    }

    public enum Outcome: Sendable {
        case done(TagEncoder.Result)
        case refused(BarcodeRefusal)
        /// The item's tag could not be written as asked; the failure says what it holds.
        case failed(PadFailure)
        /// No single item was placed in time: nothing was written.
        case notPlaced
        /// The pad was not cleared in time: the session must stop (the next barcode would
        /// otherwise meet the last item).
        case padNotCleared(TagEncoder.Result?)
    }

    /// After an item is done, the next is assumed to have the same memory layout (one round trip
    /// less each), which the read-back checks.
    public mutating func remember(_ result: TagEncoder.Result) {
        encoder.assumedLayout = result.readback.reportedLayout
    }

    /// Every outcome but `.padNotCleared` is also told as `.finished` when it is known.
    public func tag(barcode: String, events: (Event) -> Void) async -> Outcome {
        do throws(BarcodeRefusal) {
            try encoder.settings.policy.check(barcode)
        } catch {
            await pad.signal(success: false)
            events(.finished(.refused(error)))
            return .refused(error)
        }
        let uid: TagUID?
        do throws(ReaderError) {
            events(.placeItem)
            uid = try await pad.waitForSingleTag(timeout: placeTimeout) { waiting in
                if case .several(let n) = waiting { events(.severalOnPad(n)) }
            }
        } catch {
            await pad.signal(success: false)
            events(.finished(.failed(PadFailure(error))))
            return .failed(PadFailure(error))
        }
        guard let uid else {
            events(.finished(.notPlaced))
            return .notPlaced
        }
        var outcome: Outcome
        var result: TagEncoder.Result?
        do {
            result = try await encoder.write(barcode: barcode, to: uid, security: .inStock)
            outcome = .done(result!)
        } catch {
            outcome = .failed(PadFailure(error))
        }
        if case .done = outcome { await pad.signal(success: true) } else { await pad.signal(success: false) }
        events(.finished(outcome))
        events(.removeItem)
        let cleared = (try? await pad.waitForClear(timeout: clearTimeout)) ?? false
        if !cleared { return .padNotCleared(result) }
        return outcome
    }
}

/// Why an item failed at the pad: the error's words and exit status, and the tagging error
/// itself when there is one (it carries the tag's state and the repair).
public struct PadFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let exitStatus: ExitStatus
    public let tagging: TaggingError?

    public init(_ error: any Error) {
        tagging = error as? TaggingError
        if let e = error as? any UserFacingError {
            description = e.description
            exitStatus = e.exitStatus
        } else {
            description = String(describing: error)
            exitStatus = .dataError
        }
    }
}
