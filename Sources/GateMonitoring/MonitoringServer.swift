import GateService
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The HTTP side of the daemon, served by Hummingbird (a maintained server, not a hand-written
/// one) on the loopback address of `[metrics] listen`. It is a `Service`, so it starts and
/// stops with the gates under one service group.
public enum MonitoringServer {
    /// `onListening` gets the address actually bound (the port the system chose for port 0).
    public static func service(
        listen: ListenAddress, registry: PrometheusCollectorRegistry, health: GateHealthBoard, recent: RecentAlarms,
        logger: Logger, onListening: @escaping @Sendable (ListenAddress) -> Void = { _ in }
    ) -> some Service {
        let router = MonitoringRoutes.router(registry: registry, health: health, recent: recent)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in
                var bound = listen
                if let port = channel.localAddress?.port { bound.port = port }
                logger.notice("serving /metrics, /health and /alarms", metadata: ["listen": "\(bound)"])
                onListening(bound)
            },
            logger: logger)
    }
}
