import ReaderCore
import ReaderEmulation
import TagPrivacy
import Tagging
import Testing

/// One item at a time at the pad: the policy first, exactly one tag, the interlock after.
@Suite struct PadTaggingSpec {
    static let uid = TagUID(hex: "E004010012345678")!

    func session(_ reader: ScriptedReader) -> PadTagging {
        var s = PadTagging(
            encoder: TagEncoder(
                reader: reader, settings: TaggingSettings(),
                presence: TagPresence(reader: reader, returnWait: .seconds(1), pollInterval: .milliseconds(100), pause: { _ in })),
            pad: PadSession(reader: reader, pollInterval: .milliseconds(100), pause: { _ in }))
        s.placeTimeout = .seconds(1)
        s.clearTimeout = .seconds(1)
        return s
    }

    @Test func scannerSuffixesAndStrayWhitespaceAreNotPartOfTheBarcode() {
        #expect(ScannedLine.barcode("33191000105864\r") == "33191000105864")
        #expect(ScannedLine.barcode(" \t33191000105864\t\r\n") == "33191000105864")
        #expect(ScannedLine.barcode(" \r\n") == nil)
    }

    @Test func aRefusedBarcodeIsToldAtOnceAndTheReaderIsNotAsked() async {
        let reader = ScriptedReader(tags: [TagEncoderSpec.blank()])
        var told: [String] = []
        let outcome = await session(reader).tag(barcode: "23529000035676") { if case .finished = $0 { told.append("finished") } }
        guard case .refused(let refusal) = outcome else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.rule.id == "patron-card")
        #expect(told == ["finished"])
        #expect(reader.totalCalls == 0)
    }

    @Test func withNoItemPlacedNothingIsWritten() async {
        let reader = ScriptedReader(tags: [])
        let outcome = await session(reader).tag(barcode: TagEncoderSpec.barcode) { _ in }
        guard case .notPlaced = outcome else {
            Issue.record("expected notPlaced, got \(outcome)")
            return
        }
        #expect(reader.calls("write blocks") == 0)
    }

    @Test func severalTagsOnThePadAreToldAndNothingIsWritten() async {
        let reader = ScriptedReader(tags: [TagEncoderSpec.blank(), TagEncoderSpec.blank(TagEncoderSpec.other)])
        var several: [Int] = []
        let outcome = await session(reader).tag(barcode: TagEncoderSpec.barcode) { event in
            if case .severalOnPad(let n) = event { several.append(n) }
        }
        guard case .notPlaced = outcome else {
            Issue.record("expected notPlaced, got \(outcome)")
            return
        }
        #expect(several == [2], "told once, not at every poll")
        #expect(reader.calls("write blocks") == 0)
    }

    @Test func anItemLeftOnThePadStopsTheSessionAfterItIsDone() async {
        let reader = ScriptedReader(tags: [TagEncoderSpec.blank()])
        var events: [String] = []
        let outcome = await session(reader).tag(barcode: TagEncoderSpec.barcode) { event in
            switch event {
            case .placeItem: events.append("place")
            case .finished(.done): events.append("done")
            case .finished: events.append("other")
            case .removeItem: events.append("remove")
            case .severalOnPad: events.append("several")
            }
        }
        guard case .padNotCleared(let result?) = outcome else {
            Issue.record("expected padNotCleared with the result, got \(outcome)")
            return
        }
        #expect(result.state.complete)
        #expect(events == ["place", "done", "remove"], "done is told before the interlock waits")
    }

    @Test func aClearedPadEndsTheItemWithItsOutcome() async {
        let reader = ScriptedReader(tags: [TagEncoderSpec.blank()])
        let outcome = await session(reader).tag(barcode: TagEncoderSpec.barcode) { event in
            if case .removeItem = event { _ = reader.field.remove(Self.uid) }
        }
        guard case .done(let result) = outcome else {
            Issue.record("expected done, got \(outcome)")
            return
        }
        #expect(result.uid == Self.uid)
    }
}

/// Checkout, checkin, check and scrub over the scripted reader.
@Suite struct FieldWorkflowsSpec {
    static let compliant = EmulatedTag(
        uid: TagUID(hex: "E004010046707A28")!, dsfid: 0x06, afi: 0x07, eas: true, blockSize: 4, blockCount: 28,
        memory: [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88, 0x00])

    @Test func checkoutSetsEveryTagOnLoanAndVerifiesIt() async throws {
        let reader = ScriptedReader(tags: [Self.compliant, TagEncoderSpec.blank()])
        let outcomes = try await SecuritySetter(reader: reader, settings: TaggingSettings()).apply(.checkout)
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { $0.failure == nil && $0.afi == 0xC2 && $0.eas == false })
        #expect(reader.tag(Self.compliant.uid)?.afi == 0xC2)
    }

    @Test func aTagThatFailsIsNamedAndTheOthersAreStillDone() async throws {
        let reader = ScriptedReader(tags: [Self.compliant, TagEncoderSpec.blank()])
        reader.inject(.fail(ReaderError(.noTag, operation: "write AFI", "the tag left")), on: "write AFI", call: 1)
        let outcomes = try await SecuritySetter(reader: reader, settings: TaggingSettings()).apply(.checkin)
        #expect(outcomes.filter { $0.failure != nil }.count == 1)
        #expect(outcomes.filter { $0.failure == nil }.count == 1)
        #expect(outcomes.first { $0.failure != nil }?.failureIsReader == false)
    }

    @Test func aLyingAcknowledgementIsCaughtByTheReadBack() async throws {
        let reader = ScriptedReader(tags: [Self.compliant])
        reader.inject(.acknowledgeOnly, on: "write AFI")
        let outcomes = try await SecuritySetter(reader: reader, settings: TaggingSettings()).apply(.checkout)
        #expect(outcomes.first?.failure == "the AFI reads back as 07, not C2")
    }

    @Test func checkKeepsEveryTagsResultWhenOneReadFails() async throws {
        let reader = ScriptedReader(tags: [Self.compliant, TagEncoderSpec.blank()])
        reader.inject(.fail(ReaderError(.timeout, operation: "read blocks", "no reply")), on: "read blocks", call: 2)
        let checks = try await TagChecker(reader: reader, settings: TaggingSettings()).checkAll()
        #expect(checks.count == 2)
        #expect(checks[0].compliant)
        #expect(checks[1].problemStatus == .readFailed)
        #expect(checks[1].problem?.contains("no reply") == true)
    }

    @Test func scrubRewritesFromTheTagsOwnIdentifierAndRefusesACardNumber() async throws {
        var extra = Self.compliant
        extra.memory.replaceSubrange(9..<15, with: [0x03, 0x02, 0x55, 0x53, 0x00, 0x00])
        let reader = ScriptedReader(tags: [extra])
        let settings = TaggingSettings()
        let checks = try await TagChecker(reader: reader, settings: settings).checkAll()
        let scrubber = TagScrubber(encoder: TagEncoder(reader: reader, settings: settings))
        guard case .rewrite(let barcode) = scrubber.plan(checks[0]) else {
            Issue.record("expected a rewrite plan, got \(scrubber.plan(checks[0])) for \(String(describing: checks[0].verdict))")
            return
        }
        #expect(barcode == TagEncoderSpec.barcode)
        let blank = try await TagChecker(reader: ScriptedReader(tags: [TagEncoderSpec.blank()]), settings: settings).checkAll()
        guard case .replace = scrubber.plan(blank[0]) else {
            Issue.record("a blank tag has no barcode to keep")
            return
        }
    }
}
