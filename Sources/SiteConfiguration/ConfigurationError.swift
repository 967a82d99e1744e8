import RFIDCommon

/// A site file, or an environment override, that cannot be used: which file or variable, which
/// key, on which line, and why. Values are quoted only where they are configuration the staff
/// wrote (a key name, a choice), never data read from a tag or a log.
public struct ConfigurationError: UserFacingError, Equatable {
    public enum Origin: Sendable, Equatable {
        /// The site file at this path.
        case file(String)
        /// An environment variable of this name.
        case environment(String)
    }

    public var origin: Origin
    /// `station.reader`, `gate[1].debounce`; nil when the whole file is at fault.
    public var keyPath: String?
    /// The line in the file (1-based), when known.
    public var line: Int?
    public var reason: String
    public var exitStatus: ExitStatus

    public init(origin: Origin, keyPath: String?, line: Int?, reason: String, exitStatus: ExitStatus = .dataError) {
        self.origin = origin
        self.keyPath = keyPath
        self.line = line
        self.reason = reason
        self.exitStatus = exitStatus
    }

    public var description: String {
        var where_: String
        switch origin {
        case .file(let path): where_ = line.map { "\(path):\($0)" } ?? path
        case .environment(let name): where_ = "environment variable \(name)"
        }
        if let keyPath { where_ += ": \(keyPath)" }
        return "\(where_): \(reason)"
    }
}
