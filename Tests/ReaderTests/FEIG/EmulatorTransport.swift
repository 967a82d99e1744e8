import Foundation
import ReaderEmulation
import ReaderTransport
import Synchronization

/// In-memory ByteTransport wired to a protocol emulator, with faults a real line shows:
/// a corrupted reply, a dropped reply, a reply cut short. Counts round trips (writes).
final class EmulatorTransport<E: ProtocolEmulator>: ByteTransport {
    enum Fault: Sendable { case corruptNext, dropNext, truncateNext, dropAll }

    struct State {
        var emulator: E
        var inbound: [UInt8] = []
        var faults: [Fault] = []
        var writes = 0
        var closed = false
        var chunkSize = 3
    }

    let field: TagField
    private let state: Mutex<State>
    var description: String { "emulator \(E.protocolName)" }

    init(_ emulator: E, field: TagField) {
        self.field = field
        state = Mutex(State(emulator: emulator))
    }

    var roundTrips: Int { state.withLock { $0.writes } }
    func inject(_ fault: Fault) { state.withLock { $0.faults.append(fault) } }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try state.withLock { (s: inout State) throws(TransportError) in
            guard !s.closed else { throw TransportError(.disconnected, endpoint: "emulator", "closed") }
            s.writes += 1
            var replies = s.emulator.receive(bytes, field: field)
            if s.faults.contains(.dropAll) { return }
            if !s.faults.isEmpty, !replies.isEmpty {
                switch s.faults.removeFirst() {
                case .corruptNext: replies[0][replies[0].count - 1] ^= 0x5A
                case .dropNext: replies.removeFirst()
                case .truncateNext: replies[0] = Array(replies[0].prefix(replies[0].count / 2))
                case .dropAll: break
                }
            }
            s.inbound += replies.flatMap { $0 }
        }
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        while true {
            let chunk = try state.withLock { (s: inout State) throws(TransportError) -> [UInt8] in
                guard !s.closed else { throw TransportError(.disconnected, endpoint: "emulator", "closed") }
                let n = min(maxCount, s.chunkSize, s.inbound.count)
                defer { s.inbound.removeFirst(n) }
                return Array(s.inbound.prefix(n))
            }
            if !chunk.isEmpty { return chunk }
            guard ContinuousClock.now < deadline else { throw TransportError(.timeout, endpoint: "emulator", "no bytes") }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    func flush() throws(TransportError) { state.withLock { $0.inbound.removeAll() } }
    func close() { state.withLock { $0.closed = true } }
}
