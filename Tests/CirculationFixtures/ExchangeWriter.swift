import CirculationLog

/// Writes one exchange of a synthetic log: a transaction (request and response), optionally
/// preceded by noise (login, status, patron and item queries), or a malformed line.
struct ExchangeWriter {
    let configuration: SyntheticSIP2Log.Configuration
    let patrons: [SyntheticPatron]
    let items: [SyntheticItem]
    let branches: [String]
    let emit: (UnsafeRawBufferPointer) -> Void
    var line = SIP2LineBuilder()
    var sequence = 0

    init(
        configuration: SyntheticSIP2Log.Configuration, patrons: [SyntheticPatron], items: [SyntheticItem],
        branches: [String], emit: @escaping (UnsafeRawBufferPointer) -> Void
    ) {
        self.configuration = configuration
        self.patrons = patrons
        self.items = items
        self.branches = branches
        self.emit = emit
    }

    mutating func begin(_ clock: LocalClock) {
        line.begin(timestamp: configuration.timestamps ? clock : nil)
    }

    mutating func finish(corrupt: Bool = false, _ expectation: inout SyntheticExpectation) {
        if configuration.checksums || corrupt {
            line.trailer(sequence: sequence, corrupt: corrupt)
            sequence += 1
        }
        line.end()
        expectation.lines += 1
        line.bytes.withUnsafeBytes { emit($0) }
    }

    mutating func exchange(at clock: LocalClock, rng: inout SplitMix64, expectation: inout SyntheticExpectation) {
        let patron = patrons[rng.below(patrons.count)]
        // A skewed pick: a few items circulate far more than the rest.
        let u = rng.unit()
        let item = items[min(items.count - 1, Int(Double(items.count) * u * u * u))]
        let branch = branches[rng.below(branches.count)]
        let terminal = "\(branch)-SC\(1 + rng.below(max(configuration.terminalsPerBranch, 1)))"

        if rng.chance(configuration.noiseFraction) {
            noise(at: clock, patron: patron, item: item, branch: branch, terminal: terminal, rng: &rng, &expectation)
        }
        if rng.chance(configuration.malformedFraction) {
            malformed(at: clock, patron: patron, item: item, branch: branch, rng: &rng, &expectation)
            return
        }
        let roll = rng.unit()
        let action: CirculationAction = roll < 0.45 ? .checkout : (roll < 0.9 ? .checkin : .renewal)
        let ok = !rng.chance(configuration.refusedFraction)
        let corrupt = ok && rng.chance(configuration.badChecksumFraction)

        switch action {
        case .checkout, .renewal:
            begin(clock)
            line.text(action == .checkout ? "11YN" : "29NN")
            line.date(clock)
            line.text(String(repeating: " ", count: 18))
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            if action == .renewal { line.field("AD", patron.password) }
            line.field("AB", item.barcode)
            line.field("AC", "")
            finish(&expectation)
            begin(clock)
            line.text(action == .checkout ? "12" : "30")
            line.text(ok ? "1YUY" : "0NUN")
            line.date(clock)
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AB", item.barcode)
            line.field("AJ", item.title)
            if ok { line.field("AH", "20260430    235900") }
            line.field("CK", item.mediaType)
            line.field("AQ", item.location)
            if !item.collection.isEmpty { line.field("CR", item.collection) }
            line.field("AF", ok ? "Thank you, \(patron.name)" : "Please see a staff member, \(patron.name)")
            line.field("AG", "\(patron.name) \(patron.barcode)")
            finish(corrupt: corrupt, &expectation)
        case .checkin:
            begin(clock)
            line.text("09N")
            line.date(clock)
            line.date(clock)
            line.field("AP", item.location)
            line.field("AO", branch)
            line.field("AB", item.barcode)
            line.field("AC", "")
            finish(&expectation)
            begin(clock)
            line.text(ok ? "101YUN" : "100NUN")
            line.date(clock)
            line.field("AO", branch)
            line.field("AB", item.barcode)
            line.field("AQ", item.location)
            line.field("AJ", item.title)
            line.field("CK", item.mediaType)
            if !item.collection.isEmpty { line.field("CR", item.collection) }
            if rng.chance(0.1) {
                let holder = patrons[rng.below(patrons.count)]
                line.field("CY", holder.barcode)
                line.field("DA", holder.name)
                line.field("CT", "EAST")
            }
            if rng.chance(0.3) { line.field("AA", patron.barcode) }
            finish(corrupt: corrupt, &expectation)
        }
        if ok {
            let event = CirculationEvent(
                action: action, day: clock.localTime.dayText, hour: clock.hour, branch: branch, location: item.location,
                mediaType: item.mediaType, collection: item.collection, source: configuration.source, item: item.barcode)
            expectation.record(event, badChecksum: corrupt)
            if corrupt { expectation.badChecksumLines += 1 }
        }
    }
}
