import GateDetection
import Metrics

/// One gate's metrics through swift-metrics (the daemon bootstraps the Prometheus backend; in
/// tests they go nowhere). Labels are gate ids and directions: never an item.
struct GateMetrics: Sendable {
    let gate: String
    let reads: Counter
    let rounds: Counter
    let reconnects: Counter
    let up: Gauge

    init(gate: String) {
        self.gate = gate
        let dimensions = [("gate", gate)]
        reads = Counter(label: "libraryrfid_gate_tag_reads_total", dimensions: dimensions)
        rounds = Counter(label: "libraryrfid_gate_rounds_total", dimensions: dimensions)
        reconnects = Counter(label: "libraryrfid_gate_reconnects_total", dimensions: dimensions)
        up = Gauge(label: "libraryrfid_gate_up", dimensions: dimensions)
    }

    func alarm(_ direction: PassDirection) {
        Counter(label: "libraryrfid_gate_alarms_total", dimensions: [("gate", gate), ("direction", direction.rawValue)])
            .increment()
    }
}
