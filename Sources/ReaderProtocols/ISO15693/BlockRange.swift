import ReaderCore

/// The checks every driver makes on a block request before sending it, written once: ISO 15693
/// addresses blocks 0-255 of 1-32 bytes, and a write carries whole blocks.
public enum BlockRange {
    /// Throws unless blocks `first ..< first + count` of `blockSize` bytes can be addressed.
    public static func check(first: Int, count: Int, blockSize: Int, _ operation: String) throws(ReaderError) {
        guard (1...32).contains(blockSize), count >= 1 else {
            throw ReaderError(
                .invalidRequest, operation: operation,
                "blocks \(first)+\(count) of \(blockSize) bytes are outside what ISO 15693 addresses")
        }
        guard (0...255).contains(first), count <= 256 - first else {
            throw ReaderError(
                .blockOutOfRange, operation: operation,
                "blocks \(first)+\(count) of \(blockSize) bytes are outside what ISO 15693 addresses")
        }
    }

    /// The number of blocks `data` fills; throws unless it is a whole, non-zero number of them.
    public static func wholeBlocks(_ data: [UInt8], blockSize: Int, _ operation: String) throws(ReaderError) -> Int {
        guard blockSize > 0, !data.isEmpty, data.count % blockSize == 0 else {
            throw ReaderError(
                .invalidRequest, operation: operation,
                "\(data.count) bytes is not a whole number of \(blockSize)-byte blocks")
        }
        return data.count / blockSize
    }

    /// Both checks for a write: the blocks `data` fills, starting at `first`.
    public static func checkWrite(first: Int, data: [UInt8], blockSize: Int, _ operation: String) throws(ReaderError) -> Int {
        let count = try wholeBlocks(data, blockSize: blockSize, operation)
        try check(first: first, count: count, blockSize: blockSize, operation)
        return count
    }
}
