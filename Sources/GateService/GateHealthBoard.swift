import Foundation
import Synchronization

/// Whether each gate is serving, for `/health` and the `libraryrfid_gate_up` gauge: a gate
/// whose reader vanished says so here while it retries, and the others stay healthy.
public final class GateHealthBoard: Sendable {
    public struct Status: Sendable, Equatable {
        public var gate: String
        public var healthy: Bool
        /// Why not, phrased for an operator ("reader unavailable: ..."); nil when healthy.
        public var problem: String?
        public var since: Date
    }

    private let statuses = Mutex<[String: Status]>([:])

    public init() {}

    /// Registers a gate as not yet serving (its reader is being opened).
    public func register(_ gate: String) {
        statuses.withLock { $0[gate] = Status(gate: gate, healthy: false, problem: "starting", since: Date()) }
    }

    public func up(_ gate: String) {
        statuses.withLock { all in
            if all[gate]?.healthy == true { return }
            all[gate] = Status(gate: gate, healthy: true, problem: nil, since: Date())
        }
    }

    public func down(_ gate: String, problem: String) {
        statuses.withLock { $0[gate] = Status(gate: gate, healthy: false, problem: problem, since: Date()) }
    }

    /// Every gate, by id.
    public var all: [Status] { statuses.withLock { Array($0.values) }.sorted { $0.gate < $1.gate } }

    /// True when there is at least one gate and every gate is serving.
    public var allHealthy: Bool {
        let all = self.all
        return !all.isEmpty && all.allSatisfy(\.healthy)
    }
}
