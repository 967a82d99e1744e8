#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Substring search over raw bytes (memchr for the first byte, memcmp for the rest), fast enough
/// to look for a thousand identifiers in a database file from a debug build.
enum ByteSearch {
    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = hay.baseAddress, let first = needle.first, needle.count <= hay.count else { return false }
        var from = 0
        let lastStart = hay.count - needle.count
        while from <= lastStart {
            guard let hit = memchr(base + from, Int32(first), lastStart - from + 1) else { return false }
            let at = base.distance(to: UnsafeRawPointer(hit))
            if needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return true }
            from = at + 1
        }
        return false
    }

    /// The identifiers that occur somewhere in `data`.
    static func found(_ identifiers: [String], in data: Data) -> [String] {
        data.withUnsafeBytes { hay in identifiers.filter { contains(hay, Array($0.utf8)) } }
    }
}
