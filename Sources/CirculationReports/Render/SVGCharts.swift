/// Inline SVG charts for the HTML report: plain shapes and text, no scripts, fonts or links,
/// so the file opens offline and prints. A suppressed figure is drawn as an empty hatched bar
/// of no particular height, never as a value.
enum SVGCharts {
    static func format(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Vertical bars, one per label.
    static func bars(title: String, labels: [String], values: [Published], width: Int = 640, height: Int = 220) -> String {
        let top = 24.0, bottom = 40.0, left = 48.0, right = 8.0
        let plotHeight = Double(height) - top - bottom
        let plotWidth = Double(width) - left - right
        let maximum = max(1, values.compactMap(\.value).max() ?? 1)
        let slot = plotWidth / Double(max(1, labels.count))
        let barWidth = max(2, slot * 0.7)
        // The natural size as well as the viewBox: without it a browser stretches a small chart
        // to the page's width and its text with it; the style sheet still lets it shrink.
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
        svg += "width=\"\(width)\" height=\"\(height)\" "
        svg += "role=\"img\" aria-label=\"\(Escape.html(title))\"><title>\(Escape.html(title))</title>"
        let baseY = top + plotHeight
        svg += "<line x1=\"\(format(left))\" y1=\"\(format(baseY))\" x2=\"\(format(left + plotWidth))\" "
        svg += "y2=\"\(format(baseY))\" stroke=\"#333\"/>"
        svg += "<text x=\"\(format(left - 4))\" y=\"\(format(top + 4))\" text-anchor=\"end\" class=\"axis\">\(maximum)</text>"
        svg += "<text x=\"\(format(left - 4))\" y=\"\(format(baseY))\" text-anchor=\"end\" class=\"axis\">0</text>"
        let labelEvery = labels.count > 16 ? 3 : 1
        for (i, label) in labels.enumerated() {
            let x = left + slot * Double(i) + (slot - barWidth) / 2
            let center = x + barWidth / 2
            let value = i < values.count ? values[i] : .count(0)
            switch value {
            case .count(let n):
                let h = plotHeight * Double(n) / Double(maximum)
                svg += "<rect x=\"\(format(x))\" y=\"\(format(baseY - h))\" width=\"\(format(barWidth))\" "
                svg += "height=\"\(format(h))\" class=\"bar\"><title>\(Escape.html(label)): \(n)</title></rect>"
            case .suppressed:
                svg += "<rect x=\"\(format(x))\" y=\"\(format(top))\" width=\"\(format(barWidth))\" "
                svg += "height=\"\(format(plotHeight))\" fill=\"url(#hatch)\" class=\"suppressed\">"
                svg += "<title>\(Escape.html(label)): suppressed</title></rect>"
            }
            if i % labelEvery == 0 {
                svg += "<text x=\"\(format(center))\" y=\"\(format(baseY + 14))\" text-anchor=\"middle\" class=\"axis\">"
                svg += "\(Escape.html(short(label)))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// A shaded grid of a table's cells (hour x weekday), darker for more transactions.
    static func heatmap(_ table: PublishedTable, cell: Int = 22) -> String {
        let left = 52, top = 20
        let width = left + cell * table.columnLabels.count + 8
        let height = top + cell * table.rowLabels.count + 8
        let maximum = max(1, table.cells.flatMap { $0.compactMap(\.value) }.max() ?? 1)
        // The natural size as well as the viewBox: without it a browser stretches a small chart
        // to the page's width and its text with it; the style sheet still lets it shrink.
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
        svg += "width=\"\(width)\" height=\"\(height)\" "
        svg += "role=\"img\" aria-label=\"\(Escape.html(table.title))\"><title>\(Escape.html(table.title))</title>"
        for (c, label) in table.columnLabels.enumerated() {
            svg += "<text x=\"\(left + c * cell + cell / 2)\" y=\"14\" text-anchor=\"middle\" class=\"axis\">"
            svg += "\(Escape.html(short(label)))</text>"
        }
        for (r, label) in table.rowLabels.enumerated() {
            let y = top + r * cell
            svg += "<text x=\"\(left - 4)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\" class=\"axis\">\(Escape.html(short(label)))</text>"
            for c in table.columnLabels.indices {
                let x = left + c * cell
                switch table.cells[r][c] {
                case .count(let n):
                    let shade = format(0.08 + 0.92 * Double(n) / Double(maximum))
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" class=\"heat\" "
                    svg += "fill-opacity=\"\(n == 0 ? "0" : shade)\"><title>\(n)</title></rect>"
                case .suppressed:
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"url(#hatch)\" "
                    svg += "class=\"suppressed\"><title>suppressed</title></rect>"
                }
            }
        }
        return svg + "</svg>"
    }

    private static func short(_ label: String) -> String {
        label.count > 10 ? String(label.prefix(9)) + "…" : label
    }
}
