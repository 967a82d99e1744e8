/// Turns export rows into events through a mapping resolved against the header line.
public struct CSVRowParser: Sendable {
    struct Indexes: Sendable {
        var time: Int
        var action: Int
        var branch: Int?
        var location: Int?
        var mediaType: Int?
        var collection: Int?
        var item: Int?
        var highest: Int { [time, action, branch ?? 0, location ?? 0, mediaType ?? 0, collection ?? 0, item ?? 0].max() ?? 0 }
    }

    public let mapping: ColumnMapping
    let indexes: Indexes
    /// What the parser may keep of a transaction; nothing else leaves it.
    public let allowLists: IngestAllowLists

    /// Resolves column names against the header record (nil when the mapping has no header).
    /// Fails naming the missing column, or a kept column whose header names a person, however
    /// the mapping chose it (by name or by number). Without allow-lists no item is kept.
    public init(
        mapping: ColumnMapping, header: [String]?, allowLists: IngestAllowLists = IngestAllowLists(items: .keepNone)
    ) throws(LineProblemError) {
        self.mapping = mapping
        self.allowLists = allowLists
        func resolve(_ column: ColumnMapping.Column?, _ role: String) throws(LineProblemError) -> Int? {
            guard let column else { return nil }
            switch column {
            case .number(let n): return n - 1
            case .name(let name):
                guard let header, let index = header.firstIndex(of: name) else {
                    throw LineProblemError(
                        LineProblem(field: name, reason: "the header has no column \"\(name)\" (needed for \(role))"))
                }
                return index
            }
        }
        guard let time = try resolve(mapping.time, "time"), let action = try resolve(mapping.action, "action") else {
            throw LineProblemError(LineProblem(reason: "the mapping names no time or action column"))
        }
        indexes = Indexes(
            time: time, action: action, branch: try resolve(mapping.branch, "branch"),
            location: try resolve(mapping.location, "location"), mediaType: try resolve(mapping.mediaType, "mediaType"),
            collection: try resolve(mapping.collection, "collection"), item: try resolve(mapping.item, "item"))
        if let header {
            let kept: [(Int?, String)] = [
                (indexes.time, "time"), (indexes.action, "action"), (indexes.branch, "branch"),
                (indexes.location, "location"), (indexes.mediaType, "mediaType"), (indexes.collection, "collection"),
                (indexes.item, "item"),
            ]
            for case (let index?, let role) in kept where index < header.count && ColumnMapping.isPersonColumn(header[index]) {
                throw LineProblemError(
                    LineProblem(
                        field: "\(index + 1)",
                        reason: "the mapping's \(role) column is a column that identifies a person; it is never read"))
            }
        }
    }

    /// Reads the header record's names. Header names are not patron data.
    public static func header(
        _ bytes: UnsafeRawBufferPointer, _ record: Range<Int>, delimiter: UInt8
    ) throws(LineProblemError) -> [String] {
        var fields: [CSVScanner.Field] = []
        if let problem = CSVScanner.fields(bytes, record, delimiter: delimiter, into: &fields) {
            throw LineProblemError(problem)
        }
        return fields.map { CSVScanner.text(bytes, $0).trimmingSpaces }
    }

    /// One data record's outcome, and what an allow-list withheld from it.
    public struct ParsedRow: Sendable, Equatable {
        public var outcome: RecordOutcome
        /// Fields whose values an allow-list refused (see `SIP2LineParser.ParsedLine`).
        public var withheld: WithheldFields = []
        /// When the item was withheld because it looked like personal data: which kind.
        public var itemPersonalData: ItemPersonalData? = nil
    }

    /// Parses one data record (`record` excludes the line break). `fields` is scratch space.
    /// The outcome alone: for callers that only count (fuzzing, properties). An item withheld
    /// as personal data is withheld here too; only the warning saying so is not returned.
    public func parse(
        _ bytes: UnsafeRawBufferPointer, _ record: Range<Int>, fields: inout [CSVScanner.Field]
    ) -> RecordOutcome {
        parseRow(bytes, record, fields: &fields).outcome
    }

    /// Parses one data record (`record` excludes the line break) with its warning, if any.
    /// `fields` is scratch space.
    public func parseRow(
        _ bytes: UnsafeRawBufferPointer, _ record: Range<Int>, fields: inout [CSVScanner.Field]
    ) -> ParsedRow {
        var end = record.upperBound
        if end > record.lowerBound && bytes[end - 1] == 13 { end -= 1 }
        if end == record.lowerBound { return ParsedRow(outcome: .blank) }
        if let problem = CSVScanner.fields(bytes, record, delimiter: mapping.delimiter, into: &fields) {
            return ParsedRow(outcome: .malformed(problem))
        }
        guard fields.count > indexes.highest else {
            return ParsedRow(
                outcome: .malformed(
                    LineProblem(reason: "the row has \(fields.count) columns, the mapping needs \(indexes.highest + 1)")))
        }
        /// A problem at the start of a field, with the line within the record (a quoted field
        /// before it may span lines) and the 1-based byte column in that line.
        func problem(at index: Int, field: String, _ reason: String) -> LineProblem {
            var p = CSVScanner.problem(bytes, record.lowerBound, fields[index].range.lowerBound, reason)
            p.field = field
            return p
        }
        let typeText = CSVScanner.text(bytes, fields[indexes.action]).trimmingSpaces
        guard let action = mapping.actions[typeText] else {
            if mapping.ignoredActions.contains(typeText) { return ParsedRow(outcome: .other) }
            return ParsedRow(
                outcome: .malformed(
                    problem(
                        at: indexes.action, field: "action",
                        "the transaction type is not one the mapping lists (actions or ignoredActions)")))
        }
        let timeField = fields[indexes.time]
        guard let (time, next) = ISOTimestamp.parse(bytes, from: timeField.range.lowerBound, to: timeField.range.upperBound),
            next == timeField.range.upperBound
        else {
            return ParsedRow(
                outcome: .malformed(problem(at: indexes.time, field: "time", "not a date and time (YYYY-MM-DD hh:mm:ss)")))
        }
        func value(_ index: Int?) -> String {
            guard let index else { return "" }
            return CSVScanner.text(bytes, fields[index]).trimmingSpaces
        }
        // A library system's item column can hold a card number or an e-mail address when a
        // mapping or an export is wrong. Such a value must not reach the per-item counts; the
        // transaction itself is still counted, without its item (as for SIP2 field AB). The
        // site's barcode policy decides what is an item (an allow-list); the shapes name why.
        var row = ParsedRow(outcome: .other)
        var item = value(indexes.item)
        if !item.isEmpty {
            if let personal = item.withUTF8({ PersonalDataShapes.personalData(inItem: UnsafeRawBufferPointer($0)) }) {
                row.itemPersonalData = personal
                row.withheld.insert(.item)
                item = ""
            } else if !allowLists.items.accepts(item) {
                row.withheld.insert(.item)
                item = ""
            }
        }
        func code(_ index: Int?, _ list: CodeAllowList, _ field: WithheldFields) -> String {
            let text = value(index)
            if list.accepts(text) { return text }
            row.withheld.insert(field)
            return CodeAllowList.unknown
        }
        let branch = code(indexes.branch, allowLists.branches, .branch)
        let location = code(indexes.location, allowLists.locations, .location)
        let collection = code(indexes.collection, allowLists.collections, .collection)
        var mediaType = value(indexes.mediaType)
        if !allowLists.acceptsMediaType(mediaType) {
            row.withheld.insert(.mediaType)
            mediaType = ""
        }
        row.outcome = .transaction(
            CirculationEvent(
                action: action, day: time.dayText, hour: time.hour, branch: branch, location: location,
                mediaType: mediaType, collection: collection, source: mapping.source, item: item))
        return row
    }
}

/// A problem with a record that stops a whole file (a header without a mapped column).
public struct LineProblemError: Error, Equatable {
    public var problem: LineProblem
    public init(_ problem: LineProblem) { self.problem = problem }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
