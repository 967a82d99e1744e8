import Foundation
import GateDetection
import GateEventStore
import Logging
import ReaderCore
import ServiceLifecycle

/// One gate: opens its reader, asks the detector's queries round after round, performs the
/// actions it returns, and when the reader disappears reports the gate unhealthy and opens it
/// again with backoff. It never throws: a gate that fails keeps retrying, and never takes
/// another gate down with it.
public final class GateLoop: Sendable {
    public struct Configuration: Sendable {
        public var settings: GateSettings
        /// External alarm command (program and arguments); empty: none.
        public var alarmCommand: [String]
        /// The site's time zone, for the alarm's local minute and hour.
        public var timeZone: TimeZone
        public var limit: RunLimit
        public var backoff: ReconnectBackoff
        /// Failed queries in a row after which the reader counts as lost and is reopened.
        public var failuresBeforeReconnect: Int

        public init(
            settings: GateSettings, alarmCommand: [String] = [], timeZone: TimeZone = .current, limit: RunLimit = .unlimited,
            backoff: ReconnectBackoff = ReconnectBackoff(), failuresBeforeReconnect: Int = 3
        ) {
            self.settings = settings
            self.alarmCommand = alarmCommand
            self.timeZone = timeZone
            self.limit = limit
            self.backoff = backoff
            self.failuresBeforeReconnect = failuresBeforeReconnect
        }
    }

    public typealias ReaderOpener = @Sendable () async throws -> any RFIDReader

    public let configuration: Configuration
    let open: ReaderOpener
    let store: any GateEventStoring
    let health: GateHealthBoard
    let recent: RecentAlarms
    let logger: Logger
    let metrics: GateMetrics

    public init(
        configuration: Configuration, open: @escaping ReaderOpener, store: any GateEventStoring, health: GateHealthBoard,
        recent: RecentAlarms, logger: Logger
    ) {
        self.configuration = configuration
        self.open = open
        self.store = store
        self.health = health
        self.recent = recent
        var logger = logger
        logger[metadataKey: "gate"] = "\(configuration.settings.gate)"
        self.logger = logger
        self.metrics = GateMetrics(gate: configuration.settings.gate)
        health.register(configuration.settings.gate)
    }

    var gate: String { configuration.settings.gate }

    /// Runs until graceful shutdown, cancellation or the run limit; the round in progress is
    /// always finished first.
    public func run() async {
        let clock = ContinuousClock()
        let start = clock.now
        var state = RoundState(detector: GateDetector(settings: configuration.settings), start: start)
        var backoff = configuration.backoff
        while !shouldStop(state, clock: clock) {
            let reader: any RFIDReader
            do {
                reader = try await open()
            } catch {
                lost("cannot open the reader: \(Self.describe(error))")
                await pause(backoff.failed(), state: state, clock: clock)
                continue
            }
            logger.info("reader open", metadata: ["reader": "\(reader.name)"])
            let outcome = await serve(reader, state: &state, clock: clock, backoff: &backoff)
            await reader.close()
            switch outcome {
            case .finished:
                break
            case .lost(let problem):
                metrics.reconnects.increment()
                lost(problem)
                await pause(backoff.failed(), state: state, clock: clock)
            }
        }
        metrics.up.record(0)
        logger.info("gate stopped", metadata: ["rounds": "\(state.rounds)", "alarms": "\(state.detector.statistics.alarms)"])
    }

    struct RoundState {
        var detector: GateDetector
        let start: ContinuousClock.Instant
        var rounds = 0
    }

    enum Outcome { case finished, lost(String) }

    private func shouldStop(_ state: RoundState, clock: ContinuousClock) -> Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
            || configuration.limit.reached(rounds: state.rounds, elapsed: clock.now - state.start)
    }

    /// Rounds on an open reader until told to stop, or until the reader is lost.
    private func serve(
        _ reader: any RFIDReader, state: inout RoundState, clock: ContinuousClock, backoff: inout ReconnectBackoff
    ) async -> Outcome {
        var failures = 0
        while !shouldStop(state, clock: clock) {
            var roundFailed = false
            for query in state.detector.round {
                let event: GateEvent
                do {
                    event = try await ask(reader, query, at: { clock.now - state.start })
                } catch {
                    if error.kind == .cancelled { return .finished }
                    if Self.meansReaderLost(error) { return .lost("reader lost: \(error.description)") }
                    failures += 1
                    roundFailed = true
                    logger.debug("query failed", metadata: ["error": "\(error.description)"])
                    if failures >= configuration.failuresBeforeReconnect {
                        return .lost("\(failures) queries failed in a row: \(error.description)")
                    }
                    continue
                }
                failures = 0
                let actions = state.detector.handle(event)
                if !actions.isEmpty { await perform(actions, reader: reader, detector: &state.detector) }
            }
            state.rounds += 1
            metrics.rounds.increment()
            if !roundFailed {
                backoff.succeeded()
                health.up(gate)
                metrics.up.record(1)
            }
        }
        return .finished
    }

    /// One query, its answer as the detector's event. Only the two questions a gate may ask
    /// exist here: an inventory filtered on the in-stock AFI, and the EAS alarm.
    private func ask(
        _ reader: any RFIDReader, _ query: GateQuery, at now: () -> Duration
    ) async throws(ReaderError) -> GateEvent {
        switch query {
        case .inventory(let afi, let antenna):
            let items: [InventoryItem]
            do { items = try await reader.inventory(afi: afi, antenna: antenna) } catch where error.kind == .noTag { items = [] }
            if !items.isEmpty { metrics.reads.increment(by: items.count) }
            return .inventoried(antenna: antenna ?? 1, tags: items.map(\.uid), at: now())
        case .easAlarm(let antenna):
            let alarming = try await reader.easAlarm(antenna: antenna)
            return .easAlarm(antenna: antenna ?? 1, alarming: alarming, at: now())
        }
    }

    /// The reader itself is gone (unplugged, port closed, device server down), not just one
    /// reply: reopen it rather than retry the query.
    static func meansReaderLost(_ error: ReaderError) -> Bool {
        switch error.kind {
        case .disconnected, .unavailable, .io, .unsupported, .invalidRequest: true
        default: false
        }
    }

    /// Reports the gate unhealthy; the log says so once per change of problem, not once per
    /// retry, so an unplugged reader does not fill the journal.
    private func lost(_ problem: String) {
        let previous = health.all.first { $0.gate == gate }?.problem
        health.down(gate, problem: problem)
        metrics.up.record(0)
        if previous == problem {
            logger.debug("still unhealthy, retrying", metadata: ["problem": "\(problem)"])
        } else {
            logger.warning("gate unhealthy, retrying", metadata: ["problem": "\(problem)"])
        }
    }

    /// Waits before the next attempt, cut short by shutdown or the end of the run.
    private func pause(_ delay: Duration, state: RoundState, clock: ContinuousClock) async {
        var wait = delay
        if let duration = configuration.limit.duration { wait = min(wait, max(.zero, duration - (clock.now - state.start))) }
        let sleep = wait
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: sleep) }
    }

    static func describe(_ error: any Error) -> String { "\(error)" }
}
