import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import Synchronization
import Testing

/// What gates need of the FEIG emulator: antennas (a tag at one antenna answers only when that
/// antenna is selected), a record of every command, and the outputs it was told to switch.
@Suite("FEIG emulator for gates")
struct FEIGGateEmulationTests {
    let a = EmulatedTag(uid: TagUID(hex: "E004010000000A01")!, afi: 0x07, eas: true)
    let b = EmulatedTag(uid: TagUID(hex: "E004010000000B02")!, afi: 0x07)
    let loan = EmulatedTag(uid: TagUID(hex: "E004010000000C03")!, afi: 0xC2, eas: false)

    final class Log: Sendable {
        let records = Mutex<[FEIGCommandRecord]>([])
    }

    func reader(_ field: TagField, log: Log) -> FEIGReader {
        var emulator = FEIGEmulator()
        emulator.recorder = { record in log.records.withLock { $0.append(record) } }
        return FEIGReader(transport: EmulatorTransport(emulator, field: field))
    }

    @Test func aTagAtOneAntennaAnswersOnlyThere() async throws {
        let field = TagField()
        field.enter(a, antenna: 2)
        field.enter(b, antenna: nil)
        let log = Log()
        let reader = reader(field, log: log)
        #expect(try await reader.inventory(afi: 0x07, antenna: 1).map(\.uid) == [b.uid])
        #expect(Set(try await reader.inventory(afi: 0x07, antenna: 2).map(\.uid)) == [a.uid, b.uid])
        #expect(try await reader.easAlarm(antenna: 2))
        #expect(!(try await reader.easAlarm(antenna: 1)))
        // Carried to the other antenna, it keeps its state and answers there.
        field.enter(a, antenna: 1)
        #expect(Set(try await reader.inventory(afi: 0x07, antenna: 1).map(\.uid)) == [a.uid, b.uid])
    }

    @Test func theRecordNamesEachCommandAndTheInventorysAFI() async throws {
        let field = TagField([a, loan])
        let log = Log()
        let reader = reader(field, log: log)
        _ = try await reader.inventory(afi: 0x07, antenna: 2)
        _ = try await reader.inventory(afi: nil, antenna: nil)
        try await reader.setOutputs([OutputCommand(.relay(1), on: true, duration: .seconds(2)), OutputCommand(.buzzer, on: true, duration: .milliseconds(500))])
        _ = try await reader.systemInformation(uid: a.uid)
        let lines = log.records.withLock { $0 }.map(\.description)
        #expect(
            lines == [
                "6A antenna 2", "B0 inventory afi=07", "B0 inventory unfiltered", "72 outputs relay1:on:2.0s buzzer:on:0.5s",
                "B0 system-info uid=E004010000000A01",
            ])
        #expect(log.records.withLock { $0 }.filter(\.isInventory).map(\.inventoryAFI) == [0x07, nil])
    }

    @Test func timelineLinesMayNameAnAntenna() throws {
        let known: Set = [a.uid]
        let t = try Timeline(parsing: "0.5 enter E004010000000A01 antenna 2\n1 enter E004010000000A01 antenna 1\n2 leave E004010000000A01\n", knownTags: known)
        #expect(t.events.map(\.antenna) == [2, 1, nil])
        #expect(throws: TimelineError.self) { try Timeline(parsing: "1 leave E004010000000A01 antenna 1", knownTags: known) }
        #expect(throws: TimelineError.self) { try Timeline(parsing: "1 enter E004010000000A01 antenna 9", knownTags: known) }
    }
}
