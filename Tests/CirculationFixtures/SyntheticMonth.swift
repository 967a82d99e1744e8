import CirculationLog

/// The ingest benchmark's month (October 2026): checkout, checkin and renewal exchanges at a
/// city system's volume, with a patron identifier in every request for the parser to drop,
/// and beside the log the same transactions pre-parsed to CSV for the baselines. The counts are
/// known exactly, so the benchmark can check every engine got the same answer.
///
/// `SyntheticSIP2Log` is the tests' profile of the same generator: it carries every kind of
/// patron value, noise and malformed line, and records every counter it expects. This profile
/// leaves those out so that ten million lines take seconds, and keeps the line shapes and mix
/// the benchmark figures in Docs/performance.md were measured on. Both draw from `SplitMix64`
/// and assemble lines with `SIP2LineBuilder`. About 3% of its lines are malformed, of kinds the
/// ingest rejects (a line cut off, a broken field code, an impossible date, a broken timestamp,
/// free text), as a real month's log has: a benchmark without them would skip the error path.
public struct SyntheticMonth {
    public struct Totals: Sendable, Equatable, CustomStringConvertible {
        public var checkouts = 0
        public var checkins = 0
        public var renewals = 0

        public init(checkouts: Int = 0, checkins: Int = 0, renewals: Int = 0) {
            self.checkouts = checkouts
            self.checkins = checkins
            self.renewals = renewals
        }

        public var description: String { "checkouts \(checkouts), checkins \(checkins), renewals \(renewals)" }
    }

    public let year = 2026
    public let month = 10
    public let days = 31
    public var monthText: String { "2026-10" }
    /// Malformed lines written by the last `write`, which ingest must report and not count.
    public private(set) var malformedLines = 0

    private var rng = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)

    static let branches = (1...12).map { $0 < 10 ? "BR0\($0)" : "BR\($0)" }
    /// SIP2 media types, weighted as a public library's circulation roughly is.
    static let mediaTypes = ["001", "001", "001", "001", "001", "006", "005", "005", "002", "009", "000"]
    static let collections = ["ADULT", "JUV", "YA", "REF"]
    static let itemCount = 400_000

    public init() {}

    /// One exchange's drawn values.
    struct Exchange {
        var clock: LocalClock
        var action: CirculationAction
        var ok: Bool
        var branch: String
        var media: String
        var location = ""
        var collection = ""
        var itemNumber: Int
        var sequence: Int
    }

    /// Writes `lines` log lines to `logPath` and one CSV row per counted transaction to `csvPath`.
    public mutating func write(lines: Int, logPath: String, csvPath: String) throws(SyntheticLogWriteError) -> Totals {
        let log = try BufferedFileWriter(path: logPath)
        let csv = try BufferedFileWriter(path: csvPath)
        csv.append(Array("day,hour,action,branch,location,media_type,collection,source,item\n".utf8))
        var totals = Totals()
        var written = 0
        malformedLines = 0
        // 62 exchanges in 1,000 get a malformed line after them: 3% of all lines.
        let transactions = max(1, lines * 1000 / 2062)
        let perDay = max(1, (transactions + days - 1) / days)
        var index = 0
        var line = SIP2LineBuilder()
        var row: [UInt8] = []
        var item: [UInt8] = []
        var patron: [UInt8] = []
        while written + 2 <= lines {
            // Opening hours 09:00-20:59, in order through the day.
            let secondOfDay = 9 * 3600 + (index % perDay) * (12 * 3600) / perDay
            let clock = LocalClock(
                year: year, month: month, day: min(days, 1 + index / perDay), hour: secondOfDay / 3600,
                minute: (secondOfDay / 60) % 60, second: secondOfDay % 60)
            var exchange = draw(at: clock, sequence: index % 10)
            item.removeAll(keepingCapacity: true)
            // 14-digit Codabar item barcodes with their check digit: what the built-in barcode
            // policy accepts, so ingest keeps them as a real library's items are kept.
            item.text("3123400")
            item.digits(exchange.itemNumber, 6)
            item.append(48 + SyntheticPopulation.checkDigit(item.map { $0 - 48 }))
            patron.removeAll(keepingCapacity: true)
            patron.text("2123400")
            patron.digits(rng.below(90_000), 7)
            if exchange.action == .checkin {
                exchange.location = "STACKS"
                exchange.collection = Self.collections[rng.below(Self.collections.count)]
            }
            Self.request(exchange, item: item, patron: patron, into: &line)
            log.append(line.bytes)
            Self.response(exchange, item: item, patron: patron, into: &line)
            log.append(line.bytes)
            written += 2
            index += 1
            if written < lines && rng.below(1000) < 62 {
                malformed(at: clock, item: item, patron: patron, branch: exchange.branch, into: &line)
                log.append(line.bytes)
                written += 1
                malformedLines += 1
            }
            guard exchange.ok else { continue }
            switch exchange.action {
            case .checkout: totals.checkouts += 1
            case .checkin: totals.checkins += 1
            case .renewal: totals.renewals += 1
            }
            Self.csvRow(exchange, item: item, into: &row)
            csv.append(row)
        }
        try log.close()
        try csv.close()
        return totals
    }

    private mutating func draw(at clock: LocalClock, sequence: Int) -> Exchange {
        let branch = Self.branches[rng.below(Self.branches.count)]
        // 30% of transactions go to 2,000 popular items.
        let popular = rng.below(1000)
        let itemNumber = popular < 300 ? rng.below(2000) : rng.below(Self.itemCount)
        let media = Self.mediaTypes[rng.below(Self.mediaTypes.count)]
        let ok = rng.below(100) < 98
        let kind = rng.below(20)
        let action: CirculationAction = kind < 9 ? .checkout : (kind < 18 ? .checkin : .renewal)
        return Exchange(
            clock: clock, action: action, ok: ok, branch: branch, media: media, itemNumber: itemNumber, sequence: sequence)
    }

    /// The request line: 11 checkout, 09 checkin, 29 renewal.
    static func request(_ e: Exchange, item: [UInt8], patron: [UInt8], into line: inout SIP2LineBuilder) {
        line.begin(timestamp: e.clock)
        switch e.action {
        case .checkout, .renewal:
            line.text(e.action == .checkout ? "11YN" : "29NN")
            line.date(e.clock)
            line.text("                  ")
            line.field("AO", e.branch)
            line.field("AA", patron)
            line.field("AB", item)
            if e.action == .checkout { line.field("AC", "") }
        case .checkin:
            line.text("09N")
            line.date(e.clock)
            line.date(e.clock)
            line.field("AP", e.branch + " desk")
            line.field("AO", e.branch)
            line.field("AB", item)
            line.field("AC", "")
        }
        line.trailer(sequence: e.sequence, corrupt: false)
        line.end()
    }

    /// The response line: 12, 10 or 30, ok=1 unless refused.
    static func response(_ e: Exchange, item: [UInt8], patron: [UInt8], into line: inout SIP2LineBuilder) {
        line.begin(timestamp: e.clock)
        switch e.action {
        case .checkout, .renewal:
            let status = e.action == .checkout ? (e.ok ? "121NUY" : "120NUY") : (e.ok ? "301NUN" : "300NUN")
            line.text(status)
            line.date(e.clock)
            line.field("AO", e.branch)
            line.field("AA", patron)
            line.field("AB", item)
            line.text("AJTitle ")
            line.number(e.itemNumber, 1)
            line.byte("|")
            line.text("AH")
            line.date(e.clock)
            line.byte("|")
            line.field("CK", e.media)
        case .checkin:
            line.text(e.ok ? "101YNN" : "100YNN")
            line.date(e.clock)
            line.field("AO", e.branch)
            line.field("AB", item)
            line.field("AQ", e.location)
            line.text("AJTitle ")
            line.number(e.itemNumber, 1)
            line.byte("|")
            line.field("CK", e.media)
            line.field("CR", e.collection)
        }
        line.trailer(sequence: e.sequence, corrupt: false)
        line.end()
    }

    /// A line the ingest rejects; the kinds a real log holds. Every one would be a counted
    /// checkout if it parsed, so an engine that does not check a line's form counts too many.
    private mutating func malformed(
        at clock: LocalClock, item: [UInt8], patron: [UInt8], branch: String, into line: inout SIP2LineBuilder
    ) {
        switch rng.below(5) {
        case 0:  // cut off inside the fixed fields, as when a writer crashed mid-line
            line.begin(timestamp: clock)
            line.text("121NUY")
            line.number(clock.year, 4)
            line.number(clock.month, 2)
            line.end()
        case 1:  // a broken field code after the patron field
            line.begin(timestamp: clock)
            line.text("121NUY")
            line.date(clock)
            line.field("AO", branch)
            line.field("AA", patron)
            line.text("a!")
            line.field("AB", item)
            line.field("CK", "001")
            line.trailer(sequence: 0, corrupt: false)
            line.end()
        case 2:  // an impossible transaction date (month 13)
            line.begin(timestamp: clock)
            line.text("121NUY")
            var bad = clock
            bad.month = 13
            line.date(bad)
            line.field("AO", branch)
            line.field("AA", patron)
            line.field("AB", item)
            line.field("CK", "001")
            line.trailer(sequence: 0, corrupt: false)
            line.end()
        case 3:  // a leading timestamp with an impossible hour
            line.begin(timestamp: nil)
            line.number(clock.year, 4)
            line.byte("-")
            line.number(clock.month, 2)
            line.byte("-")
            line.number(clock.day, 2)
            line.text("T24:")
            line.number(clock.minute, 2)
            line.byte(":")
            line.number(clock.second, 2)
            line.byte(" ")
            line.text("121NUY")
            line.date(clock)
            line.field("AO", branch)
            line.field("AB", item)
            line.field("CK", "001")
            line.trailer(sequence: 0, corrupt: false)
            line.end()
        default:  // free text where a message should be
            line.begin(timestamp: clock)
            line.text("checkout failed for patron ")
            line.append(patron)
            line.text(" at ")
            line.text(branch)
            line.end()
        }
    }

    /// day,hour,action,branch,location,media_type,collection,source,item
    static func csvRow(_ e: Exchange, item: [UInt8], into row: inout [UInt8]) {
        row.removeAll(keepingCapacity: true)
        row.digits(e.clock.year, 4)
        row.text("-")
        row.digits(e.clock.month, 2)
        row.text("-")
        row.digits(e.clock.day, 2)
        row.text(",")
        row.digits(e.clock.hour, 1)
        row.text(",")
        row.text(e.action.rawValue)
        row.text(",")
        row.text(e.branch)
        row.text(",")
        row.text(e.location)
        row.text(",")
        row.text(e.media)
        row.text(",")
        row.text(e.collection)
        row.text(",self-check,")
        row.append(contentsOf: item)
        row.text("\n")
    }
}
