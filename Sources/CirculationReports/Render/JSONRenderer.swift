/// JSON for scripts and dashboards. A suppressed figure is `null`; key order is fixed so that
/// two reports of the same data are byte-identical.
enum JSONRenderer {
    static func render(_ report: MonthlyReport) -> String {
        var out = "{\n"
        out += "  \"month\": \(Escape.json(report.month)),\n"
        out += "  \"suppressionThreshold\": \(report.threshold),\n"
        out += "  \"totals\": {\"checkouts\": \(number(report.totals.checkouts)), "
        out += "\"checkins\": \(number(report.totals.checkins)), \"renewals\": \(number(report.totals.renewals)), "
        out += "\"all\": \(number(report.totals.all))},\n"
        for table in report.tables {
            out += "  \(Escape.json(table.id)): \(tableJSON(table)),\n"
        }
        out += "  \"mostCirculated\": {\"minimumCount\": \(report.threshold), \"limit\": \(report.itemLimit), \"items\": ["
        out += report.mostCirculated.map { "{\"item\": \(Escape.json($0.item)), \"count\": \($0.count)}" }
            .joined(separator: ", ")
        out += "]}\n}\n"
        return out
    }

    static func number(_ p: Published) -> String { p.value.map(String.init) ?? "null" }

    private static func list(_ values: [Published]) -> String { "[" + values.map(number).joined(separator: ", ") + "]" }

    static func tableJSON(_ table: PublishedTable) -> String {
        var out = "{\n    \"title\": \(Escape.json(table.title)),\n    \"rowHeader\": \(Escape.json(table.rowHeader)),\n"
        out += "    \"columns\": [" + table.columnLabels.map(Escape.json).joined(separator: ", ") + "],\n"
        out += "    \"rows\": ["
        let rows = table.rowLabels.enumerated().map { r, label in
            var row = "{\"label\": \(Escape.json(label)), \"cells\": \(list(table.cells[r]))"
            if let totals = table.rowTotals { row += ", \"total\": \(number(totals[r]))" }
            return row + "}"
        }
        out += rows.isEmpty ? "]" : "\n      " + rows.joined(separator: ",\n      ") + "\n    ]"
        if let totals = table.columnTotals { out += ",\n    \"columnTotals\": \(list(totals))" }
        if let grand = table.grandTotal { out += ",\n    \"grandTotal\": \(number(grand))" }
        return out + "\n  }"
    }
}
