import GateDetection
import ReaderCore
import Testing

/// The detector as a specification: events in, actions out, no reader and no clock.
@Suite("Gate detector")
struct GateDetectorTests {
    static let onShelf = TagUID(hex: "E004010046707A28")!
    static let other = TagUID(hex: "E0040150A1B2C3D4")!
    static let relay = OutputCommand(.relay(1), on: true, duration: .seconds(2))

    func detector(
        antennas: [Int] = [1], outputs: [OutputCommand] = [relay], command: Bool = false, recordItems: Bool = false,
        detection: GateSettings.Detection = .afi(inStock: 0x07)
    ) -> GateDetector {
        GateDetector(
            settings: GateSettings(
                gate: "main-door", reader: "feig on /dev/ttyUSB0", detection: detection, antennas: antennas,
                debounce: .seconds(3), outputs: outputs, runsAlarmCommand: command, recordItems: recordItems))
    }

    @Test func anInStockItemFiresTheOutputsFirstThenIsStoredAndCounted() {
        var gate = detector(command: true)
        let actions = gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .seconds(1)))
        let alarm = GateAlarm(gate: "main-door", antenna: 1, direction: .unknown, reason: .afi(0x07), at: .seconds(1))
        #expect(
            actions == [
                .fireOutputs([Self.relay]), .runAlarmCommand(gate: "main-door", direction: .unknown), .storeAlarm(alarm),
                .count(gate: "main-door", direction: .unknown),
            ])
    }

    @Test func withoutRecordItemsNoActionCarriesTheItem() {
        var gate = detector()
        let actions = gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf, Self.other], at: .zero))
        for case .storeAlarm(let alarm) in actions { #expect(alarm.item == nil) }
        #expect(!actions.contains { if case .readBarcode = $0 { true } else { false } })
        #expect(actions.filter { if case .storeAlarm = $0 { true } else { false } }.count == 2)
    }

    @Test func withRecordItemsTheBarcodeIsReadAfterTheOutputsAndStoredWithTheAlarm() throws {
        var gate = detector(recordItems: true)
        let actions = gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .seconds(2)))
        #expect(actions.count == 2)
        #expect(actions.first == .fireOutputs([Self.relay]))
        guard case .readBarcode(let uid, let ticket) = actions.last else {
            Issue.record("expected a barcode read, got \(actions)")
            return
        }
        #expect(uid == Self.onShelf)
        #expect(gate.outstandingBarcodeReads == 1)
        let stored = gate.handle(.barcodeRead(ticket, barcode: "33191000105864"))
        let alarm = GateAlarm(
            gate: "main-door", antenna: 1, direction: .unknown, reason: .afi(0x07), at: .seconds(2), item: "33191000105864")
        #expect(stored == [.storeAlarm(alarm), .count(gate: "main-door", direction: .unknown)])
        #expect(gate.outstandingBarcodeReads == 0)
        #expect(gate.handle(.barcodeRead(ticket, barcode: "again")) == [])
    }

    @Test func anUnreadableBarcodeIsRecordedAsTheUID() {
        var gate = detector(recordItems: true)
        guard case .readBarcode(_, let ticket) = gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .zero)).last else {
            Issue.record("expected a barcode read")
            return
        }
        guard case .storeAlarm(let alarm) = gate.handle(.barcodeRead(ticket, barcode: nil)).first else {
            Issue.record("expected the alarm to be stored")
            return
        }
        #expect(alarm.item == "E004010046707A28")
    }

    @Test func aLingeringItemAlarmsOncePerWindow() {
        var gate = detector()
        var stored = 0
        // Inventory every 100 ms for 7 s: alarms at 0 s, 3 s and 6 s.
        for tenth in 0..<70 {
            let actions = gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .milliseconds(tenth * 100)))
            stored += actions.filter { if case .storeAlarm = $0 { true } else { false } }.count
        }
        #expect(stored == 3)
        #expect(gate.statistics == .init(reads: 70, alarms: 3, suppressed: 67))
    }

    @Test func twoItemsAreDebouncedIndependently() {
        var gate = detector()
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .zero)).count == 3)
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf, Self.other], at: .seconds(1))).count == 3)
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf, Self.other], at: .seconds(2))).isEmpty)
    }

    @Test func separateAntennasOfAGateWithoutAPassageAreSeparateLanes() {
        var gate = detector(antennas: [1, 2, 3])
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .zero)).count == 3)
        #expect(gate.handle(.inventoried(antenna: 3, tags: [Self.onShelf], at: .milliseconds(50))).count == 3)
        #expect(gate.handle(.inventoried(antenna: 3, tags: [Self.onShelf], at: .milliseconds(100))).isEmpty)
    }

    @Test func theInsideAntennaFirstMeansOutAndThePassageAlarmsOnce() {
        var gate = detector(antennas: [1, 2], outputs: [])
        let first = gate.handle(.inventoried(antenna: 2, tags: [Self.onShelf], at: .zero))
        #expect(first.last == .count(gate: "main-door", direction: .out))
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .milliseconds(400))).isEmpty)
    }

    @Test func theOutsideAntennaFirstMeansIn() {
        var gate = detector(antennas: [1, 2], outputs: [])
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .zero)).last == .count(gate: "main-door", direction: .in))
    }

    @Test func aGateOnlyEverAsksForTheInStockAFI() {
        #expect(detector().round == [.inventory(afi: 0x07, antenna: nil)])
        #expect(detector(antennas: [2, 1]).round == [.inventory(afi: 0x07, antenna: 2), .inventory(afi: 0x07, antenna: 1)])
        #expect(detector(antennas: [1, 2], detection: .eas).round == [.easAlarm(antenna: 1), .easAlarm(antenna: 2)])
    }

    @Test func easModeAlarmsPerLaneWithoutAnyItem() {
        var gate = detector(recordItems: true, detection: .eas)
        #expect(gate.handle(.easAlarm(antenna: 1, alarming: false, at: .zero)).isEmpty)
        let actions = gate.handle(.easAlarm(antenna: 1, alarming: true, at: .seconds(1)))
        let alarm = GateAlarm(gate: "main-door", antenna: 1, direction: .unknown, reason: .eas, at: .seconds(1))
        // No UID exists in EAS mode, so even a recording gate has nothing to read or store.
        #expect(actions == [.fireOutputs([Self.relay]), .storeAlarm(alarm), .count(gate: "main-door", direction: .unknown)])
        #expect(gate.handle(.easAlarm(antenna: 1, alarming: true, at: .seconds(2))).isEmpty)
        #expect(gate.handle(.easAlarm(antenna: 1, alarming: true, at: .seconds(4))).count == 3)
    }

    @Test func answersOfTheOtherModeAreIgnored() {
        var afi = detector()
        #expect(afi.handle(.easAlarm(antenna: 1, alarming: true, at: .zero)).isEmpty)
        var eas = detector(detection: .eas)
        #expect(eas.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .zero)).isEmpty)
    }

    @Test func theDebounceTableForgetsOldItems() {
        var gate = detector()
        for i in 0..<1000 {
            let uid = TagUID(bytes: [0xE0, 0x04, 0, 0, 0, 0, UInt8(i >> 8), UInt8(i & 0xFF)])!
            _ = gate.handle(.inventoried(antenna: 1, tags: [uid], at: .milliseconds(i)))
        }
        // Long after the window, one more answer sweeps the table: the old items alarm afresh.
        #expect(gate.handle(.inventoried(antenna: 1, tags: [Self.onShelf], at: .seconds(60))).count == 3)
        #expect(gate.statistics.alarms == 1001)
    }

    @Test func reasonsReadBackFromTheirText() {
        #expect(AlarmReason.afi(0x07).description == "afi:07")
        #expect(AlarmReason("afi:07") == .afi(0x07))
        #expect(AlarmReason("eas") == .eas)
        #expect(AlarmReason("afi:7") == nil)
    }
}
