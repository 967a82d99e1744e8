extension SyntheticSIP2Log {
    /// Writes the log to `path` (replacing it, or after its end); returns its expectation.
    public func write(toPath path: String, append: Bool = false) throws(SyntheticLogWriteError) -> SyntheticExpectation {
        let file = try BufferedFileWriter(path: path, append: append)
        let expectation = generate { line in file.append(line) }
        try file.close()
        return expectation
    }
}
