import CirculationLog

extension BatchAggregator.CounterKey {
    /// Per-process random, so that a log crafted to make counter keys collide cannot be
    /// prepared in advance (why Swift seeds its own hashing, and `ItemTally` its table).
    static let hashSeed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x434B_4559)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }()

    /// A hash of every field, mixed by hand from each string's UTF-8 a word at a time. Hashing
    /// the key with `Hasher` (SipHash, one resilient call per field and byte run) cost a twentieth
    /// of an ingest's CPU time; the fields are short codes, so this is a handful of multiplies.
    /// Equal keys hash equal; the dictionary still compares whole keys.
    var mixedHash: Int {
        var h = Self.hashSeed ^ UInt64(truncatingIfNeeded: hour)
        Self.mix(&h, day)
        Self.mix(&h, action.rawValue)
        Self.mix(&h, branch)
        Self.mix(&h, location)
        Self.mix(&h, mediaType)
        Self.mix(&h, collection)
        Self.mix(&h, source.rawValue)
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private static func mix(_ h: inout UInt64, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // The length first, so that "AB" + "C" and "A" + "BC" differ.
            h = (h ^ UInt64(utf8.count)) &* 0xBF58_476D_1CE4_E5B9
            var i = 0
            while i < utf8.count {
                var word: UInt64 = 0
                let n = min(8, utf8.count - i)
                withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[i..<(i + n)])) }
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 32
                i += n
            }
        }
    }
}
