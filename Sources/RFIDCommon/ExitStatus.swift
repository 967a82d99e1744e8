/// Exit statuses shared by every tool of the package, taken from BSD `sysexits.h` so that
/// shell scripts and service managers at a library can tell failures apart without parsing text.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case ok = 0
    /// The command line was wrong (EX_USAGE).
    case usage = 64
    /// Input bytes or text were malformed or could not be decoded (EX_DATAERR).
    case dataError = 65
    /// A tag problem (EX_NOINPUT): no tag in the field, several where one was needed, the tag
    /// left the field, or a block outside the tag's memory. The reader itself works: put one
    /// tag on the pad, or replace the tag.
    case tagProblem = 66
    /// The reader (or another required service) could not be reached (EX_UNAVAILABLE).
    case unavailable = 69
    /// Reading or writing a file, port or device failed (EX_IOERR).
    case ioError = 74
    /// The privacy policy refused the request (EX_NOPERM): nothing was written.
    case refused = 77
}

/// An error meant to be shown to library staff. Its `description` must say what was wrong and
/// where (line, byte offset, field) and must never contain patron data: callers print it as is.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The exit status a command-line tool ends with when this error stops it.
    var exitStatus: ExitStatus { get }
}
