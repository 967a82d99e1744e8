import CirculationFixtures
import CirculationLog
import Testing

@Suite("Synthetic SIP2 log")
struct SyntheticSIP2LogTests {
    /// Parses every generated line and sums what the parser reports.
    static func parseAll(_ config: SyntheticSIP2Log.Configuration) -> (
        SyntheticExpectation, good: [EventDimensions: Int], bad: [EventDimensions: Int], malformed: Int, lines: Int
    ) {
        let parser = SIP2LineParser(source: config.source)
        var good: [EventDimensions: Int] = [:]
        var bad: [EventDimensions: Int] = [:]
        var malformed = 0
        var lines = 0
        let expectation = SyntheticSIP2Log(config).generate { line in
            lines += 1
            let parsed = parser.parse(line)
            switch parsed.outcome {
            case .transaction(let e):
                if parsed.checksum == .invalid { bad[EventDimensions(e), default: 0] += 1 } else {
                    good[EventDimensions(e), default: 0] += 1
                }
            case .malformed: malformed += 1
            case .blank, .other: break
            }
        }
        return (expectation, good, bad, malformed, lines)
    }

    @Test("the parser finds exactly the counts the generator states", arguments: [true, false])
    func parserAgreesWithGenerator(withChecksums: Bool) {
        var config = SyntheticSIP2Log.Configuration()
        config.seed = 42
        config.transactions = 3_000
        config.checksums = withChecksums
        config.timestamps = !withChecksums
        config.malformedFraction = 0.02
        config.badChecksumFraction = 0.02
        let (expectation, good, bad, malformed, lines) = Self.parseAll(config)
        // Compared as Bool so that a failure does not print thousands of counters.
        #expect(good.values.reduce(0, +) == expectation.counters.values.reduce(0, +))
        #expect(good == expectation.counters, "parsed counters differ from the generator's")
        #expect(bad == expectation.badChecksumCounters, "bad-checksum counters differ from the generator's")
        #expect(malformed == expectation.malformedLines)
        #expect(lines == expectation.lines)
        #expect(expectation.malformedLines > 0)
        #expect(expectation.badChecksumLines > 0)
    }

    @Test("the same seed gives the same log; another seed another")
    func deterministic() {
        var config = SyntheticSIP2Log.Configuration()
        config.transactions = 200
        var first: [UInt8] = []
        var second: [UInt8] = []
        _ = SyntheticSIP2Log(config).generate { first.append(contentsOf: $0) }
        _ = SyntheticSIP2Log(config).generate { second.append(contentsOf: $0) }
        #expect(first == second)
        config.seed = 2
        var third: [UInt8] = []
        _ = SyntheticSIP2Log(config).generate { third.append(contentsOf: $0) }
        #expect(first != third)
    }

    @Test("the log is full of patron identifiers, so that leak tests mean something")
    func containsPatronData() {
        var config = SyntheticSIP2Log.Configuration()
        config.transactions = 500
        config.patrons = 20
        var text: [UInt8] = []
        let expectation = SyntheticSIP2Log(config).generate { text.append(contentsOf: $0) }
        let log = String(decoding: text, as: UTF8.self)
        let present = expectation.patronIdentifiers.filter { log.contains($0) }
        #expect(present.count > expectation.patronIdentifiers.count / 2)
    }

    @Test("transactions total the configured number minus refusals and malformed lines")
    func totals() {
        var config = SyntheticSIP2Log.Configuration()
        config.transactions = 1_000
        config.refusedFraction = 0
        config.malformedFraction = 0
        let expectation = SyntheticSIP2Log(config).generate { _ in }
        let total = CirculationAction.allCases.reduce(0) { $0 + expectation.total($1, countingBadChecksums: true) }
        #expect(total == 1_000)
    }
}
