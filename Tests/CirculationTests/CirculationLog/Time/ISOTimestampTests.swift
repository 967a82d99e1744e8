import Testing

@testable import CirculationLog

/// The fixed-offset reading of `YYYY-MM-DDThh:mm:ss ` is a shortcut: it must agree with the
/// field-by-field reading on every input, valid or not.
@Suite("ISO-8601 timestamps in logs")
struct ISOTimestampTests {
    func both(_ text: String) -> (fast: (LocalTime, Int)?, general: (LocalTime, Int)?, parsed: (LocalTime, Int)?) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            (ISOTimestamp.parseSeconds(raw, from: 0, to: raw.count), ISOTimestamp.parseFieldByField(raw, from: 0, to: raw.count),
             ISOTimestamp.parse(raw, from: 0, to: raw.count))
        }
    }

    @Test("a log line's timestamp is read by the shortcut, with the same result as field by field")
    func shortcutAgrees() throws {
        let r = both("2026-10-31T20:59:07 121NUY...")
        let fast = try #require(r.fast)
        let general = try #require(r.general)
        #expect(fast.0 == general.0 && fast.1 == general.1 && fast.1 == 19)
        #expect(fast.0 == LocalTime(year: 2026, month: 10, day: 31, hour: 20))
    }

    @Test("on mutated timestamps, the shortcut either agrees or leaves the line to the full reader")
    func mutationsAgree() {
        let base = Array("2026-02-28 23:59:60 x".utf8)
        let replacements: [UInt8] = Array("0123456789-:T .Z+/a ".utf8) + [0, 0x7F, 0xFF]
        var checked = 0
        for position in 0..<base.count {
            for replacement in replacements {
                var bytes = base
                bytes[position] = replacement
                let text = String(decoding: bytes, as: UTF8.self)
                guard text.utf8.count == bytes.count else { continue }
                let r = both(text)
                if let fast = r.fast {
                    #expect(r.general.map { $0.0 == fast.0 && $0.1 == fast.1 } == true, "\(bytes)")
                }
                #expect(r.parsed.map { "\($0.0) \($0.1)" } == r.general.map { "\($0.0) \($0.1)" }, "\(bytes)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test("the forms only the full reader knows still parse: fractions, zones, no seconds")
    func longerForms() {
        for text in ["2026-10-31T20:59:07.250 x", "2026-10-31T20:59:07Z x", "2026-10-31T20:59:07+01:00 x", "2026-10-31 20:59 x"] {
            let r = both(text)
            #expect(r.fast == nil || text.hasPrefix("2026-10-31T20:59:07 "))
            #expect(r.parsed?.0 == LocalTime(year: 2026, month: 10, day: 31, hour: 20), "\(text)")
        }
        #expect(both("2026-02-30T10:00:00 x").parsed == nil)
    }
}
