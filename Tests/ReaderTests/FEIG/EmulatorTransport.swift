import Foundation
import ReaderEmulation
import ReaderProtocols
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

/// Request payloads (CMD and data) a FEIG emulator was sent, in order, shared with the test.
final class SeenCommands: Sendable {
    private let seen = Mutex<[[UInt8]]>([])
    var payloads: [[UInt8]] { seen.withLock { $0 } }
    func append(_ payload: [UInt8]) { seen.withLock { $0.append(payload) } }
}

/// The FEIG emulator, recording every request frame it answers: for tests of the exact bytes
/// a driver sends (which Set Output command, say) through any transport, pty included.
struct RecordingFEIG: ProtocolEmulator {
    static let protocolName = "feig"
    let seen: SeenCommands
    var inner = FEIGEmulator()
    private var frames = FrameAssembler<FEIGScanner>()

    init(seen: SeenCommands) { self.seen = seen }

    mutating func resetReceiver() {
        frames.reset()
        inner.resetReceiver()
    }

    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        for case .frame(let frame) in frames.push(bytes) { seen.append(frame.payload) }
        return inner.receive(bytes, field: field)
    }
}
