/// Small-cell suppression for a table whose totals are printed (privacy requirement P5).
///
/// Hiding a small cell is not enough when its row total is printed: the hidden count is the
/// total minus the other cells. A second ("complementary") figure must be hidden in that line,
/// and doing so can leave another line with a single hidden figure, so the rule repeats until
/// nothing changes. A line with two hidden figures can still give one away through a chain of
/// lines (two blocks of hidden cells joined by a single hidden cell), so the fixed point is
/// stronger than "no line with exactly one hidden figure":
///
/// Treat the table with its margins as a graph: each line whose total is printed is a vertex,
/// lines without a printed total are merged into one "free" vertex, and each hidden figure is
/// an edge between its row and its column. A hidden figure can be worked out from the printed
/// ones exactly when its edge is a bridge (lies on no cycle), because the undetermined part of
/// the linear system is the cycle space of that graph. So the algorithm hides more figures
/// until the graph has no bridge, always choosing, among the figures that would close a cycle
/// around the bridge, a cell before a total and then the smallest count. Zero cells are never
/// hidden: their value is no secret, and a hidden zero protects nothing.
public enum ComplementarySuppression {
    /// The figures of `table` to hide. `forced` adds figures that must be hidden because a
    /// linked table hides the same quantity.
    public static func pattern(
        for table: CountTable, threshold: Int, forced: Set<TablePosition> = []
    ) -> SuppressionPattern {
        var graph = SuppressionGraph(table: table)
        var primary: Set<TablePosition> = []
        for (index, entry) in graph.entries.enumerated() {
            let small = entry.value > 0 && entry.value < threshold
            if small { primary.insert(entry.position) }
            if small || (forced.contains(entry.position) && entry.value > 0) { graph.hidden[index] = true }
        }
        while let bridge = graph.preferredBridge() {
            guard let complement = graph.bestComplement(for: bridge) else {
                // Cannot happen with totals computed from the cells (a bridge always has a
                // non-zero printed figure across it); hide everything rather than risk a leak.
                for index in graph.entries.indices where graph.entries[index].value > 0 { graph.hidden[index] = true }
                break
            }
            graph.hidden[complement] = true
        }
        var hidden: Set<TablePosition> = []
        for (index, entry) in graph.entries.enumerated() where graph.hidden[index] { hidden.insert(entry.position) }
        return SuppressionPattern(hidden: hidden, primary: primary)
    }
}

/// Which figures of one table are hidden.
public struct SuppressionPattern: Sendable, Equatable {
    /// Every hidden figure: small ones and their complements.
    public var hidden: Set<TablePosition>
    /// The figures hidden because they are below the threshold.
    public var primary: Set<TablePosition>

    public func isHidden(_ position: TablePosition) -> Bool { hidden.contains(position) }
}
