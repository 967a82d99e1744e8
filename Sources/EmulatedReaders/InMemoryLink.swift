import ReaderEmulation
import ReaderTransport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A byte pipe straight into a protocol emulator, so `emulated:` runs the real driver and the
/// real framing without a serial port: the quick start exercises the protocol a desk will use.
/// Replies are produced synchronously by the emulator, hence a mutex, not an actor.
public final class InMemoryLink<Emulator: ProtocolEmulator>: ByteTransport {
    private struct State {
        var emulator: Emulator
        var inbound: [UInt8] = []
        var closed = false
    }

    public let field: TagField
    private let state: Mutex<State>
    public var description: String { "in-memory \(Emulator.protocolName) emulator" }

    public init(_ emulator: Emulator, field: TagField) {
        self.field = field
        self.state = Mutex(State(emulator: emulator))
    }

    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        let field = self.field
        try state.withLock { (s: inout State) throws(TransportError) in
            guard !s.closed else { throw TransportError(.disconnected, endpoint: description, "closed") }
            s.inbound += s.emulator.receive(bytes, field: field).flatMap { $0 }
        }
    }

    public func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        while true {
            let chunk = try state.withLock { (s: inout State) throws(TransportError) -> [UInt8] in
                guard !s.closed else { throw TransportError(.disconnected, endpoint: description, "closed") }
                let n = min(max(0, maxCount), s.inbound.count)
                defer { s.inbound.removeFirst(n) }
                return Array(s.inbound.prefix(n))
            }
            if !chunk.isEmpty { return chunk }
            // The emulator answers at once, so nothing now means nothing at all: wait out the
            // deadline as a real line would, in short sleeps.
            try TransportCancellation.check(description)
            guard ContinuousClock.now < deadline else {
                throw TransportError(.timeout, endpoint: description, "no reply")
            }
            usleep(1_000)
        }
    }

    public func flush() throws(TransportError) {
        state.withLock {
            $0.inbound.removeAll()
            $0.emulator.resetReceiver()
        }
    }

    public func close() { state.withLock { $0.closed = true } }
}
