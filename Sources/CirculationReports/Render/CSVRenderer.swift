/// One long-format CSV file (`month,report,row,column,value`): every figure on its own line, so
/// a spreadsheet pivot or a script reads all tables the same way. A suppressed figure has the
/// value `suppressed`; totals have the row or column label `Total`.
enum CSVRenderer {
    static func render(_ report: MonthlyReport) -> String {
        var lines = ["month,report,row,column,value"]
        func add(_ table: String, _ row: String, _ column: String, _ value: String) {
            lines.append([report.month, table, row, column, value].map(Escape.csv).joined(separator: ","))
        }
        func value(_ p: Published) -> String { Self.value(p) }
        add("parameters", "suppressionThreshold", "", String(report.threshold))
        add("totals", "checkouts", "count", value(report.totals.checkouts))
        add("totals", "checkins", "count", value(report.totals.checkins))
        add("totals", "renewals", "count", value(report.totals.renewals))
        add("totals", "all", "count", value(report.totals.all))
        for table in report.tables { rows(of: table, add) }
        for (rank, item) in report.mostCirculated.enumerated() {
            add("mostCirculated", item.item, "rank \(rank + 1)", String(item.count))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A suppressed figure is the word `suppressed`, never an empty cell a spreadsheet reads as 0.
    static func value(_ p: Published) -> String { p.value.map(String.init) ?? "suppressed" }

    /// Every figure of one table as `(table, row, column, value)` lines, totals labelled `Total`:
    /// the monthly and the annual CSV share this long format.
    static func rows(of table: PublishedTable, _ add: (_ table: String, _ row: String, _ column: String, _ value: String) -> Void) {
        for (r, label) in table.rowLabels.enumerated() {
            for (c, column) in table.columnLabels.enumerated() { add(table.id, label, column, value(table.cells[r][c])) }
            if let totals = table.rowTotals { add(table.id, label, ReportText.totalLabel, value(totals[r])) }
        }
        if let totals = table.columnTotals {
            for (c, column) in table.columnLabels.enumerated() { add(table.id, ReportText.totalLabel, column, value(totals[c])) }
        }
        if let grand = table.grandTotal { add(table.id, ReportText.totalLabel, ReportText.totalLabel, value(grand)) }
    }
}
