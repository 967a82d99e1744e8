#if canImport(Glibc)
import Glibc
#endif
import ReaderCore
import RFIDCommon
import Synchronization

/// Set from a signal handler or a test to end `EmulatorHost.run` within one poll interval.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func stop() { flag.store(true, ordering: .relaxed) }
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}

/// Runs a protocol emulator behind a pseudo-terminal the way a reader sits behind a serial
/// port: replies leave no sooner than the bytes could have crossed the wire at the configured
/// baud rate, a half frame is forgotten after an idle gap, tags come and go on a timeline,
/// and faults are injected into replies from a seeded generator so a failing run can be replayed.
public final class EmulatorHost<Emulator: ProtocolEmulator> {
    public struct Configuration: Sendable {
        public var baud = 38400
        /// Start + data + parity + stop bits: 11 for 8E1, 10 for 8N1.
        public var bitsPerByte = 11
        public var faults = FaultSpec()
        public var timeline = Timeline(events: [])
        /// Tags the timeline brings into the field, by UID.
        public var catalogue: [EmulatedTag] = []
        public var seed: UInt64 = 1
        /// A stable path (symlink to the current pty), recreated when the reader "returns".
        public var link: String?
        /// A partly received frame is dropped after this much silence.
        public var idleReset: Duration = .milliseconds(50)
        /// How often `run` calls its checkpoint closure (to save tags while running); nil = never.
        public var checkpointInterval: Duration?
        public init() {}
    }

    /// What the host did, for the exit summary and for tests.
    public struct Statistics: Sendable, Equatable {
        public var replies = 0, dropped = 0, corrupted = 0, partial = 0, garbage = 0, slow = 0
        public var resets = 0, vanished = 0, timelineEvents = 0
        public var bytesIn = 0, bytesOut = 0
    }

    public let field: TagField
    private var emulator: Emulator
    private let configuration: Configuration
    private var random: SplitMix64
    /// Timed reply faults not yet given to a reply.
    private var pendingTimes: [FaultSpec.ReplyFault: [Duration]]
    public private(set) var statistics = Statistics()
    /// Tags that left the field, as they were when they left: a tag keeps what was written to
    /// it while it is away, so it comes back with that, not as the catalogue first had it.
    private var outside: [TagUID: EmulatedTag] = [:]

    /// The tags out of the field now, as they were when they left (for saving the state).
    public var tagsOutside: [EmulatedTag] { Array(outside.values) }

    public init(emulator: Emulator, field: TagField, configuration: Configuration) {
        self.emulator = emulator
        self.field = field
        self.configuration = configuration
        self.random = SplitMix64(seed: configuration.seed)
        self.pendingTimes = configuration.faults.times
    }

    public func wireTime(bytes: Int) -> Duration {
        .nanoseconds(Int64(bytes) * Int64(configuration.bitsPerByte) * 1_000_000_000 / Int64(max(1, configuration.baud)))
    }

    private func openTerminal(_ onReady: (String) -> Void) throws(EmulatorHostError) -> PseudoTerminal {
        let pty = try PseudoTerminal()
        if let link = configuration.link {
            unlink(link)
            guard symlink(pty.slavePath, link) == 0 else {
                throw .link("cannot create \(link): \(String(cString: strerror(errno)))")
            }
        }
        onReady(pty.slavePath)
        return pty
    }

    /// Serves until `stop` is set. `onReady` gets the slave path each time a pty is (re)created.
    public func run(
        until stop: StopFlag, onReady: (String) -> Void = { _ in }, checkpoint: (TagField) -> Void = { _ in }
    ) throws(EmulatorHostError) {
        let clock = ContinuousClock()
        let start = clock.now
        var lastCheckpoint = start
        var pty: PseudoTerminal? = try openTerminal(onReady)
        var nextEvent = 0
        var vanishDone = configuration.faults.vanishAt == nil
        var frameStart: ContinuousClock.Instant?
        var pending = 0
        var lastByte = start
        defer { if let link = configuration.link { unlink(link) } }
        while !stop.isSet {
            let now = clock.now
            if let every = configuration.checkpointInterval, now - lastCheckpoint >= every {
                checkpoint(field)
                lastCheckpoint = now
            }
            let events = configuration.timeline.events
            while nextEvent < events.count, start + events[nextEvent].at <= now {
                apply(events[nextEvent])
                nextEvent += 1
            }
            if !vanishDone, let at = configuration.faults.vanishAt {
                if pty != nil, now >= start + at {
                    pty = nil
                    if let link = configuration.link { unlink(link) }
                    emulator.resetReceiver()
                    pending = 0
                    frameStart = nil
                    statistics.vanished += 1
                } else if pty == nil, now >= start + at + configuration.faults.vanishFor {
                    pty = try openTerminal(onReady)
                    vanishDone = true
                }
            }
            guard let terminal = pty else {
                usleep(5_000)
                continue
            }
            let bytes = terminal.read(timeout: .milliseconds(5))
            if bytes.isEmpty {
                if pending > 0, clock.now - lastByte > configuration.idleReset {
                    emulator.resetReceiver()
                    statistics.resets += 1
                    pending = 0
                    frameStart = nil
                }
                continue
            }
            let arrived = clock.now
            if frameStart == nil { frameStart = arrived }
            pending += bytes.count
            lastByte = arrived
            statistics.bytesIn += bytes.count
            let replies = emulator.receive(bytes, field: field)
            guard !replies.isEmpty else { continue }
            // The request's first byte arrived when its last byte had barely started: count
            // the whole request's wire time from there, then the reply's own.
            var due = (frameStart ?? arrived) + wireTime(bytes: pending)
            for reply in replies { due = send(reply, on: terminal, notBefore: due, elapsed: clock.now - start) }
            pending = 0
            frameStart = nil
        }
    }

    private func apply(_ event: Timeline.Event) {
        statistics.timelineEvents += 1
        switch event.action {
        case .enter:
            if let tag = outside.removeValue(forKey: event.uid) ?? configuration.catalogue.first(where: { $0.uid == event.uid }) {
                field.enter(tag, antenna: event.antenna)
            }
        case .leave:
            if let tag = field.remove(event.uid) { outside[event.uid] = tag }
        }
    }

    /// Writes one reply with whatever faults the generator picks; returns when the next may start.
    private func send(
        _ reply: [UInt8], on terminal: PseudoTerminal, notBefore: ContinuousClock.Instant, elapsed: Duration
    ) -> ContinuousClock.Instant {
        let f = configuration.faults
        statistics.replies += 1
        // Timed faults due by now are taken by this reply (one reply each), before the random
        // draws, which stay the same as without them so that a seed replays as before.
        var timed = Set<FaultSpec.ReplyFault>()
        for (kind, times) in pendingTimes {
            guard let first = times.first, first <= elapsed else { continue }
            timed.insert(kind)
            pendingTimes[kind] = times.filter { $0 > elapsed }
        }
        if random.chance(f.drop) || timed.contains(.drop) {
            statistics.dropped += 1
            return notBefore
        }
        var out = reply
        if random.chance(f.crc) || timed.contains(.crc), let last = out.indices.last {
            out[last] ^= 0x5A
            statistics.corrupted += 1
        }
        if random.chance(f.partial) || timed.contains(.partial), out.count > 1 {
            out = Array(out.prefix(out.count / 2))
            statistics.partial += 1
        }
        if random.chance(f.garbage) || timed.contains(.garbage) {
            let n = 1 + Int(random.next() % 4)
            out = (0..<n).map { _ in UInt8(truncatingIfNeeded: random.next()) } + out
            statistics.garbage += 1
        }
        var due = notBefore + wireTime(bytes: out.count)
        if random.chance(f.slow) || timed.contains(.slow) {
            due += f.slowDelay
            statistics.slow += 1
        }
        let wait = due - ContinuousClock.now
        if wait > .zero {
            let (s, atto) = wait.components
            usleep(UInt32(min(10_000_000, s * 1_000_000 + atto / 1_000_000_000_000)))
        }
        terminal.write(out)
        statistics.bytesOut += out.count
        return due
    }
}

/// Small, fast, seedable: the same --seed replays the same faults.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool {
        guard p > 0 else { return false }
        return Double(next() >> 11) / Double(1 << 53) < p
    }
}
