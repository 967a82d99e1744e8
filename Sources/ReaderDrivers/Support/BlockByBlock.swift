import ReaderCore

/// The fallback every driver has for a tag that refuses Write Multiple Blocks: one block per
/// command, each retried a bounded number of times while its failure is one that passes (a book
/// moved on the pad). What a block write is, and which failures pass, are the driver's.
enum BlockByBlock {
    static func write(
        first: Int, data: [UInt8], blockSize: Int, attempts: Int = 1,
        retryingWhen isTransient: (ReaderError) -> Bool = { _ in false },
        isolation: isolated (any Actor)? = #isolation,
        _ writeBlock: (_ block: Int, _ bytes: [UInt8]) async throws(ReaderError) -> Void
    ) async throws(ReaderError) {
        for i in 0..<(data.count / blockSize) {
            let bytes = Array(data[(i * blockSize)..<((i + 1) * blockSize)])
            var attempt = 1
            while true {
                do throws(ReaderError) {
                    try await writeBlock(first + i, bytes)
                    break
                } catch where attempt < attempts && isTransient(error) {
                    attempt += 1
                }
            }
        }
    }
}
