import Foundation
import GateService
import Hummingbird
import Prometheus

/// The three loopback endpoints: `/metrics` for Prometheus, `/health` for systemd or a load
/// check (503 while any gate's reader is away), `/alarms` for a display by the door (the last
/// ten minutes from memory: time, gate, direction, reason; never an item).
enum MonitoringRoutes {
    static func router(registry: PrometheusCollectorRegistry, health: GateHealthBoard, recent: RecentAlarms) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("health") { _, _ -> Response in
            let gates: [[String: Any]] = health.all.map { status in
                var entry: [String: Any] = [
                    "gate": status.gate, "healthy": status.healthy, "since": timestamp(status.since),
                ]
                if let problem = status.problem { entry["problem"] = problem }
                return entry
            }
            let healthy = health.allHealthy
            return json(["status": healthy ? "ok" : "unhealthy", "gates": gates], status: healthy ? .ok : .serviceUnavailable)
        }
        router.get("alarms") { _, _ -> Response in
            let alarms: [[String: Any]] = recent.list().map {
                ["time": timestamp($0.time), "gate": $0.gate, "direction": $0.direction.rawValue, "reason": $0.reason.description]
            }
            return json(["windowSeconds": Int(recent.window.components.seconds), "alarms": alarms], status: .ok)
        }
        return router
    }

    static func text(_ body: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return text(String(decoding: data, as: UTF8.self), contentType: "application/json", status: status)
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
