import EmulatedReaders
import Foundation
import ReaderCore
import SiteConfiguration
import TestSupport
import Testing

/// The site file is read strictly: every key known, every value of its type and range, and each
/// problem named by file, key and line.
@Suite struct SiteFile {
    func parse(_ toml: String, environment: [String: String] = [:]) throws(ConfigurationError) -> SiteConfiguration {
        try SiteConfiguration.parse(toml, file: "site.toml", environment: environment, readers: EmulatedReaders.table)
    }

    @Test func anEmptyFileGivesTheDocumentedDefaults() throws {
        let config = try parse("")
        #expect(config.tags.format == .iso28560_2)
        #expect(config.tags.afiInStock == 0x07)
        #expect(config.tags.afiOnLoan == 0xC2)
        #expect(config.tags.useEAS)
        #expect(config.station.reader == nil)
        #expect(config.station.log == "/var/lib/libraryrfid/station.sqlite")
        #expect(config.gates.isEmpty)
        #expect(config.gateStore.alarmRetentionDays == 30)
        #expect(config.store.suppressionThreshold == 5)
        #expect(config.store.countersRetentionMonths == 24)
        #expect(config.store.itemCountsRetentionMonths == 13)
        #expect(config.store.rawEventsRetentionDays == 30)
        #expect(config.metrics.listen == "127.0.0.1:9464")
        #expect(config.log.level == .notice)
        #expect(config.effectiveValues.allSatisfy { $0.source == .default })
    }

    /// The example documents every key at its default: loading it changes nothing, and every
    /// key it shows commented out is a key the reader knows.
    @Test func theExampleFileLoadsAndMatchesTheDefaults() throws {
        let url = SharedFiles.packageRoot.appendingPathComponent("Docs/site.toml.example")
        let text = try String(contentsOf: url, encoding: .utf8)
        let example = try SiteConfiguration.parse(text, file: url.path)
        let defaults = try parse("")
        #expect(example.tags == defaults.tags)
        #expect(example.store == defaults.store)
        #expect(example.gateStore == defaults.gateStore)
        #expect(example.metrics == defaults.metrics)
        #expect(example.codes == defaults.codes)
        #expect(example.report == defaults.report)
        #expect(example.log == defaults.log)
        #expect(example.policy == defaults.policy)
        #expect(example.station.log == defaults.station.log)
        #expect(example.effectiveValues.map(\.keyPath) == defaults.effectiveValues.map(\.keyPath))

        // Uncommenting every commented key = value line (and table header) still loads, and
        // sets what it shows.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let body = line.drop(while: { $0 == " " })
            guard body.hasPrefix("# ") else { return line }
            let rest = body.dropFirst(2)
            let isKey = rest.range(of: #"^[a-z_]+ = "#, options: .regularExpression) != nil
            let isHeader = rest.hasPrefix("[")
            return isKey || isHeader ? rest : line
        }.joined(separator: "\n")
        let full = try SiteConfiguration.parse(uncommented, file: "uncommented example", readers: EmulatedReaders.table)
        #expect(full.station.reader == "feig:/dev/ttyUSB0?baud=38400")
        #expect(full.site.timezone == "America/New_York")
        #expect(full.gates.count == 1)
        #expect(full.gates.first?.antennas == [1, 2])
        #expect(full.policy.accept.map(\.name).contains("local-8"))
        #expect(full.policy.refuse.map(\.name).contains("staff-card"))
    }

    @Test func aMisspeltKeyNamesTheKeyAndItsLine() {
        let toml = "[site]\nname = \"Town\"\n\n[station]\nid = \"desk-1\"\nraeder = \"emulated:\"\n"
        #expect(throws: ConfigurationError(
            origin: .file("site.toml"), keyPath: "station.raeder", line: 6,
            reason: "unknown key (known in [station]: id, reader, log)")) { try parse(toml) }
    }

    @Test func anUnknownSectionIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) { try parse("[site]\n\n[stations]\nid = \"x\"") }
        #expect(error.keyPath == "stations")
        #expect(error.line == 3)
    }

    @Test func wrongTypesAndRangesNameKeyAndLine() {
        let cases: [(String, String, Int, String)] = [
            ("[store]\nsuppression_threshold = \"5\"", "store.suppression_threshold", 2, "must be a whole number, not a string"),
            ("[store]\nsuppression_threshold = 2", "store.suppression_threshold", 2, "must be a whole number from 3 to 1000"),
            ("[tags]\nafi_in_stock = \"7\"", "tags.afi_in_stock", 2, "must be one byte as two hex digits"),
            ("[tags]\nafi_on_loan = \"07\"", "tags.afi_on_loan", 2, "must differ from afi_in_stock"),
            ("[tags]\nformat = \"iso28560-4\"", "tags.format", 2, "must be one of \"iso28560-2\", \"iso28560-3\""),
            ("[metrics]\nlisten = \"0.0.0.0:9464\"", "metrics.listen", 2, "must be a loopback address"),
            ("[log]\nlevel = \"loud\"", "log.level", 2, "must be one of"),
            ("[station]\nreader = \"feig:\"", "station.reader", 2, "reader address"),
            ("[station]\nid = \"Jane Doe\"", "station.id", 2, "must be a code"),
            ("[gate_store]\nalarm_retention_days = 0", "gate_store.alarm_retention_days", 2, "from 1 to 3660"),
            ("[site]\ntimezone = \"Mars/Olympus\"", "site.timezone", 2, "not a time zone"),
            ("site = 3", "site", 1, "must be a table"),
            ("[codes]\nbranches = [\"MAIN\", \"jane@example.org\"]", "codes.branches", 2, "entry 2 is not a code"),
        ]
        for (toml, key, line, reason) in cases {
            do {
                _ = try parse(toml)
                Issue.record("accepted \(toml)")
            } catch {
                #expect(error.keyPath == key, "\(toml)")
                #expect(error.line == line, "\(toml)")
                #expect(error.reason.contains(reason), "\(error.reason)")
                #expect(error.exitStatus == .dataError)
            }
        }
    }

    @Test func withoutADriverTableOnlyTheSchemeIsChecked() throws {
        #expect(try SiteConfiguration.parse("[station]\nreader = \"feig:\"", file: "s").station.reader == "feig:")
        #expect(throws: ConfigurationError.self) { try SiteConfiguration.parse("[station]\nreader = \"ttyUSB0\"", file: "s") }
    }

    @Test func invalidTOMLNamesItsLine() throws {
        let error = try #require(throws: ConfigurationError.self) { try parse("[site]\nname = \"unterminated\n") }
        #expect(error.line == 2)
        #expect(error.reason.hasPrefix("not valid TOML"))
    }

    @Test func gatesAreReadInOrderWithTheirSettings() throws {
        let config = try parse(
            """
            [[gate]]
            id = "north"
            reader = "feig+tcp://127.0.0.1:10001"
            antennas = [2, 1]
            debounce = "1500ms"
            outputs = ["relay1:2s", "buzzer"]

            [[gate]]
            id = "south"
            reader = "emulated:"
            detect = "eas"
            record_items = true
            alarm_command = ["/usr/local/bin/alarm", "--loud"]
            """)
        #expect(config.gates.map(\.id) == ["north", "south"])
        let north = config.gates[0]
        #expect(north.antennas == [2, 1])
        #expect(north.debounce == .milliseconds(1500))
        #expect(north.outputs == [OutputCommand(.relay(1), on: true, duration: .seconds(2)), OutputCommand(.buzzer, on: true, duration: .seconds(2))])
        #expect(north.detect == .afi)
        #expect(!north.recordItems)
        #expect(config.gates[1].detect == .eas)
        #expect(config.gates[1].recordItems)
        #expect(config.gates[1].alarmCommand == ["/usr/local/bin/alarm", "--loud"])
    }

    @Test func gateMistakesNameTheGateAndLine() {
        let cases: [(String, String, Int)] = [
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\n\n[[gate]]\nid = \"b\"\nreader = \"emulated:\"\nantenas = [1]", "gate[1].antenas", 8),
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\ndebounce = \"3 seconds\"", "gate[0].debounce", 4),
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\nantennas = [1, 1]", "gate[0].antennas", 4),
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\noutputs = [\"siren\"]", "gate[0].outputs", 4),
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\n[[gate]]\nid = \"a\"\nreader = \"emulated:\"", "gate[1].id", 5),
            ("[[gate]]\nreader = \"emulated:\"", "gate[0]", 1),
            ("[[gate]]\nid = \"a\"\nreader = \"emulated:\"\nalarm_command = [\"alarm.sh\"]", "gate[0].alarm_command", 4),
        ]
        for (toml, key, line) in cases {
            do {
                _ = try parse(toml)
                Issue.record("accepted \(toml)")
            } catch {
                #expect(error.keyPath == key, "\(toml)")
                #expect(error.line == line, "\(toml)")
            }
        }
    }

    @Test func theEnvironmentOverridesTheFileAndSaysSo() throws {
        let config = try parse(
            "[store]\nsuppression_threshold = 7\n[station]\nreader = \"emulated:\"",
            environment: ["LIBRARYRFID_STORE_SUPPRESSION_THRESHOLD": "11", "LIBRARYRFID_LOG_LEVEL": "debug"])
        #expect(config.store.suppressionThreshold == 11)
        #expect(config.log.level == .debug)
        #expect(config.station.reader == "emulated:")
        let sources = Dictionary(uniqueKeysWithValues: config.effectiveValues.map { ($0.keyPath, $0.source) })
        #expect(sources["store.suppression_threshold"] == .environment("LIBRARYRFID_STORE_SUPPRESSION_THRESHOLD"))
        #expect(sources["station.reader"] == .file("site.toml"))
        #expect(sources["tags.format"] == .default)
    }

    @Test func aBadEnvironmentValueNamesTheVariable() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try parse("", environment: ["LIBRARYRFID_STORE_KEEP_RAW_EVENTS": "yes"])
        }
        #expect(error.origin == .environment("LIBRARYRFID_STORE_KEEP_RAW_EVENTS"))
        #expect(error.description == "environment variable LIBRARYRFID_STORE_KEEP_RAW_EVENTS: store.keep_raw_events: must be true or false")
    }

    @Test func aNamedFileThatIsMissingIsAnIOErrorNotTheDefaults() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try SiteConfiguration.load(explicitPath: "/nonexistent/site.toml", environment: [:])
        }
        #expect(error.exitStatus == .ioError)
        #expect(error.description == "/nonexistent/site.toml: does not exist")
        let viaEnvironment = try #require(throws: ConfigurationError.self) {
            try SiteConfiguration.load(environment: ["LIBRARYRFID_CONFIG": "/nonexistent/other.toml"])
        }
        #expect(viaEnvironment.exitStatus == .ioError)
    }

    /// A network's libraries share one PostgreSQL database: each names its rows with `[site] id`,
    /// and `config check` never shows a password written in the URL.
    @Test func aSiteIDAndAPostgresURLAreReadAndThePasswordIsNeverShown() throws {
        let config = try parse(
            """
            [site]
            id = "worcester-main"
            [store]
            database = "postgres://ingest:Pa55word@db.example:5432/libraryrfid?sslmode=verify-full"
            """)
        #expect(config.site.id == "worcester-main")
        #expect(config.store.database == "postgres://ingest:Pa55word@db.example:5432/libraryrfid?sslmode=verify-full")
        let shown = try #require(config.effectiveValues.first { $0.keyPath == "store.database" })
        #expect(shown.value == "\"postgres://ingest:***@db.example:5432/libraryrfid?sslmode=verify-full\"")
        #expect(config.effectiveValues.allSatisfy { !$0.value.contains("Pa55word") })
        #expect(try parse("").site.id == nil)
        let bad = try #require(throws: ConfigurationError.self) { try parse("[site]\nid = \"Main Library\"\n") }
        #expect(bad.keyPath == "site.id")
    }
}
