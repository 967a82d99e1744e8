/// Circulation whose codes the site's `[report]` tables leave unmapped, per kind of code, so
/// that staff can see which codes to add. A transaction without a mapped category or audience
/// is counted under each of its three codes (its item type, collection and location), since
/// any one of them could be the code to map.
///
/// Each kind becomes one published table (code x "without a category", "without an
/// audience", with column totals) that goes through the same suppression and audit as every
/// other table: its counts are circulation, and the audience column of every kind adds up to
/// the audience table's "Unknown audience" row, so a small count listed here could otherwise
/// give a hidden figure of that table away, or be one itself.
struct UnmappedCodes: Sendable, Equatable {
    enum Kind: Int, CaseIterable, Sendable {
        case itemType, collection, location

        var tableID: String {
            switch self {
            case .itemType: ReportTableID.unmappedItemTypes
            case .collection: ReportTableID.unmappedCollections
            case .location: ReportTableID.unmappedLocations
            }
        }

        var title: String {
            switch self {
            case .itemType: "Unmapped item types (circulation)"
            case .collection: "Unmapped collection codes (circulation)"
            case .location: "Unmapped location codes (circulation)"
            }
        }

        var rowHeader: String {
            switch self {
            case .itemType: "Item type"
            case .collection: "Collection"
            case .location: "Location"
            }
        }
    }

    static let columnLabels = ["Without a category", "Without an audience"]
    static let categoryColumn = 0
    static let audienceColumn = 1
    /// The label of an absent code (the field was empty, or withheld at ingest).
    static let noCode = "(none)"

    /// Per kind, per code: [without a category, without an audience].
    private(set) var counts: [[String: [Int]]] = Array(repeating: [:], count: Kind.allCases.count)

    mutating func add(
        mediaType: String, collection: String, location: String, _ classification: MaterialMapping.Classification, count: Int
    ) {
        let category = classification.categoryMapped ? 0 : count
        let audience = classification.audience == .unknown ? count : 0
        guard category > 0 || audience > 0 else { return }
        for (kind, code) in [(Kind.itemType, mediaType), (.collection, collection), (.location, location)] {
            var figures = counts[kind.rawValue][code] ?? [0, 0]
            figures[Self.categoryColumn] += category
            figures[Self.audienceColumn] += audience
            counts[kind.rawValue][code] = figures
        }
    }

    mutating func add(_ other: UnmappedCodes) {
        for kind in Kind.allCases {
            for (code, figures) in other.counts[kind.rawValue] {
                var mine = counts[kind.rawValue][code] ?? [0, 0]
                mine[0] += figures[0]
                mine[1] += figures[1]
                counts[kind.rawValue][code] = mine
            }
        }
    }

    /// One table per kind: its codes in order, the absent code last.
    func table(_ kind: Kind) -> CountTable {
        let codes = counts[kind.rawValue].keys.sorted { a, b in
            a.isEmpty != b.isEmpty ? !a.isEmpty : a < b
        }
        return CountTable(
            rowLabels: codes.map { $0.isEmpty ? Self.noCode : $0 }, columnLabels: Self.columnLabels,
            cells: codes.map { counts[kind.rawValue][$0] ?? [0, 0] }, hasRowTotals: false, hasColumnTotals: true)
    }
}
