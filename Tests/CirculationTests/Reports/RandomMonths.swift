import CirculationLog
import CirculationStore

@testable import CirculationReports

/// A reproducible random number generator (SplitMix64), so that a failing random month can be
/// rebuilt from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small months as a quiet branch library has them: a few dozen transactions over a few
/// branches, hours, sources and materials, so that many counts fall below the threshold.
enum RandomMonths {
    static let month = "2026-11"

    /// With `mapped`, rows also carry item types, collections and locations that `mapping`
    /// maps partly (some codes give a category, some an audience, some nothing), so the
    /// audience and unmapped-code tables have figures too.
    static func store(using generator: inout SeededGenerator, mapped: Bool = false, month: String = month) -> InMemoryStore {
        let rowCount = Int.random(in: 3...24, using: &generator)
        let branches = Array(["MAIN", "EAST", "WEST"].prefix(Int.random(in: 1...3, using: &generator)))
        let rows = (0..<rowCount).map { _ in
            let day = Int.random(in: 1...(month.hasSuffix("-02") ? 28 : 30), using: &generator)
            var row = CounterRow.make(
                month + "-" + (day < 10 ? "0" : "") + String(day), Int.random(in: 9...20, using: &generator),
                CirculationAction.allCases.randomElement(using: &generator) ?? .checkout,
                branch: branches.randomElement(using: &generator) ?? "MAIN",
                media: ["001", "005", "006", "002"].randomElement(using: &generator) ?? "001",
                source: TransactionSource.allCases.randomElement(using: &generator) ?? .selfCheck,
                count: Int.random(in: 1...6, using: &generator))
            if mapped {
                row.mediaType = ["001", "BK", "JBK", "DVD", "XYZ", ""].randomElement(using: &generator) ?? ""
                row.collection = ["FIC", "JFIC", "YA", "NF", ""].randomElement(using: &generator) ?? ""
                row.location = ["CHILD", "STACKS", CodeAllowList.unknown].randomElement(using: &generator) ?? ""
            }
            return row
        }
        let gates = (0..<Int.random(in: 0...3, using: &generator)).map { i in
            NamedCount(name: "gate-\(i)", count: Int.random(in: 0...12, using: &generator))
        }
        return InMemoryStore(rows: rows, gates: gates)
    }

    /// The tables `store(mapped: true)` is read with.
    static let mapping = MaterialMapping(
        itemTypes: ["BK": .init(category: .books), "JBK": .init(category: .books, audience: .children), "DVD": .init(category: .video)],
        collections: ["FIC": .init(audience: .adult), "JFIC": .init(audience: .children), "YA": .init(audience: .youngAdult)],
        locations: ["CHILD": .init(audience: .children)])
}
