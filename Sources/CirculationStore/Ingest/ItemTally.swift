/// Counts transactions per item barcode within one batch and month. Nearly every transaction
/// of a log adds to this tally, and a batch holds a few hundred thousand distinct items, so it
/// is the busiest table of an ingest: hashing each barcode as a `String` (SipHash over a
/// copied buffer, one seed per lookup) and the `Dictionary`'s resizing took a tenth of the
/// parsing thread's time. Barcodes are short: a barcode of up to 16 bytes is kept as two
/// machine words in an open-addressing table with a multiplicative hash; anything longer, or
/// holding a NUL byte (which the zero padding could not tell apart), goes to a plain dictionary.
struct ItemTally: Sendable {
    /// One barcode: its bytes in memory order, zero padded to 16 bytes, and its count. Kept
    /// together so that a lookup in a table far larger than the cache costs one cache miss.
    private struct Slot {
        var w0: UInt64
        var w1: UInt64
        /// 0 marks an empty slot (a stored item has counted at least once).
        var count: Int
    }

    private var slots: [Slot]
    private var occupied = 0
    /// Short barcodes added but not yet placed in the table (`flush`), at most `pendingLimit`.
    private var pending: [Slot] = []
    private static let pendingLimit = 16
    /// The sum of the slots `flush` touched: kept so that those loads are not optimised away.
    private var touched = 0
    private var long: [String: Int] = [:]
    /// Per-process random, so that a log crafted to collide in this hash cannot be prepared
    /// in advance (the same reason Swift seeds its own hashing).
    private let seed: UInt64

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, count: 0), count: size)
        var hasher = Hasher()
        hasher.combine(0x4C52_4353)
        seed = UInt64(bitPattern: Int64(hasher.finalize()))
        pending.reserveCapacity(Self.pendingLimit)
    }

    var isEmpty: Bool { occupied == 0 && long.isEmpty && pending.isEmpty }

    /// Distinct items.
    var count: Int {
        if pending.isEmpty { return occupied + long.count }
        var flushed = self
        flushed.flush()
        return flushed.count
    }

    /// Distinct items, short of at most `pendingLimit` not placed yet: cheap, for bounding a batch.
    var placedCount: Int { occupied + long.count }

    mutating func add(_ item: String) {
        var item = item
        let packed: (UInt64, UInt64)? = item.withUTF8 { utf8 in
            guard utf8.count <= 16, utf8.firstIndex(of: 0) == nil else { return nil }
            var w: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &w) { $0.copyMemory(from: UnsafeRawBufferPointer(utf8)) }
            return w
        }
        guard let (w0, w1) = packed else {
            long[item, default: 0] += 1
            return
        }
        pending.append(Slot(w0: w0, w1: w1, count: 1))
        if pending.count == Self.pendingLimit { flush() }
    }

    /// Places the pending barcodes. A table of a few hundred thousand items is far larger than
    /// the cache, so nearly every lookup waits for memory (a tenth of the counting thread's
    /// time when done one by one): their slots are read first, in one loop of independent
    /// loads that the processor overlaps, and are then in the cache for the inserts.
    mutating func flush() {
        guard !pending.isEmpty else { return }
        let seed = self.seed
        var sum = 0
        slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            for p in pending { sum &+= table[Self.hash(p.w0, p.w1, seed) & mask].count }
        }
        touched &+= sum
        for p in pending { add(p.w0, p.w1, 1) }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func add(_ w0: UInt64, _ w1: UInt64, _ n: Int) {
        let seed = self.seed
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            var i = Self.hash(w0, w1, seed) & mask
            while true {
                if table[i].count == 0 {
                    table[i] = Slot(w0: w0, w1: w1, count: n)
                    return true
                }
                if table[i].w0 == w0 && table[i].w1 == w1 {
                    table[i].count &+= n
                    return false
                }
                i = (i + 1) & mask
            }
        }
        if inserted {
            occupied += 1
            // Three-quarters full at most: linear probing stays short, and a smaller table
            // misses the cache less often, which is what a lookup mostly waits for.
            if occupied * 4 > slots.count * 3 { grow() }
        }
    }

    /// Mixes both words so that every input bit reaches the low bits the table index is cut
    /// from: barcodes of one library share most of their bytes (an 8-byte prefix is often the
    /// same for every item), so a weaker mix piles them into few neighbourhoods.
    @inline(__always)
    private static func hash(_ w0: UInt64, _ w1: UInt64, _ seed: UInt64) -> Int {
        var h = seed ^ w0
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        h ^= w1
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, count: 0), count: old.count * 2)
        occupied = 0
        for slot in old where slot.count != 0 { add(slot.w0, slot.w1, slot.count) }
    }

    /// Calls `body` with every item's UTF-8 bytes and count, the short ones in byte order (the
    /// store's key order, so that the upserts walk the item table's B-tree forwards), then the
    /// long ones. Order only matters for speed; every item is visited once.
    func forEach(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) rethrows {
        if !pending.isEmpty {
            var flushed = self
            flushed.flush()
            try flushed.forEach(body)
            return
        }
        // Bytes in memory order compare like the words read big-endian.
        var keys: [Slot] = []
        keys.reserveCapacity(occupied)
        for slot in slots where slot.count != 0 {
            keys.append(Slot(w0: slot.w0.bigEndian, w1: slot.w1.bigEndian, count: slot.count))
        }
        keys.sort { $0.w0 != $1.w0 ? $0.w0 < $1.w0 : $0.w1 < $1.w1 }
        for key in keys {
            var w = (key.w0.bigEndian, key.w1.bigEndian)
            try withUnsafeBytes(of: &w) { raw in
                let length = raw.firstIndex(of: 0) ?? 16
                try body(UnsafeRawBufferPointer(rebasing: raw[0..<length]), key.count)
            }
        }
        for (item, n) in long {
            var item = item
            try item.withUTF8 { try body(UnsafeRawBufferPointer($0), n) }
        }
    }
}
