import Foundation
import ReaderCore
import TOMLKit
import TagPrivacy

/// Reads every section of the site file in a fixed order (so `config check` lists them the
/// same way each time) and checks what spans sections.
struct SectionsReader {
    let root: TOMLTable
    let context: ReadContext
    /// The driver table's address vocabulary, to check reader addresses; nil: scheme only.
    let readers: (any ReaderAddressVocabulary)?

    static let sections = ["site", "policy", "tags", "station", "gate", "gate_store", "store", "codes", "report", "metrics", "log"]

    func read(file: String?) throws(ConfigurationError) -> SiteConfiguration {
        for key in root.keys.sorted() where !Self.sections.contains(key) {
            throw context.fileError(key, "unknown section (known: \(Self.sections.joined(separator: ", ")))")
        }
        let config = SiteConfiguration(
            site: try site(), policy: try PolicySection(root: root, context: context).read(), tags: try tags(),
            station: try station(), gates: try gates(), gateStore: try gateStore(), store: try store(), codes: try codes(),
            report: try ReportSection(root: root, context: context).read(), metrics: try metrics(), log: try log(), file: file, effectiveValues: [])
        var result = config
        result.effectiveValues = context.effective
        return result
    }

    func section(_ name: String) throws(ConfigurationError) -> SectionReader {
        var table: TOMLTable?
        if let value = root[name] {
            guard let t = value.table else {
                throw context.fileError(name, "must be a table ([\(name)]), not \(SectionReader.typeName(value.type))")
            }
            table = t
        }
        return SectionReader(table, path: name, context: context, environmentPrefix: "LIBRARYRFID_\(name.uppercased())_")
    }

    func site() throws(ConfigurationError) -> SiteConfiguration.Site {
        let s = try section("site")
        try s.requireKnownKeys(["name", "id", "timezone"])
        return SiteConfiguration.Site(
            name: try s.string("name", default: "Library") { $0.isEmpty || $0.count > 200 ? "must be 1 to 200 characters" : nil }!,
            id: try s.string("id", default: nil, check: Identifiers.problem),
            timezone: try s.string("timezone", default: nil) {
                TimeZone(identifier: $0) == nil ? "not a time zone this system knows (use an IANA name such as America/New_York)" : nil
            })
    }

    func tags() throws(ConfigurationError) -> SiteConfiguration.Tags {
        let s = try section("tags")
        try s.requireKnownKeys(["format", "afi_in_stock", "afi_on_loan", "use_eas"])
        var tags = SiteConfiguration.Tags()
        tags.format = try s.choice("format", default: tags.format)
        tags.afiInStock = try s.hexByte("afi_in_stock", default: tags.afiInStock)
        tags.afiOnLoan = try s.hexByte("afi_on_loan", default: tags.afiOnLoan)
        tags.useEAS = try s.bool("use_eas", default: tags.useEAS)
        if tags.afiInStock == tags.afiOnLoan {
            throw context.fileError("tags.afi_on_loan", "must differ from afi_in_stock, or gates could not tell the two apart")
        }
        return tags
    }

    func station() throws(ConfigurationError) -> SiteConfiguration.Station {
        let s = try section("station")
        try s.requireKnownKeys(["id", "reader", "log"])
        return SiteConfiguration.Station(
            id: try s.string("id", default: Identifiers.defaultStationID, check: Identifiers.problem)!,
            reader: try s.string("reader", default: nil) { Identifiers.readerProblem($0, readers) },
            log: try s.string("log", default: SiteConfiguration.stateDirectory + "/station.sqlite", check: Identifiers.pathProblem)!)
    }

    func gates() throws(ConfigurationError) -> [SiteConfiguration.Gate] {
        guard let value = root["gate"] else { return [] }
        guard let array = value.array else {
            throw context.fileError("gate", "must be written as [[gate]] tables, one per gate")
        }
        var gates: [SiteConfiguration.Gate] = []
        for index in 0..<array.count {
            guard let table = array[index].table else {
                throw context.fileError("gate[\(index)]", "must be a table")
            }
            let gate = try GateSection(SectionReader(table, path: "gate[\(index)]", context: context), readers: readers).read()
            if gates.contains(where: { $0.id == gate.id }) {
                throw context.fileError("gate[\(index)].id", "another gate has the same id")
            }
            gates.append(gate)
        }
        return gates
    }

    func gateStore() throws(ConfigurationError) -> SiteConfiguration.GateStore {
        let s = try section("gate_store")
        try s.requireKnownKeys(["path", "alarm_retention_days"])
        return SiteConfiguration.GateStore(
            path: try s.string("path", default: SiteConfiguration.stateDirectory + "/gate-events.sqlite", check: Identifiers.pathProblem)!,
            alarmRetentionDays: try s.int("alarm_retention_days", default: 30, range: 1...3660))
    }

    func store() throws(ConfigurationError) -> SiteConfiguration.Store {
        let s = try section("store")
        try s.requireKnownKeys([
            "database", "suppression_threshold", "counters_retention_months", "item_counts_retention_months",
            "raw_events_retention_days", "keep_raw_events", "bad_checksums",
        ])
        var store = SiteConfiguration.Store()
        store.database = try s.string("database", default: nil, shownAs: DatabaseText.shown, check: Identifiers.pathProblem)
        store.suppressionThreshold = try s.int("suppression_threshold", default: store.suppressionThreshold, range: 3...1000)
        store.countersRetentionMonths = try s.int("counters_retention_months", default: store.countersRetentionMonths, range: 1...1200)
        store.itemCountsRetentionMonths = try s.int(
            "item_counts_retention_months", default: store.itemCountsRetentionMonths, range: 1...1200)
        store.rawEventsRetentionDays = try s.int("raw_events_retention_days", default: store.rawEventsRetentionDays, range: 1...3660)
        store.keepRawEvents = try s.bool("keep_raw_events", default: store.keepRawEvents)
        store.badChecksums = try s.choice("bad_checksums", default: store.badChecksums)
        return store
    }

    func codes() throws(ConfigurationError) -> SiteConfiguration.Codes {
        let s = try section("codes")
        try s.requireKnownKeys(["branches", "locations", "collections", "item_types"])
        let check: ([String]) -> String? = { list in
            if let bad = list.firstIndex(where: { !Identifiers.isCode($0) }) {
                return "entry \(bad + 1) is not a code (1 to 32 letters, digits, '-', '_' or '.')"
            }
            return Set(list).count == list.count ? nil : "lists a code twice"
        }
        return SiteConfiguration.Codes(
            branches: try s.stringList("branches", default: [], check: check),
            locations: try s.stringList("locations", default: [], check: check),
            collections: try s.stringList("collections", default: [], check: check),
            itemTypes: try s.stringList("item_types", default: [], check: check))
    }

    func metrics() throws(ConfigurationError) -> SiteConfiguration.Metrics {
        let s = try section("metrics")
        try s.requireKnownKeys(["listen"])
        return SiteConfiguration.Metrics(listen: try s.string("listen", default: "127.0.0.1:9464", check: LoopbackAddress.problem)!)
    }

    func log() throws(ConfigurationError) -> SiteConfiguration.Log {
        let s = try section("log")
        try s.requireKnownKeys(["level"])
        return SiteConfiguration.Log(level: try s.choice("level", default: SiteConfiguration.Log.Level.notice))
    }
}
