import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Testing

/// A reply that misses its deadline is still on its way when the driver gives up. These tests
/// run each serial driver over a real pty against `rfid-emulator` with the `slow` fault and
/// prove the late reply is never taken for the answer to the command that follows: the slow
/// command fails with a typed timeout, the next command gets its own answer, and a write the
/// tag refuses is reported refused, not "written" on the earlier command's OK.
///
/// Timing: one attempt of 1 s (its deadline starts when the request is written, so no retry
/// scheduled late on a busy machine can stretch it), and a reply 1.5 s late: it misses the
/// deadline and arrives in the middle of the next command's attempt (1-2 s), where a driver
/// without a ledger would take it. The settle window (twice the timeout) covers its arrival,
/// so the next command waits for it and drops it before sending.
@Suite("A late reply is never taken for the next command's reply", .serialized)
struct StaleReplyTests {
    typealias Emulator = FEIGAgainstEmulatorProcessTests.Emulator

    /// The emulator draws one number per reply for the slow fault; with seed 173 the first draw
    /// is the only one below 0.05 among the first 60, so only the first reply is late. Each
    /// test checks the emulator's summary says "1 slow", so a change of generator shows here.
    static let firstReplySlow = ["--faults", "slow=0.05:1500ms", "--seed", "173"]
    /// The same for the sixth reply (the TI EVM's set-up and first inventory take five).
    static let sixthReplySlow = ["--faults", "slow=0.05:1500ms", "--seed", "1157"]
    static let policy = RetryPolicy(attempts: 1, timeout: .seconds(1))

    static let uid = TagUID(hex: "E004010046707A28")!
    /// AFI C2 (on loan), 8 blocks of 4 bytes, block 7 locked.
    static let tag = EmulatedTag(uid: uid, dsfid: 0x06, afi: 0xC2, blockSize: 4, blockCount: 8, lockedBlocks: [7])

    func expectTimeout(_ body: () async throws(ReaderError) -> Void) async {
        do {
            try await body()
            Issue.record("the slow command was answered in time")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.detail == "no reply after 1 attempt of 1.0 seconds")
        }
    }

    @Test func feigRefusedWriteAfterATimedOutWriteIsReportedRefused() async throws {
        let emulator = try Emulator(tags: [Self.tag], arguments: Self.firstReplySlow)
        let reader = FEIGReader(transport: try #require(emulator.connect()), configuration: .init(retry: Self.policy))
        await expectTimeout { () async throws(ReaderError) in try await reader.writeAFI(uid: Self.uid, afi: 0x07) }
        // The late reply to the AFI write is "B0 00", exactly what an accepted block write
        // looks like; the locked block must still be reported as refused.
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "the tag refused the request (ISO error 0x12)", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uid, first: 7, data: [1, 2, 3, 4], blockSize: 4)
        }
        // The timed-out write reached the tag after all: a timeout means "unknown", not "not done".
        #expect(try await reader.systemInformation(uid: Self.uid).afi == 0x07)
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains(", 1 slow,"))
    }

    /// With a settle window too short to wait for the late reply (it comes at about 1.5 s,
    /// inside the read's attempt from 1.05 s), the reply shape is what keeps it out: a
    /// system-information reply (13 data bytes) cannot be a read of 2 blocks.
    /// This is the field report: `dump` failed with "read blocks: reply lists 6 blocks of 224
    /// bytes but holds 13 bytes".
    @Test func feigLateSystemInformationIsNotReadAsTheBlocksThatFollow() async throws {
        var tag = Self.tag
        tag.memory = Array(1...32)
        let emulator = try Emulator(tags: [tag], arguments: Self.firstReplySlow)
        // Gives up on the late reply after 50 ms, so it arrives while the read is waiting.
        let policy = RetryPolicy(attempts: 1, timeout: .seconds(1), settle: .milliseconds(50))
        let reader = FEIGReader(transport: try #require(emulator.connect()), configuration: .init(retry: policy))
        await expectTimeout { () async throws(ReaderError) in _ = try await reader.systemInformation(uid: Self.uid) }
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == Array(1...8))
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains(", 1 slow,"))
    }

    @Test func threeMRefusedWriteAfterATimedOutWriteIsReportedRefused() async throws {
        let emulator = try Emulator(protocol: "3m810", tags: [Self.tag], arguments: Self.firstReplySlow)
        let reader = ThreeM810Reader(transport: try #require(emulator.connect()), configuration: .init(retry: Self.policy))
        await expectTimeout { () async throws(ReaderError) in
            try await reader.writeBlocks(uid: Self.uid, first: 0, data: [1, 2, 3, 4], blockSize: 4)
        }
        // The late reply is "04 00 <UID> 01": the same command, tag and count as the next
        // write's OK. Only waiting for them keeps the refusal visible.
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "block or register is locked", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uid, first: 7, data: [5, 6, 7, 8], blockSize: 4)
        }
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 1, blockSize: 4) == [1, 2, 3, 4])
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains(", 1 slow,"))
    }

    @Test func threeMLateReadIsNotTakenForTheReadOfOtherBlocks() async throws {
        var tag = Self.tag
        tag.memory = Array(1...32)
        let emulator = try Emulator(protocol: "3m810", tags: [tag], arguments: Self.firstReplySlow)
        let reader = ThreeM810Reader(transport: try #require(emulator.connect()), configuration: .init(retry: Self.policy))
        await expectTimeout { () async throws(ReaderError) in
            _ = try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4)
        }
        #expect(try await reader.readBlocks(uid: Self.uid, first: 2, count: 2, blockSize: 4) == Array(9...16))
        #expect(try await reader.afi(uid: Self.uid) == 0xC2)
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains(", 1 slow,"))
    }

    @Test func trf7970aRefusedWriteAfterATimedOutWriteIsReportedRefused() async throws {
        let emulator = try Emulator(protocol: "trf7970a", tags: [Self.tag], arguments: Self.sixthReplySlow)
        let reader = TRF7970AReader(transport: try #require(emulator.connect()), configuration: .init(retry: Self.policy))
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        await expectTimeout { () async throws(ReaderError) in try await reader.writeAFI(uid: Self.uid, afi: 0x07) }
        // Every request-mode write is answered "Request mode." then "[00]".
        await #expect(throws: ReaderError(.deviceStatus, operation: "write blocks", "block or register is locked", status: 0x12)) {
            try await reader.writeBlocks(uid: Self.uid, first: 7, data: [1, 2, 3, 4], blockSize: 4)
        }
        #expect(try await reader.systemInformation(uid: Self.uid).afi == 0x07)
        await reader.close()
        #expect(emulator.stop() == 0)
        #expect(emulator.summary.contains(", 1 slow,"))
    }
}
