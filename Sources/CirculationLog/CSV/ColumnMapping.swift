import Foundation
import RFIDCommon

/// How a library system's circulation export maps onto a transaction: which column holds the
/// time, the transaction type, the branch... Columns not named here are never read. Loaded from
/// a JSON file (`--mapping`), or built in for Koha's `statistics` table.
public struct ColumnMapping: Sendable, Equatable {
    /// A column named by its header text or by its 1-based position.
    public enum Column: Sendable, Equatable {
        case name(String)
        case number(Int)
    }

    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// The first record names the columns.
    public var hasHeader = true
    public var time: Column
    public var action: Column
    public var branch: Column?
    public var location: Column?
    public var mediaType: Column?
    public var collection: Column?
    public var item: Column?
    /// Export values of the type column that are transactions.
    public var actions: [String: CirculationAction]
    /// Values that are not counted (local use, payments...): such rows are "other", not errors.
    public var ignoredActions: Set<String> = []
    public var source: TransactionSource = .librarySystem

    public init(time: Column, action: Column, actions: [String: CirculationAction]) {
        self.time = time
        self.action = action
        self.actions = actions
    }

    /// Koha's `statistics` table (datetime, branch, type, itemnumber, itemtype, location, ccode;
    /// borrowernumber, categorycode and the rest are never read).
    public static let koha: ColumnMapping = {
        var m = ColumnMapping(
            time: .name("datetime"), action: .name("type"),
            actions: ["issue": .checkout, "return": .checkin, "renew": .renewal])
        m.branch = .name("branch")
        m.location = .name("location")
        m.mediaType = .name("itemtype")
        m.collection = .name("ccode")
        m.item = .name("itemnumber")
        m.ignoredActions = ["localuse", "writeoff", "payment", "onsite_checkout", "recall", "item_found", "item_lost"]
        return m
    }()

    /// Header names that hold people; a mapping pointing a kept column at one is refused, whether
    /// it names the column or gives its number (`CSVRowParser` checks the header either way).
    /// Names are compared after `normalizedColumnName` (case, spaces, `_`, `-` ignored).
    static let personColumns: Set<String> = [
        "borrowernumber", "borrower", "cardnumber", "patron", "patronid", "userid", "user", "username",
        "surname", "firstname", "lastname", "name", "fullname", "email", "emailaddress", "mail", "phone", "telephone",
        "mobile", "address", "street", "dateofbirth", "birthdate", "dob", "password", "pin", "categorycode",
    ]
    /// Parts that make a column name a person's whatever surrounds them (`patron_barcode`,
    /// `B_EMAIL`, `guarantor_surname`).
    static let personColumnParts = [
        "borrower", "patron", "cardnumber", "email", "phone", "surname", "firstname", "lastname", "birth", "address",
        "userid", "username", "password",
    ]

    /// Lower case, letters and digits only.
    static func normalizedColumnName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// Whether a header name says the column holds a person.
    public static func isPersonColumn(_ name: String) -> Bool {
        let normalized = normalizedColumnName(name)
        if personColumns.contains(normalized) { return true }
        return personColumnParts.contains { normalized.contains($0) }
    }

    static let knownKeys: Set<String> = [
        "delimiter", "header", "columns", "actions", "ignoredActions", "source",
    ]
    static let knownColumns: Set<String> = ["time", "action", "branch", "location", "mediaType", "collection", "item"]

    /// Parses a mapping file. Unknown keys are errors, so a misspelt column is not silently unused.
    public static func parse(_ data: Data, file: String) throws(MappingError) -> ColumnMapping {
        func fail(_ key: String?, _ reason: String) -> MappingError { MappingError(file: file, key: key, reason: reason) }
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw fail(nil, "not a JSON object")
        }
        for key in top.keys.sorted() where !knownKeys.contains(key) {
            throw fail(key, "unknown key (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let columns = top["columns"] as? [String: Any] else { throw fail("columns", "missing or not an object") }
        for key in columns.keys.sorted() where !knownColumns.contains(key) {
            throw fail("columns.\(key)", "unknown column role (known: \(knownColumns.sorted().joined(separator: ", ")))")
        }
        func column(_ role: String) throws(MappingError) -> Column? {
            guard let value = columns[role] else { return nil }
            if let name = value as? String, !name.isEmpty {
                guard !isPersonColumn(name) else {
                    throw fail("columns.\(role)", "refers to a column that identifies a person; it is never read")
                }
                return .name(name)
            }
            if let number = value as? Int, number >= 1 { return .number(number) }
            throw fail("columns.\(role)", "must be a header name or a column number from 1")
        }
        guard let time = try column("time") else { throw fail("columns.time", "is required") }
        guard let action = try column("action") else { throw fail("columns.action", "is required") }
        guard let actionTable = top["actions"] as? [String: String], !actionTable.isEmpty else {
            throw fail("actions", "missing: map the export's type values to checkout, checkin or renewal")
        }
        var actions: [String: CirculationAction] = [:]
        for (value, name) in actionTable {
            guard let a = CirculationAction(rawValue: name) else {
                throw fail("actions.\(value)", "must be checkout, checkin or renewal")
            }
            actions[value] = a
        }
        var mapping = ColumnMapping(time: time, action: action, actions: actions)
        mapping.branch = try column("branch")
        mapping.location = try column("location")
        mapping.mediaType = try column("mediaType")
        mapping.collection = try column("collection")
        mapping.item = try column("item")
        if let d = top["delimiter"] {
            guard let text = d as? String, text.utf8.count == 1, let byte = text.utf8.first, byte != 34, byte != 10,
                byte != 13
            else { throw fail("delimiter", "must be one character other than a quote or a line break") }
            mapping.delimiter = byte
        }
        if let h = top["header"] {
            guard let flag = h as? Bool else { throw fail("header", "must be true or false") }
            mapping.hasHeader = flag
        }
        if let ignored = top["ignoredActions"] {
            guard let list = ignored as? [String] else { throw fail("ignoredActions", "must be a list of strings") }
            mapping.ignoredActions = Set(list)
        }
        if let s = top["source"] {
            guard let text = s as? String, let source = TransactionSource(rawValue: text) else {
                throw fail("source", "must be self-check, staff-station or library-system")
            }
            mapping.source = source
        }
        if !mapping.hasHeader {
            for c in [mapping.time, mapping.action, mapping.branch, mapping.location, mapping.mediaType,
                      mapping.collection, mapping.item].compactMap({ $0 }) {
                if case .name = c { throw fail("columns", "without a header line, columns must be numbers") }
            }
        }
        return mapping
    }
}

/// A mapping file that cannot be used: names the file and the key.
public struct MappingError: UserFacingError, Equatable {
    public var file: String
    public var key: String?
    public var reason: String
    public var exitStatus: ExitStatus { .dataError }
    public var description: String { key.map { "\(file): \($0): \(reason)" } ?? "\(file): \(reason)" }
}
