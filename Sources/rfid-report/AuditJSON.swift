import CirculationStore

/// The `audit --json` document. A finding says where (table and column, or file and byte
/// offset, and the identifier's line number), never the value found: the audit must not leak
/// what it looks for.
enum AuditJSON {
    static func document(_ report: PrivacyAudit.Report, store: String, identifiersChecked: Int) -> [String: Any] {
        [
            "store": store,
            "inventory": report.inventory.map { t -> [String: Any] in
                [
                    "table": t.table, "what": t.what, "records": t.records,
                    "oldest": JSONResult.optional(t.oldest.isEmpty ? nil : t.oldest),
                    "retentionKeepsFrom": JSONResult.optional(t.retention.isEmpty ? nil : t.retention),
                ]
            },
            "filesScanned": report.filesScanned.map { ["file": $0.path, "bytes": $0.bytes] as [String: Any] },
            "identifiersChecked": identifiersChecked,
            "identifiersTooShort": report.identifiersTooShort,
            "findings": report.findings.map(finding),
            "clean": report.findings.isEmpty,
        ]
    }

    static func finding(_ f: PrivacyAudit.Finding) -> [String: Any] {
        var d: [String: Any]
        switch f {
        case .patternInTable(let table, let column, let kind, let values):
            d = ["kind": "pattern", "table": table, "column": column, "pattern": kind.rawValue, "values": values]
        case .identifierInTable(let table, let column, let line):
            d = ["kind": "identifier", "table": table, "column": column, "identifierLine": line]
        case .patternInFile(let file, let offset, let kind):
            d = ["kind": "pattern", "file": file, "offset": offset, "pattern": kind.rawValue]
        case .identifierInFile(let file, let offset, let line):
            d = ["kind": "identifier", "file": file, "offset": offset, "identifierLine": line]
        case .retention(let table, let oldest, let limit):
            d = ["kind": "retention", "table": table, "oldest": oldest, "limit": limit]
        }
        d["description"] = f.description
        return d
    }
}
