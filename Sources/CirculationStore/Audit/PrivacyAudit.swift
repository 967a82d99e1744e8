import Foundation

/// The annual privacy audit (requirement P9): every table value and every byte of the database,
/// its WAL and its journal are searched for values shaped like a person's data and for the
/// identifiers the library supplies; the oldest record of each table is compared with the
/// retention settings. Findings name where, never what: the audit must not itself leak.
public enum PrivacyAudit {
    public enum Finding: Sendable, Equatable, CustomStringConvertible {
        case patternInTable(table: String, column: String, kind: PatronPatternKind, values: Int)
        case identifierInTable(table: String, column: String, identifierLine: Int)
        case patternInFile(file: String, offset: Int, kind: PatronPatternKind)
        case identifierInFile(file: String, offset: Int, identifierLine: Int)
        case retention(table: String, oldest: String, limit: String)

        public var description: String {
            switch self {
            case .patternInTable(let t, let c, let k, let n):
                "table \(t), column \(c): \(n) value(s) containing a \(k.rawValue)"
            case .identifierInTable(let t, let c, let line):
                "table \(t), column \(c): holds the identifier on line \(line) of the identifiers"
            case .patternInFile(let f, let o, let k):
                "file \(f), byte \(o): a \(k.rawValue)"
            case .identifierInFile(let f, let o, let line):
                "file \(f), byte \(o): the identifier on line \(line) of the identifiers"
            case .retention(let t, let oldest, let limit):
                "table \(t): records from \(oldest) are older than the retention limit (\(limit))"
            }
        }
    }

    public struct Report: Sendable {
        public var inventory: [TableInventory]
        public var findings: [Finding]
        /// Files scanned byte by byte, with their sizes (a missing WAL or journal is not listed).
        public var filesScanned: [(path: String, bytes: Int)]
        /// Identifiers ignored because they are too short to search for meaningfully (line numbers).
        public var identifiersTooShort: [Int]
    }

    /// Findings per file are capped so that a store full of leaks still gives a readable report.
    static let maxFindingsPerFile = 100
    static let window = 1 << 20

    /// `identifiers` are the lines of the identifiers file (1-based line = index + 1).
    public static func run(
        store: some CirculationStoreMaintaining, settings: SiteSettings, today: CivilDate,
        identifiers: [[UInt8]]
    ) throws(StoreError) -> Report {
        let matcher = IdentifierMatcher(identifiers)
        var findings: [Finding] = []
        let inventory = try store.inventory(settings: settings, today: today)
        for table in inventory where !table.oldest.isEmpty && !table.retention.isEmpty && table.oldest < table.retention {
            findings.append(.retention(table: table.table, oldest: table.oldest, limit: table.retention))
        }

        // Table values: counted per table, column and kind; identifiers reported once per column.
        var patternCounts: [String: Int] = [:]
        var order: [(String, String, PatronPatternKind)] = []
        var identifierHits: Set<String> = []
        try store.visitStoredValues { table, column, value in
            var kinds: Set<PatronPatternKind> = []
            PatronPatterns.scan(value, reportRange: 0..<value.count, context: .value) { kind, _ in kinds.insert(kind) }
            for kind in kinds.sorted() {
                let key = "\(table)\u{0}\(column)\u{0}\(kind.rawValue)"
                if patternCounts[key] == nil { order.append((table, column, kind)) }
                patternCounts[key, default: 0] += 1
            }
            matcher.scan(value, reportRange: 0..<value.count) { index, _ in
                if identifierHits.insert("\(table)\u{0}\(column)\u{0}\(index)").inserted {
                    findings.append(.identifierInTable(table: table, column: column, identifierLine: index + 1))
                }
            }
        }
        for (table, column, kind) in order {
            let n = patternCounts["\(table)\u{0}\(column)\u{0}\(kind.rawValue)"] ?? 0
            findings.append(.patternInTable(table: table, column: column, kind: kind, values: n))
        }

        var scanned: [(String, Int)] = []
        for path in store.storageFiles {
            guard let size = try scanFile(path, matcher: matcher, into: &findings) else { continue }
            scanned.append((path, size))
        }
        let short = identifiers.enumerated().filter { $0.element.count < IdentifierMatcher.minimumLength && !$0.element.isEmpty }
            .map { $0.offset + 1 }
        return Report(inventory: inventory, findings: findings, filesScanned: scanned, identifiersTooShort: short)
    }

    /// Scans one file in overlapping windows; nil when the file does not exist.
    static func scanFile(_ path: String, matcher: IdentifierMatcher, into findings: inout [Finding]) throws(StoreError) -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let file: InputFile
        do { file = try InputFile(path: path) } catch { throw StoreError(.io, location: path, error.reason) }
        let size: Int
        do { size = try file.size() } catch { throw StoreError(.io, location: path, error.reason) }
        let overlap = max(PatronPatterns.maxMatchLength, matcher.maxLength)
        var found = 0
        var start = 0
        while start < size && found < maxFindingsPerFile {
            let low = max(0, start - overlap)
            let high = min(size, start + window + overlap)
            let bytes: [UInt8]
            do { bytes = try file.bytes(low..<high) } catch { throw StoreError(.io, location: path, error.reason) }
            let report = (start - low)..<(min(size, start + window) - low)
            bytes.withUnsafeBytes { raw in
                PatronPatterns.scan(raw, reportRange: report, context: .storagePages) { kind, at in
                    guard found < maxFindingsPerFile else { return }
                    found += 1
                    findings.append(.patternInFile(file: path, offset: low + at, kind: kind))
                }
                matcher.scan(raw, reportRange: report) { index, at in
                    guard found < maxFindingsPerFile else { return }
                    found += 1
                    findings.append(.identifierInFile(file: path, offset: low + at, identifierLine: index + 1))
                }
            }
            start += window
        }
        return size
    }
}

