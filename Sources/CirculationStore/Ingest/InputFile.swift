#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log file opened for ingest: positional reads only, so that the reader never depends on a
/// shared file offset and can resume at any committed byte.
final class InputFile {
    let path: String
    private let fd: Int32

    init(path: String) throws(IngestFileError) {
        self.path = path
        // Opening a FIFO for reading blocks until a writer appears, and a device may block or
        // never end: such a path is refused before it is opened, and opened without blocking
        // in case it was swapped meanwhile (checked again on the open descriptor).
        var before = stat()
        guard stat(path, &before) == 0 else {
            throw IngestFileError(file: path, reason: "cannot open: \(String(cString: strerror(errno)))", exitStatus: .ioError)
        }
        guard (before.st_mode & S_IFMT) == S_IFREG else {
            throw IngestFileError(file: path, reason: "not a regular file (\(Self.kind(before.st_mode)))", exitStatus: .ioError)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw IngestFileError(file: path, reason: "cannot open: \(String(cString: strerror(errno)))", exitStatus: .ioError)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw IngestFileError(file: path, reason: "cannot stat: \(reason)", exitStatus: .ioError)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw IngestFileError(file: path, reason: "not a regular file (\(Self.kind(info.st_mode)))", exitStatus: .ioError)
        }
        self.fd = fd
    }

    /// What a non-regular path is, for the refusal.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }

    deinit { close(fd) }

    /// The current size (the file may still be growing).
    func size() throws(IngestFileError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw IngestFileError(file: path, reason: "cannot stat: \(String(cString: strerror(errno)))", exitStatus: .ioError)
        }
        return Int(info.st_size)
    }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at end of file. Retries interrupted reads.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(IngestFileError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = pread(fd, base, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IngestFileError(
                file: path, reason: "read failed at byte \(offset): \(String(cString: strerror(errno)))",
                exitStatus: .ioError)
        }
    }

    /// Exactly the bytes `range` (fewer only at end of file).
    func bytes(_ range: Range<Int>) throws(IngestFileError) -> [UInt8] {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(range.count, 1), alignment: 1)
        defer { raw.deallocate() }
        var filled = 0
        while filled < range.count {
            let n = try read(
                into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<range.count]), at: range.lowerBound + filled)
            if n == 0 { break }
            filled += n
        }
        return Array(UnsafeRawBufferPointer(rebasing: raw[0..<filled]))
    }
}
