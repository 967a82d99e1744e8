/// The graph view of a table's hidden figures (see `ComplementarySuppression`): vertices are
/// the lines whose totals are printed plus one free vertex; every printed figure is a potential
/// edge, present when the figure is hidden.
struct SuppressionGraph {
    struct Entry {
        var position: TablePosition
        var value: Int
        var ends: (Int, Int)
    }

    private(set) var entries: [Entry] = []
    var hidden: [Bool]
    let vertexCount: Int
    let freeVertex: Int

    init(table: CountTable) {
        let rows = table.rowCount + (table.hasColumnTotals ? 1 : 0)
        let columns = table.columnCount + (table.hasRowTotals ? 1 : 0)
        let free = rows + columns
        freeVertex = free
        vertexCount = free + 1
        // Lines without a printed total constrain nothing: they all become the free vertex.
        func rowVertex(_ r: Int) -> Int { table.hasRowTotals ? r : free }
        func columnVertex(_ c: Int) -> Int { table.hasColumnTotals ? rows + c : free }
        let marginRow = table.rowCount
        let marginColumn = table.columnCount
        for (position, value) in table.entries {
            let ends: (Int, Int)
            switch position {
            case .cell(let r, let c): ends = (rowVertex(r), columnVertex(c))
            case .rowTotal(let r): ends = (rowVertex(r), columnVertex(marginColumn))
            case .columnTotal(let c): ends = (rowVertex(marginRow), columnVertex(c))
            case .grandTotal: ends = (rowVertex(marginRow), columnVertex(marginColumn))
            }
            entries.append(Entry(position: position, value: value, ends: ends))
        }
        hidden = Array(repeating: false, count: entries.count)
    }

    /// Hidden edges at each vertex, as (entry index, other end).
    private func adjacency() -> [[(edge: Int, to: Int)]] {
        var result = Array(repeating: [(edge: Int, to: Int)](), count: vertexCount)
        for (index, entry) in entries.enumerated() where hidden[index] {
            let (a, b) = entry.ends
            if a == b { continue }  // a loop at the free vertex lies on a cycle by itself
            result[a].append((index, b))
            result[b].append((index, a))
        }
        return result
    }

    /// Entry indices of all bridges (Tarjan's low-link, iterative, parallel edges allowed).
    func bridges() -> [Int] {
        let adjacent = adjacency()
        var order = Array(repeating: -1, count: vertexCount)
        var low = Array(repeating: 0, count: vertexCount)
        var counter = 0
        var found: [Int] = []
        for root in 0..<vertexCount where order[root] < 0 {
            // Stack frames: vertex, the edge used to enter it, next adjacency index.
            var stack: [(vertex: Int, via: Int, next: Int)] = [(root, -1, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            while let top = stack.last {
                if top.next < adjacent[top.vertex].count {
                    stack[stack.count - 1].next += 1
                    let (edge, to) = adjacent[top.vertex][top.next]
                    if edge == top.via { continue }
                    if order[to] < 0 {
                        order[to] = counter
                        low[to] = counter
                        counter += 1
                        stack.append((to, edge, 0))
                    } else {
                        low[top.vertex] = min(low[top.vertex], order[to])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.vertex] = min(low[parent.vertex], low[top.vertex])
                        if low[top.vertex] > order[parent.vertex] { found.append(top.via) }
                    }
                }
            }
        }
        return found.sorted()
    }

    /// A bridge to repair first: one at a printed line holding a single hidden figure (the
    /// plain subtraction case) before any longer chain. Returns the bridge and that line.
    func preferredBridge() -> (edge: Int, loneLine: Int?)? {
        let all = bridges()
        guard let first = all.first else { return nil }
        var degree = Array(repeating: 0, count: vertexCount)
        for (index, entry) in entries.enumerated() where hidden[index] {
            degree[entry.ends.0] += 1
            degree[entry.ends.1] += 1
        }
        for edge in all {
            for v in [entries[edge].ends.0, entries[edge].ends.1] where v != freeVertex && degree[v] == 1 {
                return (edge, v)
            }
        }
        return (first, nil)
    }

    /// Vertices reachable from `start` over hidden edges other than `excluded`.
    private func component(from start: Int, excluding excluded: Int, adjacent: [[(edge: Int, to: Int)]]) -> Set<Int> {
        var seen: Set<Int> = [start]
        var queue = [start]
        while let v = queue.popLast() {
            for (edge, to) in adjacent[v] where edge != excluded && !seen.contains(to) {
                seen.insert(to)
                queue.append(to)
            }
        }
        return seen
    }

    /// The printed figure to hide so that `bridge` is no longer one. Summing the line
    /// equations over one side of the bridge (a side without the free vertex) gives the
    /// bridge's value from the printed figures crossing that side's boundary, so one of those
    /// must be hidden. For a line holding a single hidden figure the side is that line alone,
    /// and the candidates are the line's other figures. Preferred: a cell over a total, then
    /// one that closes a cycle around the bridge at once (ending the chain), then the smallest
    /// count, then table order.
    func bestComplement(for bridge: (edge: Int, loneLine: Int?)) -> Int? {
        let adjacent = adjacency()
        let (u, v) = entries[bridge.edge].ends
        let sideU = component(from: u, excluding: bridge.edge, adjacent: adjacent)
        let sideV = component(from: v, excluding: bridge.edge, adjacent: adjacent)
        var sides: [(side: Set<Int>, other: Set<Int>)] = []
        if let lone = bridge.loneLine {
            sides.append(([lone], sideU.contains(lone) ? sideV : sideU))
        } else {
            if !sideU.contains(freeVertex) { sides.append((sideU, sideV)) }
            if !sideV.contains(freeVertex) { sides.append((sideV, sideU)) }
        }
        var best: (key: (Int, Int, Int, Int), index: Int)? = nil
        for (side, other) in sides {
            for (index, entry) in entries.enumerated() where !hidden[index] && entry.value > 0 {
                let inA = side.contains(entry.ends.0)
                let inB = side.contains(entry.ends.1)
                guard inA != inB else { continue }
                let outside = inA ? entry.ends.1 : entry.ends.0
                let key = (entry.position.isTotal ? 1 : 0, other.contains(outside) ? 0 : 1, entry.value, index)
                if let current = best, !(key < current.key) { continue }
                best = (key, index)
            }
        }
        return best?.index
    }
}
