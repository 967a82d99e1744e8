import CirculationStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `rfid-report ingest -`: a log piped in. Ingest reads files by position (to resume after the
/// counted part, and to recognise content already counted), so the pipe is first copied into
/// a private file beside the store: the store's directory is the service account's alone
/// (0700), and the copy is 0600 and removed after its ingest, so a log holding patron fields
/// never lands in a shared temporary directory. Being recognised by content, the same log
/// piped in twice still counts once.
struct StandardInputLog {
    /// How the copy is named in messages and in the summary.
    static let displayName = "(standard input)"

    let path: String

    /// Refuses a terminal: ingest would wait for a log someone has to type.
    static func checkNotTerminal() throws(CommandLineError) {
        if isatty(STDIN_FILENO) == 1 {
            throw CommandLineError(
                description:
                    "ingest -: standard input is a terminal; pipe a log into it (zcat sc.log.gz | rfid-report ingest -) or name the file"
            )
        }
    }

    /// Copies standard input, to its end, into a new 0600 file in `directory`.
    static func capture(into directory: String) throws(IngestFileError) -> StandardInputLog {
        let path = (directory as NSString).appendingPathComponent(".ingest-stdin-\(getpid())-\(UUID().uuidString).log")
        func failure(_ what: String) -> IngestFileError {
            IngestFileError(
                file: displayName, reason: "\(what): \(String(cString: strerror(errno)))", exitStatus: .ioError)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create a private copy beside the store") }
        defer { close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(STDIN_FILENO, buffer, size)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure("cannot read")
                unlink(path)
                throw error
            }
            var written = 0
            while written < n {
                let w = write(fd, buffer + written, n - written)
                if w < 0 {
                    if errno == EINTR { continue }
                    let error = failure("cannot write the private copy")
                    unlink(path)
                    throw error
                }
                written += w
            }
        }
        return StandardInputLog(path: path)
    }

    func remove() { unlink(path) }
}
