@testable import SiteConfiguration
import Testing

/// Key positions are found past every construct that can hide a `=` or a `[`: strings of all
/// four kinds, comments, and values spanning lines.
@Suite struct KeyLinesSpec {
    @Test func keysUnderTablesAndArraysOfTables() {
        let lines = KeyLines(
            text: """
                top = 1
                [site]
                name = "A [b] = c"   # comment with key = value
                [[gate]]
                id = 'x'
                antennas = [
                  1,
                  2,
                ]
                debounce = "3s"
                [[gate]]
                id = \"\"\"multi
                line = not a key
                \"\"\"
                "quoted key" = 2
                dotted.key = 3
                """)
        #expect(lines.line(of: "top") == 1)
        #expect(lines.line(of: "site") == 2)
        #expect(lines.line(of: "site.name") == 3)
        #expect(lines.line(of: "gate[0]") == 4)
        #expect(lines.line(of: "gate[0].antennas") == 6)
        #expect(lines.line(of: "gate[0].debounce") == 10)
        #expect(lines.line(of: "gate[1].id") == 12)
        #expect(lines.lines["gate[1].line"] == nil, "a line inside a multi-line string is not a key")
        #expect(lines.line(of: "gate[1].quoted key") == 15)
        #expect(lines.line(of: "gate[1].dotted.key") == 16)
        // A key that is not written falls back to its table's line.
        #expect(lines.line(of: "gate[1].reader") == 11)
    }
}

@Suite struct DurationTextSpec {
    @Test func wholeUnitsOnly() {
        #expect(DurationText.parse("3s") == .seconds(3))
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("1h") == .seconds(3600))
        for bad in ["", "s", "3", "3 s", "1.5s", "-1s", "3sec"] { #expect(DurationText.parse(bad) == nil, "\(bad)") }
        #expect(DurationText.format(.milliseconds(1500)) == "1500ms")
        #expect(DurationText.format(.seconds(3)) == "3s")
        #expect(DurationText.format(.seconds(120)) == "2m")
    }
}
