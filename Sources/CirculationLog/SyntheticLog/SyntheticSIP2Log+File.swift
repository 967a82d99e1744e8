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

extension SyntheticSIP2Log {
    /// Writes the log to `path` (replacing it) through a 1 MiB buffer; returns its expectation.
    public func write(toPath path: String, append: Bool = false) throws(SyntheticLogWriteError) -> SyntheticExpectation {
        guard let file = fopen(path, append ? "ab" : "wb") else {
            throw SyntheticLogWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var failed = false
        func flush() {
            if !buffer.isEmpty && fwrite(buffer, 1, buffer.count, file) != buffer.count { failed = true }
            buffer.removeAll(keepingCapacity: true)
        }
        let expectation = generate { line in
            buffer.append(contentsOf: line)
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        if fclose(file) != 0 { failed = true }
        if failed { throw SyntheticLogWriteError(path: path, reason: "write failed") }
        return expectation
    }
}
