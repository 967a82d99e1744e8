import CirculationLog

/// Lines that count nothing but carry the most patron data: they prove the parser drops it.
extension ExchangeWriter {
    mutating func noise(
        at clock: LocalClock, patron: SyntheticPatron, item: SyntheticItem, branch: String, terminal: String,
        rng: inout SplitMix64, _ expectation: inout SyntheticExpectation
    ) {
        switch rng.below(4) {
        case 0:
            begin(clock)
            line.text("63001")
            line.date(clock)
            line.text("Y         ")
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AD", patron.password)
            finish(&expectation)
            begin(clock)
            line.text("64              001")
            line.date(clock)
            line.text("000000010000000000000000")
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AE", patron.name)
            line.field("BD", patron.address)
            line.field("BE", patron.email)
            line.field("BF", patron.phone)
            line.field("PB", patron.birthDate)
            line.field("XI", patron.internalID)
            line.field("BL", "Y")
            finish(&expectation)
        case 1:
            begin(clock)
            line.text("9300")
            line.field("CN", terminal)
            line.field("CO", patron.password)
            line.field("CP", branch)
            finish(&expectation)
            begin(clock)
            line.text("941")
            finish(&expectation)
            begin(clock)
            line.text("990 402.00")
            finish(&expectation)
        case 2:
            begin(clock)
            line.text("23001")
            line.date(clock)
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AC", "")
            line.field("AD", patron.password)
            finish(&expectation)
            begin(clock)
            line.text("24  YY          001")
            line.date(clock)
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AE", patron.name)
            line.field("BL", "Y")
            line.field("AF", "Welcome \(patron.name)")
            finish(&expectation)
        default:
            begin(clock)
            line.text("17")
            line.date(clock)
            line.field("AO", branch)
            line.field("AB", item.barcode)
            finish(&expectation)
            begin(clock)
            line.text("18030001")
            line.date(clock)
            line.field("AB", item.barcode)
            line.field("AJ", item.title)
            line.field("CK", item.mediaType)
            line.field("AQ", item.location)
            finish(&expectation)
        }
    }

    /// Malformed lines of the kinds real logs contain; each quotes patron data that the error
    /// message must not repeat.
    mutating func malformed(
        at clock: LocalClock, patron: SyntheticPatron, item: SyntheticItem, branch: String, rng: inout SplitMix64,
        _ expectation: inout SyntheticExpectation
    ) {
        begin(clock)
        switch rng.below(4) {
        case 0:  // cut off inside the fixed fields, as when a writer crashed mid-line
            line.text("121YUY")
            line.number(clock.year, 4)
            line.number(clock.month, 2)
        case 1:  // a broken field code after the patron field
            line.text("121YUY")
            line.date(clock)
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.text("a!\(patron.name)|")
            line.field("AB", item.barcode)
        case 2:  // an impossible transaction date
            line.text("101YUN")
            line.text("2026139")
            line.text("9    250000")
            line.field("AO", branch)
            line.field("AA", patron.barcode)
            line.field("AB", item.barcode)
        default:  // free text where a message should be
            line.text("patron \(patron.name) <\(patron.email)> at desk")
        }
        line.end()
        expectation.lines += 1
        expectation.malformedLines += 1
        line.bytes.withUnsafeBytes { emit($0) }
    }
}
