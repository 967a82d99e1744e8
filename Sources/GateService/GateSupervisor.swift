import Foundation
import GateEventStore
import Logging
import ServiceLifecycle

/// Every gate of the site as one service: each gate's loop in its own child task (one failing
/// gate never stops another), the hourly purge of expired alarm rows, systemd's readiness and
/// watchdog. On graceful shutdown each gate finishes its round, then the store is flushed.
public final class GateSupervisor: Service, Sendable {
    let loops: [GateLoop]
    let store: any GateEventStoring
    let retentionDays: Int
    let timeZone: TimeZone
    let notifier: SystemdNotifier
    let logger: Logger

    public init(
        loops: [GateLoop], store: any GateEventStoring, retentionDays: Int, timeZone: TimeZone, notifier: SystemdNotifier,
        logger: Logger
    ) {
        self.loops = loops
        self.store = store
        self.retentionDays = retentionDays
        self.timeZone = timeZone
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        purge()
        notifier.ready()
        logger.notice("gates running", metadata: ["gates": "\(loops.map(\.gate).joined(separator: ","))"])
        await withTaskGroup(of: Bool.self) { group in
            for loop in loops { group.addTask { await loop.run(); return true } }
            group.addTask { await self.housekeeping(); return false }
            var finished = 0
            while let isGate = await group.next() {
                if isGate { finished += 1 }
                if finished == loops.count { group.cancelAll() }
            }
        }
        notifier.stopping()
        do { try store.flush() } catch { logger.error("cannot flush the gate store", metadata: ["error": "\(error.description)"]) }
        logger.notice("gates stopped")
    }

    /// The watchdog ping and the hourly purge, until the gates stop.
    private func housekeeping() async {
        let clock = ContinuousClock()
        var lastPurge = clock.now
        let step = min(notifier.watchdogInterval ?? .seconds(1), .seconds(1))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: step)
            notifier.watchdog()
            if clock.now - lastPurge >= .seconds(3600) {
                purge()
                lastPurge = clock.now
            }
        }
    }

    /// Deletes alarm rows past `alarm_retention_days`; hourly counts stay.
    func purge() {
        let cutoff = LocalDay.day(retentionDays, before: Date(), in: timeZone)
        do {
            let deleted = try store.purgeAlarms(before: cutoff)
            if deleted > 0 { logger.notice("expired alarm rows purged", metadata: ["rows": "\(deleted)", "before": "\(cutoff)"]) }
        } catch {
            logger.error("cannot purge expired alarm rows", metadata: ["error": "\(error.description)"])
        }
    }
}
