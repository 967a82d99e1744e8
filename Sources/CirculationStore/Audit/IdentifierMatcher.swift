/// Finds any of a list of identifiers (card numbers, names, e-mail addresses a library gives the
/// audit) in raw bytes. Identifiers are bucketed by their first two bytes, so a scan costs one
/// table look-up per byte plus a comparison only where a bucket is hit.
struct IdentifierMatcher {
    let identifiers: [[UInt8]]
    private var buckets: [[Int]]
    let maxLength: Int

    /// Identifiers shorter than this would match ordinary stored values by chance.
    static let minimumLength = 4

    init(_ identifiers: [[UInt8]]) {
        self.identifiers = identifiers
        buckets = [[Int]](repeating: [], count: 65_536)
        var longest = 0
        for (index, id) in identifiers.enumerated() where id.count >= Self.minimumLength {
            buckets[Int(id[0]) << 8 | Int(id[1])].append(index)
            longest = max(longest, id.count)
        }
        maxLength = longest
    }

    var isEmpty: Bool { maxLength == 0 }

    /// Calls `found(identifierIndex, start)` for each match starting inside `reportRange`.
    func scan(_ bytes: UnsafeRawBufferPointer, reportRange: Range<Int>, found: (Int, Int) -> Void) {
        guard !isEmpty else { return }
        let n = bytes.count
        var i = max(0, reportRange.lowerBound)
        let end = min(reportRange.upperBound, n - 1)
        while i < end {
            let candidates = buckets[Int(bytes[i]) << 8 | Int(bytes[i + 1])]
            if !candidates.isEmpty {
                for index in candidates {
                    let id = identifiers[index]
                    guard i + id.count <= n else { continue }
                    var equal = true
                    for k in 2..<id.count where bytes[i + k] != id[k] {
                        equal = false
                        break
                    }
                    if equal { found(index, i) }
                }
            }
            i += 1
        }
    }
}
