import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderProtocols
import ReaderTransport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The emulator on the pty master in a thread, answering as the real reader on a real tty;
/// the driver opens the slave path with the product `SerialPort`.
final class PtyEmulatorHost<E: ProtocolEmulator>: Sendable {
    let pty: PtyPair
    let field: TagField
    private let stopped = StopFlag()

    var slavePath: String { pty.slavePath }

    init?(_ emulator: E, field: TagField) {
        guard let pty = PtyPair() else { return nil }
        self.pty = pty
        self.field = field
        let stopped = self.stopped
        Thread.detachNewThread { [pty] in
            var emu = emulator
            var buf = [UInt8](repeating: 0, count: 256)
            while !stopped.isSet {
                var p = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 20) > 0 else { continue }
                let n = buf.withUnsafeMutableBytes { Glibc.read(pty.master, $0.baseAddress, $0.count) }
                guard n > 0 else { return }
                for reply in emu.receive(Array(buf.prefix(n)), field: field) { pty.send(reply) }
            }
        }
    }

    func shutdown() { stopped.stop() }
}

@Suite("Drivers end to end over a real pseudo-terminal")
struct PtyEndToEndTests {
    static let uid = TagUID(hex: "E004010046707A28")!

    @Test("FEIG tagging sequence over a pty")
    func feigOverPty() async throws {
        let field = TagField([EmulatedTag(uid: Self.uid, dsfid: 0x06, afi: 0xC2, blockSize: 4, blockCount: 28)])
        let host = try #require(PtyEmulatorHost(FEIGEmulator(), field: field))
        defer { host.shutdown() }
        let reader = FEIGReader(transport: try SerialPort(path: host.slavePath, settings: .feig))
        let uid = try #require(try await reader.inventory(afi: nil, antenna: nil).first?.uid)
        let info = try await reader.systemInformation(uid: uid)
        let record = [UInt8](repeating: 0x33, count: 3 * info.blockSize)
        try await reader.writeBlocks(uid: uid, first: 0, data: record, blockSize: info.blockSize)
        try await reader.writeAFI(uid: uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 3, blockSize: 4) == record)
        #expect(field.tags.first?.afi == 0x07)
        await reader.close()
    }

    @Test("3M 810 inventory, write and read over a pty")
    func threeMOverPty() async throws {
        let field = TagField([EmulatedTag(uid: Self.uid, afi: 0x07, blockSize: 4, blockCount: 8)])
        let host = try #require(PtyEmulatorHost(ThreeM810Emulator(), field: field))
        defer { host.shutdown() }
        let reader = ThreeM810Reader(transport: try SerialPort(path: host.slavePath, settings: .threeM810))
        #expect(try await reader.inventory(afi: 0x07, antenna: nil).map(\.uid) == [Self.uid])
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: Array(1...8), blockSize: 4)
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == Array(1...8))
        await reader.close()
    }
}
