import Foundation
import ReaderCore
import ReaderEmulation
import Testing

@Suite("Mock reader")
struct MockReaderTests {
    let uid = TagUID(hex: "E004010012345678")!

    func temporaryStateFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "mock-\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func inventoryListsDemoTagsAndFiltersByAFI() async throws {
        let reader = MockReader(tags: DemoTags.all)
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
        let onShelf = try await reader.inventory(afi: 0x07, antenna: nil).map(\.uid)
        #expect(onShelf == [DemoTags.compliant.uid, DemoTags.legacy.uid])
    }

    @Test func writeThenReadBackReturnsTheWrittenBlocks() async throws {
        let reader = MockReader(tags: DemoTags.all)
        try await reader.writeBlocks(uid: uid, first: 2, data: [1, 2, 3, 4, 5, 6, 7, 8], blockSize: 4)
        #expect(try await reader.readBlocks(uid: uid, first: 2, count: 2, blockSize: 4) == [1, 2, 3, 4, 5, 6, 7, 8])
        try await reader.writeAFI(uid: uid, afi: 0x07)
        try await reader.writeDSFID(uid: uid, dsfid: 0x06)
        try await reader.setEAS(uid: uid, enabled: true)
        let info = try await reader.systemInformation(uid: uid)
        #expect(info.afi == 0x07 && info.dsfid == 0x06 && info.blockCount == 28 && info.blockSize == 4)
        #expect(try await reader.easAlarm())
        #expect(try await reader.easAlarm(uid: uid))
        try await reader.setEAS(uid: uid, enabled: false)
        #expect(try await reader.easAlarm(uid: uid) == false)
    }

    @Test func writeToALockedBlockIsRefusedAndChangesNothing() async throws {
        let tag = EmulatedTag(uid: uid, lockedBlocks: [3])
        let reader = MockReader(tags: [tag])
        await #expect(throws: ReaderError.self) {
            try await reader.writeBlocks(uid: uid, first: 2, data: [UInt8](repeating: 9, count: 8), blockSize: 4)
        }
        #expect(try await reader.readBlocks(uid: uid, first: 2, count: 1, blockSize: 4) == [0, 0, 0, 0])
    }

    @Test func outOfRangeAndMisalignedRequestsAreTypedErrors() async throws {
        let reader = MockReader(tags: [EmulatedTag(uid: uid)])
        do {
            _ = try await reader.readBlocks(uid: uid, first: 27, count: 2, blockSize: 4)
            Issue.record("read past the end succeeded")
        } catch { #expect(error.kind == .blockOutOfRange && error.status == 0x10 && error.exitStatus == .tagProblem) }
        do {
            try await reader.writeBlocks(uid: uid, first: 0, data: [1, 2, 3], blockSize: 4)
            Issue.record("misaligned write succeeded")
        } catch { #expect(error.kind == .invalidRequest) }
        do {
            _ = try await reader.systemInformation(uid: DemoTags.compliant.uid)
            Issue.record("absent tag answered")
        } catch { #expect(error.kind == .noTag) }
    }

    @Test func closedReaderThrowsDisconnected() async throws {
        let reader = MockReader(tags: [])
        await reader.close()
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("closed reader answered")
        } catch { #expect(error.kind == .disconnected) }
    }

    @Test func stateFileChangesAreSeenByASecondReaderInstance() async throws {
        let path = try temporaryStateFile("{\"tags\": []}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MockStateFile(path: path).save(DemoTags.all)
        let first = MockReader(stateFile: path)
        try await first.writeBlocks(uid: uid, first: 0, data: [0xAA, 0xBB, 0xCC, 0xDD], blockSize: 4)
        try await first.writeAFI(uid: uid, afi: 0x07)
        await first.close()
        let second = MockReader(stateFile: path)
        #expect(try await second.readBlocks(uid: uid, first: 0, count: 1, blockSize: 4) == [0xAA, 0xBB, 0xCC, 0xDD])
        #expect(try await second.systemInformation(uid: uid).afi == 0x07)
    }

    @Test func concurrentWritersToOneStateFileLoseNoUpdate() async throws {
        let path = try temporaryStateFile("{\"tags\": []}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MockStateFile(path: path).save([EmulatedTag(uid: uid)])
        await withTaskGroup(of: Void.self) { group in
            for block in 0..<16 {
                group.addTask {
                    let reader = MockReader(stateFile: path)
                    try? await reader.writeBlocks(
                        uid: uid, first: block, data: [UInt8](repeating: UInt8(block + 1), count: 4), blockSize: 4)
                }
            }
        }
        let memory = try MockStateFile(path: path).load()[0].memory
        for block in 0..<16 { #expect(memory[block * 4] == UInt8(block + 1)) }
    }

    @Test func missingStateFileIsUnavailable() async throws {
        let reader = MockReader(stateFile: "/nonexistent/state.json")
        do {
            _ = try await reader.inventory(afi: nil, antenna: nil)
            Issue.record("missing file answered")
        } catch { #expect(error.kind == .unavailable && error.description.contains("does not exist")) }
    }

    @Test func corruptStateFileNamesTheField() throws {
        let path = try temporaryStateFile(
            "{\"tags\": [{\"uid\": \"E004010046707A28\"}, {\"uid\": \"E0040100\", \"memory\": \"\"}]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try MockStateFile(path: path).load()
        } throws: { error in
            guard let e = error as? MockStateFileError, case .corrupt(let where_) = e.reason else { return false }
            return where_.hasPrefix("tags[1].uid") && e.exitStatus == .dataError
        }
    }
}
