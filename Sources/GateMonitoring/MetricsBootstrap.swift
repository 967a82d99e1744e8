import Metrics
import Prometheus

/// The daemon's metrics backend: swift-metrics into a Prometheus registry that `/metrics`
/// renders. Bootstrapped once per process, before the first gate counts anything.
public enum MetricsBootstrap {
    public static func prometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
