import CirculationLog

/// A realistic SIP2 transaction log for one month, generated from a seed, with the exact counts
/// a correct ingest must find. The tests' profile of the generator (end-to-end counts, leak
/// test, crash test); the ingest benchmark uses the leaner `SyntheticMonth`. Logs of tens of
/// thousands of exchanges are common in the tests, so it streams: lines go to a closure, and
/// only the expected sums are kept, not the lines.
public struct SyntheticSIP2Log: Sendable {
    public struct Configuration: Sendable {
        public var seed: UInt64 = 1
        public var year = 2026
        public var month = 3
        /// Checkout/checkin/renewal exchanges (request + response) to generate.
        public var transactions = 10_000
        public var branches = ["MAIN", "EAST", "WEST"]
        public var terminalsPerBranch = 3
        public var mediaTypes = ["001", "001", "001", "002", "005", "006", "009"]
        public var locations = ["ADULT-FIC", "CHILDREN", "YA", "REF", "NEW_BOOKS"]
        /// "" means the item's messages carry no CR field.
        public var collections = ["FIC", "JUV", "YA", "NF", ""]
        public var items = 5_000
        public var patrons = 500
        public var openingHours: ClosedRange<Int> = 9...20
        /// Lines start with an ISO-8601 timestamp.
        public var timestamps = true
        /// Messages carry AY/AZ error detection.
        public var checksums = true
        /// Share of responses refusing the transaction (ok=0), which count nothing.
        public var refusedFraction = 0.03
        /// Share of ok=1 responses written with a wrong checksum.
        public var badChecksumFraction = 0.01
        /// Share of exchanges replaced by a malformed line (which carries patron data).
        public var malformedFraction = 0.005
        /// Patron-information, login, status and item-information exchanges per transaction.
        public var noiseFraction = 0.2
        public var source: TransactionSource = .selfCheck

        public init() {}
    }

    public var configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Generates the log, handing each line (ending in "\n") to `emit`; returns what it holds.
    public func generate(_ emit: (UnsafeRawBufferPointer) -> Void) -> SyntheticExpectation {
        withoutActuallyEscaping(emit) { emit in run(emit) }
    }

    private func run(_ emit: @escaping (UnsafeRawBufferPointer) -> Void) -> SyntheticExpectation {
        let c = configuration
        var rng = SplitMix64(seed: c.seed)
        let patrons = SyntheticPopulation.patrons(c.patrons, &rng)
        let items = SyntheticPopulation.items(
            c.items, mediaTypes: c.mediaTypes, locations: c.locations, collections: c.collections, &rng)
        let branches = c.branches.isEmpty ? ["MAIN"] : c.branches
        var expectation = SyntheticExpectation()
        expectation.patronIdentifiers = patrons.flatMap(\.identifiers)
        var writer = ExchangeWriter(
            configuration: c, patrons: patrons, items: items, branches: branches, emit: emit)

        let perDay = Self.transactionsPerDay(total: c.transactions, year: c.year, month: c.month)
        let hours = Array(c.openingHours.clamped(to: 0...23))
        let hourWeights = hours.map { h in 1.0 + (h >= 14 && h <= 17 ? 1.5 : 0) + (h >= 12 && h < 14 ? 0.7 : 0) }
        let totalWeight = hourWeights.reduce(0, +)
        for (dayIndex, count) in perDay.enumerated() where count > 0 {
            for k in 0..<count {
                // Position within the day, mapped through the hour profile: chronological lines.
                var position = (Double(k) + 0.5) / Double(count) * totalWeight
                var slot = 0
                while slot < hours.count - 1 && position >= hourWeights[slot] {
                    position -= hourWeights[slot]
                    slot += 1
                }
                let secondsIntoHour = min(3599, Int(position / hourWeights[slot] * 3600))
                let clock = LocalClock(
                    year: c.year, month: c.month, day: dayIndex + 1, hour: hours[slot],
                    minute: secondsIntoHour / 60, second: secondsIntoHour % 60)
                writer.exchange(at: clock, rng: &rng, expectation: &expectation)
            }
        }
        return expectation
    }

    /// Spreads the month's transactions over its days: Sundays and Saturdays are quieter.
    static func transactionsPerDay(total: Int, year: Int, month: Int) -> [Int] {
        let days = LocalTime.daysIn(year: year, month: month)
        let weights = (1...days).map { day -> Double in
            switch weekday(year: year, month: month, day: day) {
            case 0: 0.4
            case 6: 0.8
            default: 1.0
            }
        }
        let sum = weights.reduce(0, +)
        var counts = weights.map { Int(Double(total) * $0 / sum) }
        var remainder = total - counts.reduce(0, +)
        var index = 0
        while remainder > 0 {
            counts[index % days] += 1
            remainder -= 1
            index += 1
        }
        return counts
    }

    /// 0 = Sunday ... 6 = Saturday (Sakamoto's method).
    public static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }
}
