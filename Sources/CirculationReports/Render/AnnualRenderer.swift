/// The annual survey table in the monthly report's formats: the same tables, escaping and
/// suppression marks, with the fiscal year's months and why any of them is missing stated
/// before the figures.
enum AnnualRenderer {
    static let unmappedEmpty = "Every transaction of the year is mapped to a category and an audience."

    static func markdown(_ report: AnnualReport) -> String {
        var out = "# State survey circulation \(report.fiscalYear)\n\n"
        out += ReportText.coverage(report).joined(separator: " ") + "\n\n"
        out += ReportText.suppressionNote(threshold: report.threshold, mostCirculated: false) + "\n\n"
        out += "## Months\n\n| Month | Status |\n|---|---|\n"
        for month in report.months { out += "| \(month.month.shortLabel) | \(month.status.explanation) |\n" }
        out += "\n"
        for table in [report.byAudience] + report.audiences {
            out += MarkdownRenderer.section(table, empty: "No month of the fiscal year is counted.")
        }
        out += "## Unmapped codes\n\n" + ReportText.unmappedNote + "\n\n"
        for table in report.unmapped { out += MarkdownRenderer.section(table, heading: "###", empty: unmappedEmpty) }
        return out
    }

    /// One long table like the monthly CSV, `fiscalYear,report,row,column,value`; the months'
    /// status as `months` rows.
    static func csv(_ report: AnnualReport) -> String {
        var lines = ["fiscalYear,report,row,column,value"]
        func add(_ table: String, _ row: String, _ column: String, _ value: String) {
            lines.append([report.fiscalYear.description, table, row, column, value].map(Escape.csv).joined(separator: ","))
        }
        add("parameters", "suppressionThreshold", "", String(report.threshold))
        add("parameters", "complete", "", report.isComplete ? "true" : "false")
        for month in report.months { add("months", month.month.description, "status", month.status.rawValue) }
        for table in report.tables { CSVRenderer.rows(of: table, add) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ report: AnnualReport) -> String {
        var out = "{\n"
        out += "  \"fiscalYear\": \(report.fiscalYear.endingYear),\n"
        out += "  \"from\": \(Escape.json(report.months.first?.month.description ?? "")), "
        out += "\"to\": \(Escape.json(report.months.last?.month.description ?? "")),\n"
        out += "  \"suppressionThreshold\": \(report.threshold),\n"
        out += "  \"complete\": \(report.isComplete),\n"
        out += "  \"months\": [\n    "
        out += report.months.map { "{\"month\": \(Escape.json($0.month.description)), \"status\": \(Escape.json($0.status.rawValue))}" }
            .joined(separator: ",\n    ")
        out += "\n  ],\n"
        let tables = report.tables
        for (i, table) in tables.enumerated() {
            out += "  \(Escape.json(table.id)): \(JSONRenderer.tableJSON(table))\(i == tables.count - 1 ? "" : ",")\n"
        }
        return out + "}\n"
    }

    static func html(_ report: AnnualReport) -> String {
        let title = "State survey circulation \(Escape.html(report.fiscalYear.description))"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(title)</title>\n<style>\(HTMLRenderer.style)</style>\n</head>\n<body>\n"
        out += "<h1>\(title)</h1>\n"
        for line in ReportText.coverage(report) { out += "<p>\(Escape.html(line))</p>\n" }
        out += "<p class=\"note\">\(Escape.html(ReportText.suppressionNote(threshold: report.threshold, mostCirculated: false)))</p>\n"
        out += HTMLRenderer.hatchDefinition
        out += "<section><h2>Months</h2>\n<table><thead><tr><th>Month</th><th>Status</th></tr></thead><tbody>"
        for month in report.months {
            out += "<tr><th>\(Escape.html(month.month.shortLabel))</th><td style=\"text-align:left\">"
            out += "\(Escape.html(month.status.explanation))</td></tr>"
        }
        out += "</tbody></table>\n</section>\n"
        let summary = report.byAudience
        out += "<section><h2>\(Escape.html(summary.title))</h2>\n"
        if let totals = summary.columnTotals, !totals.isEmpty {
            out += SVGCharts.bars(title: "Circulation by month, all audiences", labels: summary.columnLabels, values: totals)
        }
        out += HTMLRenderer.tableHTML(summary, empty: "No month of the fiscal year is counted.") + "</section>\n"
        for table in report.audiences {
            out += "<section><h2>\(Escape.html(table.title))</h2>\n"
            out += HTMLRenderer.tableHTML(table, empty: "No month of the fiscal year is counted.") + "</section>\n"
        }
        out += "<section><h2>Unmapped codes</h2>\n<p>\(Escape.html(ReportText.unmappedNote))</p>\n"
        for table in report.unmapped {
            out += "<h3>\(Escape.html(table.title))</h3>\n" + HTMLRenderer.tableHTML(table, empty: unmappedEmpty)
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }
}
