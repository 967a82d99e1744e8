import ReaderCore
import ReaderEmulation
import ReaderProtocols
import ReaderTransport
import Synchronization

/// An in-memory line to the FEIG emulator that notes two instants for the latency benchmark:
/// when the driver has taken the last byte of an inventory reply (the reply "arrived"), and
/// when the driver writes a Set Output request (the alarm command leaves). Each inventory
/// request brings a new item into the field, so every round is an alarm.
final class StampingTransport: ByteTransport {
    private struct State {
        var emulator = FEIGEmulator()
        var inbound: [UInt8] = []
        var replyIsInventory = false
        var replyArrived: ContinuousClock.Instant?
        var latencies: [Duration] = []
        var serial: UInt32 = 0
    }

    let field = TagField()
    private let state = Mutex(State())
    var description: String { "in-memory stamping FEIG line" }

    /// Alarm latencies measured so far (reply taken -> Set Output written), and clears them.
    func takeLatencies() -> [Duration] { state.withLock { s in defer { s.latencies = [] }; return s.latencies } }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        let now = ContinuousClock.now
        let field = self.field
        state.withLock { s in
            // A standard FEIG frame is LEN, COM-ADR, CMD, data, CRC16: the command is byte 2.
            let command = bytes.count > 2 ? bytes[2] : 0
            if command == FEIGCommand.setOutputISC, let arrived = s.replyArrived {
                s.latencies.append(now - arrived)
                s.replyArrived = nil
            }
            let isInventory = command == FEIGCommand.isoHost && bytes.count > 3 && bytes[3] == FEIGCommand.ISO.inventory.rawValue
            if isInventory {
                s.serial &+= 1
                let n = s.serial
                let uid = TagUID(bytes: [0xE0, 0x04, 0x01, 0x00, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)])!
                field.replaceAll([EmulatedTag(uid: uid, afi: 0x07)])
            }
            s.replyIsInventory = isInventory
            s.inbound += s.emulator.receive(bytes, field: field).flatMap { $0 }
        }
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        state.withLock { s in
            let n = min(maxCount, s.inbound.count)
            let chunk = Array(s.inbound.prefix(n))
            s.inbound.removeFirst(n)
            if s.inbound.isEmpty, s.replyIsInventory, n > 0 { s.replyArrived = ContinuousClock.now }
            return chunk
        }
    }

    func flush() throws(TransportError) { state.withLock { $0.inbound.removeAll() } }
    func close() {}
}
