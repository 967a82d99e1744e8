#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A generator that cannot write its file: names the file and the system's reason.
public struct SyntheticLogWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Output in 1 MiB writes, so that generating millions of lines is not a system call per line.
/// Both generators write through it.
final class BufferedFileWriter {
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var failed = false

    init(path: String, append: Bool = false) throws(SyntheticLogWriteError) {
        guard let file = fopen(path, append ? "ab" : "wb") else {
            throw SyntheticLogWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if !buffer.isEmpty && fwrite(buffer, 1, buffer.count, file) != buffer.count { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file; throws when any write failed.
    func close() throws(SyntheticLogWriteError) {
        flush()
        if fclose(file) != 0 { failed = true }
        if failed { throw SyntheticLogWriteError(path: path, reason: "write failed") }
    }
}
