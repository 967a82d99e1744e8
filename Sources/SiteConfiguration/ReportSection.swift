import TOMLKit

/// `[report]`: how the reports map a transaction's codes onto the state survey's material
/// categories and audiences. Three tables, one per kind of code, each entry an inline table:
///
///     [report.item_types]
///     BK = { category = "books" }
///     JDVD = { category = "video", audience = "children" }
///     [report.collections]
///     YAFIC = { audience = "young-adult" }
///     [report.locations]
///     CHILD = { audience = "children" }
///
/// Keys are codes as ingest stores them (the same shape `[codes]` lists), values name a category
/// and/or an audience; anything else is an error at its line, like every other key.
struct ReportSection {
    let root: TOMLTable
    let context: ReadContext

    static let tables = ["item_types", "collections", "locations"]
    static let entryKeys = ["category", "audience"]

    func read() throws(ConfigurationError) -> SiteConfiguration.Report {
        var section: TOMLTable?
        if let value = root["report"] {
            guard let t = value.table else { throw context.fileError("report", "must be a table ([report])") }
            section = t
        }
        try SectionReader(section, path: "report", context: context).requireKnownKeys(Self.tables)
        var report = SiteConfiguration.Report()
        report.itemTypes = try mappings(section, "item_types")
        report.collections = try mappings(section, "collections")
        report.locations = try mappings(section, "locations")
        return report
    }

    private func mappings(_ section: TOMLTable?, _ name: String) throws(ConfigurationError)
        -> [String: SiteConfiguration.Report.Mapping]
    {
        let path = "report.\(name)"
        guard let value = section?[name] else {
            context.effective.append(EffectiveValue(keyPath: path, value: "{}", source: .default))
            return [:]
        }
        guard let table = value.table else {
            throw context.fileError(path, "must be a table ([\(path)]) of code = { category = ..., audience = ... }")
        }
        var result: [String: SiteConfiguration.Report.Mapping] = [:]
        for code in table.keys.sorted() {
            let entryPath = "\(path).\(code)"
            guard Identifiers.isCode(code) else {
                throw context.fileError(entryPath, "is not a code (1 to 32 letters, digits, '-', '_' or '.')")
            }
            guard let entry = table[code]?.table else {
                throw context.fileError(
                    entryPath, "must be an inline table such as { category = \"books\", audience = \"children\" }")
            }
            let reader = SectionReader(entry, path: entryPath, context: context)
            try reader.requireKnownKeys(Self.entryKeys)
            let mapping = SiteConfiguration.Report.Mapping(
                category: try choice(entry, "category", at: entryPath), audience: try choice(entry, "audience", at: entryPath))
            if mapping.category == nil && mapping.audience == nil {
                throw context.fileError(entryPath, "maps to nothing: give a category, an audience or both")
            }
            result[code] = mapping
            context.effective.append(EffectiveValue(keyPath: entryPath, value: Self.show(mapping), source: .file(context.file)))
        }
        if result.isEmpty { context.effective.append(EffectiveValue(keyPath: path, value: "{}", source: .file(context.file))) }
        return result
    }

    /// An optional key with a fixed set of values, read without recording an effective value
    /// of its own (the entry is recorded whole).
    private func choice<E: RawRepresentable & CaseIterable>(_ table: TOMLTable, _ key: String, at path: String)
        throws(ConfigurationError) -> E? where E.RawValue == String
    {
        guard let raw = table[key] else { return nil }
        guard let text = raw.string, let value = E(rawValue: text) else {
            let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw context.fileError("\(path).\(key)", "must be one of \(names)")
        }
        return value
    }

    static func show(_ mapping: SiteConfiguration.Report.Mapping) -> String {
        var parts: [String] = []
        if let category = mapping.category { parts.append("category = \"\(category.rawValue)\"") }
        if let audience = mapping.audience { parts.append("audience = \"\(audience.rawValue)\"") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }
}
