import ReaderCore
import ReaderEmulation
import RFIDCommon
import TagCodec
import TagPrivacy
import Tagging
import Testing

/// `TagEncoder` writes the barcode alone, secures the item, and proves it by reading back;
/// after any failure it says exactly what the tag holds.
@Suite struct TagEncoderSpec {
    static let barcode = "33191000105864"
    static let uid = TagUID(hex: "E004010012345678")!
    static let other = TagUID(hex: "E0040100AAAAAAAA")!

    static func blank(_ uid: TagUID = uid, locked: Set<Int> = [], memory: [UInt8]? = nil) -> EmulatedTag {
        EmulatedTag(uid: uid, dsfid: 0, afi: 0, eas: false, blockSize: 4, blockCount: 28, memory: memory, lockedBlocks: locked)
    }

    static func image() throws -> [UInt8] {
        try PrivacyGuard.imageForWriting(barcode: barcode, blockSize: 4, blockCount: 28)
    }

    func encoder(_ reader: ScriptedReader) -> TagEncoder {
        TagEncoder(
            reader: reader, settings: TaggingSettings(),
            presence: TagPresence(reader: reader, returnWait: .seconds(1), pollInterval: .milliseconds(100), pause: { _ in }))
    }

    @Test func aBlankTagGetsTheBarcodeAloneAndIsSecured() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        let result = try await encoder(reader).encode(barcode: Self.barcode)
        let tag = try #require(reader.tag(Self.uid))
        #expect(tag.memory == (try Self.image()))
        #expect(tag.dsfid == 0x06)
        #expect(tag.afi == 0x07)
        #expect(tag.eas)
        #expect(result.state.complete)
        #expect(result.state.description == "barcode written, secured (AFI 07, EAS on)")
        #expect(!result.resumed)
        // One write for all 28 blocks: the fewest commands the reader allows.
        #expect(reader.calls("write blocks") == 1)
    }

    @Test func registersThatAlreadyHoldTheValueAreNotWrittenAgain() async throws {
        let reader = ScriptedReader(tags: [EmulatedTag(uid: Self.uid, dsfid: 0x06, afi: 0x07, eas: false, blockSize: 4, blockCount: 28)])
        _ = try await encoder(reader).encode(barcode: Self.barcode)
        #expect(reader.calls("write DSFID") == 0)
        #expect(reader.calls("write AFI") == 0)
        #expect(reader.calls("set EAS") == 1)
    }

    @Test func aRefusedBarcodeNeverReachesTheReader() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        await #expect(throws: BarcodeRefusal.self) { try await encoder(reader).encode(barcode: "23529000035676") }
        #expect(reader.totalCalls == 0)
    }

    @Test func noTagOrSeveralTagsWriteNothing() async throws {
        let empty = ScriptedReader(tags: [])
        await #expect(throws: TaggingError.noTag(operation: "encode")) { try await encoder(empty).encode(barcode: Self.barcode) }
        let two = ScriptedReader(tags: [Self.blank(), Self.blank(Self.other)])
        let error = await #expect(throws: TaggingError.self) { try await encoder(two).encode(barcode: Self.barcode) }
        #expect(error == .severalTags(2, operation: "encode"))
        #expect(error?.exitStatus == .tagProblem)
        #expect(two.calls("write blocks") == 0)
        #expect(two.tag(Self.uid)?.memory == Self.blank().memory)
    }

    @Test func aLockedBlockAlreadyHoldingTheImageIsAccepted() async throws {
        var memory = [UInt8](repeating: 0, count: 112)
        let image = try Self.image()
        memory[0..<4] = image[0..<4]
        let reader = ScriptedReader(tags: [Self.blank(locked: [0], memory: memory)])
        let result = try await encoder(reader).encode(barcode: Self.barcode)
        #expect(result.state.complete)
        #expect(reader.tag(Self.uid)?.memory == image)
    }

    @Test func aLockedBlockWithOtherBytesMeansReplaceTheTag() async throws {
        var memory = [UInt8](repeating: 0, count: 112)
        memory[8] = 0x41
        let reader = ScriptedReader(tags: [Self.blank(locked: [2], memory: memory)])
        let error = await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        guard case .tagToReplace(let uid, let what, let state)? = error else {
            Issue.record("expected tagToReplace, got \(String(describing: error))")
            return
        }
        #expect(uid == Self.uid)
        #expect(what.hasPrefix("block 2 refuses writing"))
        #expect(state?.description.hasPrefix("partly written: blocks 0-1, 3-27 of 28") == true)
        #expect(error?.exitStatus == .tagProblem)
        #expect(reader.tag(Self.uid)?.afi == 0, "a tag that cannot hold the barcode alone is not secured")
    }

    @Test func aTagThatLeavesMidWriteIsResumedWhenItReturns() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        // The barcode's 9 bytes end in 00: blocks 0 and 1 differ from a blank tag. The tag
        // leaves after block 0.
        reader.inject(.leaveDuringWrite(blocks: 1, returnAfter: 2), on: "write blocks")
        let result = try await encoder(reader).encode(barcode: Self.barcode)
        #expect(result.resumed)
        #expect(result.state.complete)
        #expect(reader.tag(Self.uid)?.memory == (try Self.image()))
        // Resumed from what the tag held: one more write, of the one block that differed.
        #expect(reader.calls("write blocks") == 2)
        #expect(reader.lastWrite == 1...1)
    }

    @Test func aTagThatNeverReturnsIsReportedWithItsLastKnownState() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.leaveDuringWrite(blocks: 4, returnAfter: nil), on: "write blocks")
        let error = await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        guard case .stepFailed(_, let step, _, let state, let lastKnown, let repair)? = error else {
            Issue.record("expected stepFailed, got \(String(describing: error))")
            return
        }
        #expect(step == "write the barcode")
        #expect(state == nil)
        #expect(lastKnown == "barcode write sent, outcome unknown")
        #expect(repair == .encodeAgain)
        #expect(error?.exitStatus == .tagProblem)
        #expect(error?.description.contains("left the field") == true)
    }

    @Test func aStrayTagIsNeverWritten() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.leaveDuringWrite(blocks: 0, returnAfter: nil), on: "write blocks")
        reader.field.insert(Self.blank(Self.other))
        await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        #expect(reader.tag(Self.other)?.memory == Self.blank().memory)
        #expect(reader.tag(Self.other)?.afi == 0)
    }

    @Test func anAcknowledgementIsNeverTakenAsProof() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.acknowledgeOnly, on: "write AFI")
        let error = await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        guard case .readBackMismatch(_, let state)? = error else {
            Issue.record("expected readBackMismatch, got \(String(describing: error))")
            return
        }
        #expect(state.description == "barcode written, not secured (AFI 00, EAS on)")
    }

    @Test func aFailureAfterTheDataSaysWhatTheTagHoldsAndHowToRepairIt() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.fail(ReaderError(.unsupported, operation: "write AFI", "not today")), on: "write AFI")
        let error = await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        guard case .stepFailed(_, _, _, let state, _, let repair)? = error else {
            Issue.record("expected stepFailed, got \(String(describing: error))")
            return
        }
        #expect(state?.description == "barcode written, not secured (AFI 00, EAS off)")
        #expect(repair == .secure)
        #expect(error?.description.contains("run checkin") == true)
    }

    @Test func aVanishedReaderIsReportedAsUnavailable() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.fail(ReaderError(.disconnected, operation: "write DSFID", "/dev/ttyUSB0 went away")), on: "write DSFID")
        let error = await #expect(throws: TaggingError.self) { try await encoder(reader).encode(barcode: Self.barcode) }
        #expect(error?.exitStatus == .unavailable)
        #expect(error?.description.contains("last known: barcode written, DSFID and security not yet set") == true)
    }

    @Test func transientFailuresAreRetriedWithinBounds() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        reader.inject(.fail(ReaderError(.timeout, operation: "write DSFID", "no reply")), on: "write DSFID", call: 1)
        reader.inject(.fail(ReaderError(.timeout, operation: "write DSFID", "no reply")), on: "write DSFID", call: 2)
        _ = try await encoder(reader).encode(barcode: Self.barcode)
        #expect(reader.calls("write DSFID") == 3)
        let stubborn = ScriptedReader(tags: [Self.blank()])
        for call in 1...3 {
            stubborn.inject(.fail(ReaderError(.timeout, operation: "write DSFID", "no reply")), on: "write DSFID", call: call)
        }
        let error = await #expect(throws: TaggingError.self) { try await encoder(stubborn).encode(barcode: Self.barcode) }
        #expect(stubborn.calls("write DSFID") == 3)
        #expect(error?.description.contains("The tag now holds: barcode written, DSFID not set, not secured") == true)
    }

    @Test func aReaderWithoutSystemInformationNeedsTheLayout() async throws {
        let caps = ReaderCapabilities([.inventory, .readBlocks, .writeBlocks, .writeAFI, .readAFI])
        let reader = ScriptedReader(tags: [Self.blank()], capabilities: caps)
        await #expect(throws: TaggingError.layoutUnknown(reader: "scripted")) {
            try await encoder(reader).encode(barcode: Self.barcode)
        }
        var withLayout = encoder(reader)
        withLayout.layout = .icodeSLIX
        let result = try await withLayout.encode(barcode: Self.barcode)
        #expect(result.state.secured == true)
        #expect(result.readback.dsfid == nil)
        #expect(result.easSet == nil)
    }

    @Test func anAssumedLayoutSavesARoundTripAndIsProvedByTheReadBack() async throws {
        let reader = ScriptedReader(tags: [Self.blank()])
        var encoder = encoder(reader)
        encoder.assumedLayout = .icodeSLIX
        let result = try await encoder.write(barcode: Self.barcode, to: Self.uid, security: .inStock)
        #expect(result.state.complete)
        #expect(reader.calls("system information") == 1, "only the read-back's")
        // write, DSFID, AFI, EAS, then the read-back: memory, system information, EAS alarm.
        #expect(reader.totalCalls == 7)
    }

    @Test(arguments: [8, 32])
    func aTagOfAnotherLayoutThanAssumedIsWrittenWithItsOwn(blocks: Int) async throws {
        let tag = EmulatedTag(uid: Self.uid, blockSize: 4, blockCount: blocks, memory: [UInt8](repeating: 0x55, count: 4 * blocks))
        let reader = ScriptedReader(tags: [tag])
        var encoder = encoder(reader)
        encoder.assumedLayout = .icodeSLIX
        let result = try await encoder.write(barcode: Self.barcode, to: Self.uid, security: .inStock)
        #expect(result.state.complete)
        let image = try PrivacyGuard.imageForWriting(barcode: Self.barcode, blockSize: 4, blockCount: blocks)
        #expect(reader.tag(Self.uid)?.memory == image, "every block of the real layout cleared")
    }
}
