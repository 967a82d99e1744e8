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

/// Minimal raw-mode ByteTransport over a pty slave, for tests only (the real SerialPort belongs
/// to the transports helper and was not yet committed).
final class PtySlaveTransport: ByteTransport {
    let fd: Int32
    var description: String { "pty slave fd \(fd)" }

    init(fd: Int32) { self.fd = fd }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TransportError(.io, endpoint: description, "write failed, errno \(errno)") }
            done += n
        }
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw TransportError(.timeout, endpoint: description, "no bytes") }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            let r = poll(&p, 1, ms)
            if r == 0 { continue }
            if p.revents & Int16(POLLHUP) != 0 { throw TransportError(.disconnected, endpoint: description, "hang-up") }
            var buf = [UInt8](repeating: 0, count: max(1, maxCount))
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { return Array(buf.prefix(n)) }
            if n == 0 || errno == EIO { throw TransportError(.disconnected, endpoint: description, "closed") }
        }
    }

    func flush() throws(TransportError) { tcflush(fd, TCIOFLUSH) }
    func close() { Glibc.close(fd) }
}

/// The emulator on the pty master in a thread, answering as the real reader on a real tty.
final class PtyEmulatorHost<E: ProtocolEmulator>: Sendable {
    let master: Int32
    let slave: Int32
    let field: TagField

    init?(_ emulator: E, field: TagField) {
        var m: Int32 = -1, s: Int32 = -1
        guard openpty(&m, &s, nil, nil, nil) == 0 else { return nil }
        var t = termios()
        tcgetattr(s, &t)
        cfmakeraw(&t)
        tcsetattr(s, TCSANOW, &t)
        tcgetattr(m, &t)
        cfmakeraw(&t)
        tcsetattr(m, TCSANOW, &t)
        master = m
        slave = s
        self.field = field
        let fd = m
        Thread.detachNewThread {
            var emu = emulator
            var buf = [UInt8](repeating: 0, count: 256)
            while true {
                let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { return }
                for reply in emu.receive(Array(buf.prefix(n)), field: field) {
                    _ = reply.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                }
            }
        }
    }

    func shutdown() { Glibc.close(master) }
}

@Suite("Drivers end to end over a real pseudo-terminal")
struct PtyEndToEndTests {
    static let uid = TagUID(hex: "E004010046707A28")!

    @Test("FEIG tagging sequence over a pty")
    func feigOverPty() async throws {
        let field = TagField([EmulatedTag(uid: Self.uid, dsfid: 0x06, afi: 0xC2, blockSize: 4, blockCount: 28)])
        let host = try #require(PtyEmulatorHost(FEIGEmulator(), field: field))
        defer { host.shutdown() }
        let reader = FEIGReader(transport: PtySlaveTransport(fd: host.slave))
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
        let reader = ThreeM810Reader(transport: PtySlaveTransport(fd: host.slave))
        #expect(try await reader.inventory(afi: 0x07, antenna: nil).map(\.uid) == [Self.uid])
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: Array(1...8), blockSize: 4)
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == Array(1...8))
        await reader.close()
    }
}
