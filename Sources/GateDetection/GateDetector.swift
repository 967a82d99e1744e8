import ReaderCore

/// The gate's decisions as a pure state machine: it is told what the reader answered and when,
/// and returns what to do (fire outputs, run the alarm command, read a barcode, store, count).
/// It does no I/O and reads no clock, so every rule below is tested by feeding it events, the
/// way postgres-nio tests its connection state machine; the loop that performs the actions
/// stays thin.
///
/// Rules: an alarming answer fires the outputs first; the barcode is read only when the gate
/// records items; one alarm per item per `debounce` window and antenna lane; the direction is
/// the side of a two-antenna passage that saw the item first.
public struct GateDetector: Sendable {
    public struct Statistics: Sendable, Equatable {
        /// Tag answers (AFI mode) or alarming EAS answers handled.
        public var reads = 0
        public var alarms = 0
        /// Answers that fell inside an earlier alarm's window.
        public var suppressed = 0

        public init(reads: Int = 0, alarms: Int = 0, suppressed: Int = 0) {
            self.reads = reads
            self.alarms = alarms
            self.suppressed = suppressed
        }
    }

    public let settings: GateSettings
    public private(set) var statistics = Statistics()
    private var debounce: DebounceTable
    private var awaitingBarcode: [AlarmTicket: (alarm: GateAlarm, uid: TagUID)] = [:]
    private var nextTicket: UInt64 = 0

    public init(settings: GateSettings) {
        self.settings = settings
        self.debounce = DebounceTable(window: settings.debounce)
    }

    /// The queries of one round, one per antenna in the configured order. A one-antenna gate
    /// names no antenna, so readers without antenna selection serve it too.
    public var round: [GateQuery] {
        let single = settings.antennas.count == 1
        return settings.antennas.map { antenna in
            let selected = single ? nil : antenna
            switch settings.detection {
            case .afi(let inStock): return .inventory(afi: inStock, antenna: selected)
            case .eas: return .easAlarm(antenna: selected)
            }
        }
    }

    /// Alarms whose barcode read is still outstanding (the loop answers each one).
    public var outstandingBarcodeReads: Int { awaitingBarcode.count }

    public mutating func handle(_ event: GateEvent) -> [GateAction] {
        switch event {
        case .inventoried(let antenna, let tags, let at):
            guard case .afi(let inStock) = settings.detection else { return [] }
            var actions: [GateAction] = []
            for uid in tags {
                statistics.reads += 1
                guard debounce.admit(.init(lane: lane(antenna), uid: uid), at: at) else {
                    statistics.suppressed += 1
                    continue
                }
                actions += alarm(antenna: antenna, reason: .afi(inStock), at: at, uid: uid)
            }
            return actions
        case .easAlarm(let antenna, let alarming, let at):
            guard alarming, settings.detection == .eas else { return [] }
            statistics.reads += 1
            guard debounce.admit(.init(lane: lane(antenna), uid: nil), at: at) else {
                statistics.suppressed += 1
                return []
            }
            return alarm(antenna: antenna, reason: .eas, at: at, uid: nil)
        case .barcodeRead(let ticket, let barcode):
            guard let waiting = awaitingBarcode.removeValue(forKey: ticket) else { return [] }
            var alarm = waiting.alarm
            alarm.item = barcode ?? waiting.uid.description
            return [.storeAlarm(alarm), .count(gate: alarm.gate, direction: alarm.direction)]
        }
    }

    private mutating func alarm(antenna: Int, reason: AlarmReason, at: Duration, uid: TagUID?) -> [GateAction] {
        statistics.alarms += 1
        let direction = direction(antenna)
        let alarm = GateAlarm(gate: settings.gate, antenna: antenna, direction: direction, reason: reason, at: at)
        var actions: [GateAction] = []
        if !settings.outputs.isEmpty { actions.append(.fireOutputs(settings.outputs)) }
        if settings.runsAlarmCommand { actions.append(.runAlarmCommand(gate: settings.gate, direction: direction)) }
        if settings.recordItems, let uid {
            nextTicket += 1
            let ticket = AlarmTicket(nextTicket)
            awaitingBarcode[ticket] = (alarm, uid)
            actions.append(.readBarcode(uid, ticket: ticket))
            return actions
        }
        actions.append(.storeAlarm(alarm))
        actions.append(.count(gate: settings.gate, direction: direction))
        return actions
    }

    /// A two-antenna passage is one lane (0); otherwise each antenna is its own.
    private func lane(_ antenna: Int) -> Int { settings.formsPassage ? 0 : antenna }

    private func direction(_ antenna: Int) -> PassDirection {
        guard settings.formsPassage, let index = settings.antennas.firstIndex(of: antenna) else { return .unknown }
        return index == 0 ? .in : .out
    }
}
