import ArgumentParser
import CommandSupport
import Foundation
import GateMonitoring
import GateService
import Logging
import ServiceLifecycle
import SiteConfiguration

/// `rfid-gated [run]`: every `[[gate]]` of the site file under one service group, with the
/// monitoring endpoints beside them. SIGTERM or SIGINT: each gate finishes its round, the store
/// is flushed, exit 0.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every [[gate]] of the site file (the default command).",
        discussion: """
            Validates the site file first (exit 65 naming the key and line). Serves /metrics, /health and \
            /alarms on [metrics] listen (loopback only). --rounds and --for make a finite run, for the quick \
            start and tests; a service runs without them.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption

    @Option(help: "Stop after this many inventory rounds per gate (for demos and tests).")
    var rounds: Int?

    @Option(name: .customLong("for"), help: ArgumentHelp("Stop after this long, e.g. 10s or 2m (for demos and tests).", valueName: "duration"))
    var runFor: String?

    func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1") }
        if let runFor, DurationText.parse(runFor) == nil { throw ValidationError("--for must look like 500ms, 10s, 2m or 1h") }
    }

    func run() async throws {
        try await runReportingFailures(tool: "rfid-gated") { try await serve() }
    }

    private func serve() async throws {
        let config = database.apply(to: try site.load())
        let logger = LogSetup.logger("rfid-gated")
        let limit = RunLimit(rounds: rounds, duration: runFor.flatMap(DurationText.parse))
        let plan = try GatePlan(config: config, limit: limit)
        let store = try GateStoreOpening.open(plan.store, config: config, writing: true)
        let registry = MetricsBootstrap.prometheus()
        let health = GateHealthBoard()
        let recent = RecentAlarms()
        let loops = plan.loops.map {
            GateLoop(configuration: $0, open: plan.opener(for: $0.settings.gate), store: store, health: health, recent: recent, logger: logger)
        }
        let supervisor = GateSupervisor(
            loops: loops, store: store, retentionDays: config.gateStore.alarmRetentionDays, timeZone: plan.timeZone,
            notifier: SystemdNotifier(), logger: logger)
        let http = MonitoringServer.service(listen: plan.listen, registry: registry, health: health, recent: recent, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: supervisor, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: http, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw GatedError.serviceFailed("\(error)")
        }
    }
}
