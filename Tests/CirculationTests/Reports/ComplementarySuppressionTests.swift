import PropertyBased
import Testing

@testable import CirculationReports

@Suite("Complementary suppression")
struct ComplementarySuppressionTests {
    func table(_ cells: [[Int]], rowTotals: Bool = true, columnTotals: Bool = true) -> CountTable {
        CountTable(
            rowLabels: cells.indices.map { "r\($0)" }, columnLabels: (cells.first ?? []).indices.map { "c\($0)" },
            cells: cells, hasRowTotals: rowTotals, hasColumnTotals: columnTotals)
    }

    @Test("a table with no small cell hides nothing")
    func nothingSmall() {
        let t = table([[10, 20], [30, 40]])
        #expect(ComplementarySuppression.pattern(for: t, threshold: 5).hidden.isEmpty)
    }

    @Test("one small cell takes the next-smallest cell of its row and of its column with it, closing a rectangle")
    func oneSmallCell() {
        let t = table([[3, 50, 9], [40, 7, 60], [8, 90, 70]])
        let pattern = ComplementarySuppression.pattern(for: t, threshold: 5)
        #expect(pattern.primary == [.cell(row: 0, column: 0)])
        // Row 0: next smallest is 9 at (0,2); column 0: next smallest is 8 at (2,0); then
        // column 2 and row 2 each hold one hidden figure, and (2,2) = 70 closes the cycle.
        #expect(
            pattern.hidden == [
                .cell(row: 0, column: 0), .cell(row: 0, column: 2), .cell(row: 2, column: 0), .cell(row: 2, column: 2),
            ])
        #expect(SuppressionOracle.determinedFigures(t, hidden: pattern.hidden).isEmpty)
    }

    @Test("a total below the threshold is hidden, and so is a second figure of its margin")
    func smallTotal() {
        // Row 1 totals 4: the total itself is small, and the cells 1 and 3 too.
        let t = table([[20, 30], [1, 3], [40, 50]])
        let pattern = ComplementarySuppression.pattern(for: t, threshold: 5)
        #expect(pattern.isHidden(.rowTotal(1)))
        #expect(pattern.isHidden(.cell(row: 1, column: 0)) && pattern.isHidden(.cell(row: 1, column: 1)))
        #expect(SuppressionOracle.linesRevealingBySubtraction(t, hidden: pattern.hidden) == 0)
        #expect(SuppressionOracle.determinedFigures(t, hidden: pattern.hidden).isEmpty)
    }

    @Test("zero cells are printed and never used as complements")
    func zerosStayPrinted() {
        let t = table([[2, 0, 30], [0, 0, 40], [25, 0, 35]])
        let pattern = ComplementarySuppression.pattern(for: t, threshold: 5)
        for r in 0..<3 { for c in 0..<3 where t.cells[r][c] == 0 { #expect(!pattern.isHidden(.cell(row: r, column: c))) } }
        #expect(SuppressionOracle.determinedFigures(t, hidden: pattern.hidden).isEmpty)
    }

    @Test("a list with only a grand total hides the next-smallest entry beside a lone small one")
    func listWithTotal() {
        let t = table([[3], [12], [40]], rowTotals: false, columnTotals: true)
        let pattern = ComplementarySuppression.pattern(for: t, threshold: 5)
        #expect(pattern.hidden == [.cell(row: 0, column: 0), .cell(row: 1, column: 0)])
    }

    @Test("two small cells in one line of a list protect each other")
    func twoSmallInList() {
        let t = table([[3], [2], [40]], rowTotals: false, columnTotals: true)
        #expect(ComplementarySuppression.pattern(for: t, threshold: 5).hidden == [.cell(row: 0, column: 0), .cell(row: 1, column: 0)])
    }

    @Test("a table printed without totals only hides its small cells")
    func noTotals() {
        let t = table([[3, 50], [40, 60]], rowTotals: false, columnTotals: false)
        #expect(ComplementarySuppression.pattern(for: t, threshold: 5).hidden == [.cell(row: 0, column: 0)])
    }

    @Test("a hidden cell joining two protected blocks is protected too (no chain of lines reveals it)")
    func bridgeBetweenBlocks() {
        // Two 2x2 blocks of small cells, and a forced hidden cell linking them: every line has
        // two or more hidden figures, yet the link would follow from the block sums.
        let t = table([
            [2, 3, 50, 0, 0], [4, 1, 0, 0, 60], [0, 0, 70, 2, 3], [0, 0, 0, 4, 1], [30, 40, 50, 60, 70],
        ])
        let pattern = ComplementarySuppression.pattern(for: t, threshold: 5, forced: [.cell(row: 0, column: 2)])
        #expect(pattern.isHidden(.cell(row: 0, column: 2)))
        #expect(SuppressionOracle.determinedFigures(t, hidden: pattern.hidden).isEmpty)
    }

    static let flags = Gen.int(in: 0...3)

    @Test("random tables: nothing below the threshold is printed, no hidden figure can be worked out")
    func randomSmallTables() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.int(in: 0...14).array(of: 36),
            Self.flags, Gen.int(in: 2...10)
        ) { rows, columns, values, flags, threshold in
            checkTable(rows, columns, values, flags, threshold)
        }
    }

    @Test("random tables with large and small counts mixed keep the same guarantees")
    func randomMixedTables() async {
        await propertyCheck(
            count: 200, input: Gen.int(in: 1...8), Gen.int(in: 1...7), Gen.int(in: 0...400).array(of: 56),
            Gen.int(in: 0...6).array(of: 56), Gen.int(in: 2...16)
        ) { rows, columns, large, small, threshold in
            // Mostly large counts with small ones sprinkled in, as real months look.
            let values = zip(large, small).map { l, s in l % 3 == 0 ? s : l }
            checkTable(rows, columns, values, 3, threshold)
        }
    }

    func checkTable(_ rows: Int, _ columns: Int, _ values: [Int], _ flags: Int, _ threshold: Int) {
        let cells = (0..<rows).map { r in (0..<columns).map { c in values[r * columns + c] } }
        let t = table(cells, rowTotals: flags & 1 == 1, columnTotals: flags & 2 == 2)
        let pattern = ComplementarySuppression.pattern(for: t, threshold: threshold)
        for (position, value) in t.entries where !pattern.isHidden(position) {
            #expect(value == 0 || value >= threshold, "printed \(position) = \(value) below \(threshold)")
        }
        for position in pattern.hidden {
            let value = t.entries.first { $0.position == position }?.value ?? 0
            #expect(value > 0, "hid a zero at \(position)")
        }
        #expect(SuppressionOracle.linesRevealingBySubtraction(t, hidden: pattern.hidden) == 0)
        #expect(SuppressionOracle.determinedFigures(t, hidden: pattern.hidden).isEmpty, "\(cells) flags \(flags)")
    }
}

@Suite("Suppression oracle (the attacker model the property tests use)")
struct SuppressionOracleTests {
    @Test("a lone hidden cell in a line with a printed total is found by subtraction")
    func loneCell() {
        let t = CountTable(
            rowLabels: ["a", "b"], columnLabels: ["x", "y"], cells: [[3, 40], [50, 60]], hasRowTotals: true,
            hasColumnTotals: true)
        let hidden: Set<TablePosition> = [.cell(row: 0, column: 0)]
        #expect(SuppressionOracle.linesRevealingBySubtraction(t, hidden: hidden) == 2)
        #expect(SuppressionOracle.determinedFigures(t, hidden: hidden) == [.cell(row: 0, column: 0)])
    }

    @Test("a cell linking two hidden rectangles is worked out although every line has two hidden figures")
    func linkBetweenRectangles() {
        let t = CountTable(
            rowLabels: ["0", "1", "2", "3"], columnLabels: ["0", "1", "2", "3"],
            cells: [[2, 3, 9, 0], [4, 1, 0, 0], [0, 0, 2, 3], [0, 0, 4, 1]], hasRowTotals: true, hasColumnTotals: true)
        var hidden: Set<TablePosition> = [.cell(row: 0, column: 2)]
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)] {
            hidden.insert(.cell(row: r, column: c))
        }
        #expect(SuppressionOracle.linesRevealingBySubtraction(t, hidden: hidden) == 0)
        #expect(SuppressionOracle.determinedFigures(t, hidden: hidden) == [.cell(row: 0, column: 2)])
    }
}
