import Foundation
import RFIDCommon

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a store the report may read (gate events, station activity) exists. Only "no such
/// file" means the site has none: a file the report's account may not reach is an error, or the
/// report would publish "none recorded" for a section it simply could not read.
enum OptionalStoreFile {
    struct Unreachable: UserFacingError {
        var path: String
        var reason: String
        var exitStatus: ExitStatus { .ioError }
        var description: String {
            "\(path): \(reason): the report cannot read this store; run it as the store's account (see Docs/operations.md)"
        }
    }

    static func exists(_ path: String) throws(Unreachable) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return true }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return false }
        throw Unreachable(path: path, reason: String(cString: strerror(code)))
    }
}
