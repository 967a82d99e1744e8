import Foundation
import RFIDCommon
#if canImport(Glibc)
import Glibc
#endif

/// A JSON file of tags (`{"tags": [...]}`, one `EmulatedTag` each) that successive command runs
/// share, so `rfid-station` can write a tag in one run and read it back in the next. Every
/// change is made under an exclusive `flock` on a sidecar lock file and written to a temporary
/// file then renamed, so two runs at once never interleave and a crash never leaves half a file.
public struct MockStateFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    struct Document: Codable { var tags: [EmulatedTag] }

    /// Reads the tags (under a shared lock).
    public func load() throws(MockStateFileError) -> [EmulatedTag] {
        try requireExists()
        return try withLock(exclusive: false) { () throws(MockStateFileError) in try readUnlocked() }
    }

    /// Replaces the file's tags.
    public func save(_ tags: [EmulatedTag]) throws(MockStateFileError) {
        try withLock(exclusive: true) { () throws(MockStateFileError) in try writeUnlocked(tags) }
    }

    /// Loads, lets `body` change the tags, writes them back if `body` returned normally: one
    /// atomic read-modify-write against other processes.
    public func update<R>(_ body: (inout [EmulatedTag]) throws(MockStateFileError) -> R) throws(MockStateFileError) -> R {
        try requireExists()
        return try withLock(exclusive: true) { () throws(MockStateFileError) -> R in
            var tags = try readUnlocked()
            let before = tags
            let result = try body(&tags)
            if tags != before { try writeUnlocked(tags) }
            return result
        }
    }

    /// Checked before taking the lock, so a wrong path is reported as missing rather than as a
    /// lock file that cannot be created in a directory that does not exist.
    func requireExists() throws(MockStateFileError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .init(path: path, .missing) }
    }

    func readUnlocked() throws(MockStateFileError) -> [EmulatedTag] {
        guard FileManager.default.fileExists(atPath: path) else { throw .init(path: path, .missing) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .init(path: path, .unreadable(String(describing: error)))
        }
        do { return try JSONDecoder().decode(Document.self, from: data).tags } catch let error as DecodingError {
            throw .init(path: path, .corrupt(Self.describe(error)))
        } catch { throw .init(path: path, .corrupt("not JSON")) }
    }

    func writeUnlocked(_ tags: [EmulatedTag]) throws(MockStateFileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temp = path + ".tmp.\(getpid())"
        do {
            let data = try encoder.encode(Document(tags: tags))
            try data.write(to: URL(fileURLWithPath: temp))
        } catch { throw .init(path: path, .unwritable(String(describing: error))) }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw .init(path: path, .unwritable(reason))
        }
    }

    func withLock<R>(exclusive: Bool, _ body: () throws(MockStateFileError) -> R) throws(MockStateFileError) -> R {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .init(path: path, .unwritable("cannot create lock file: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        // Bounded wait: a run stuck holding the lock must not hang every other run.
        let deadline = ContinuousClock.now + .seconds(5)
        while flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                throw .init(path: path, .locked)
            }
            usleep(2_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Turns a decoding error into "tags[1].memory: memory must be hex ..." so staff can find it.
    static func describe(_ error: DecodingError) -> String {
        func pathText(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .replacingOccurrences(of: ".[", with: "[").trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "not valid JSON" : "\(pathText(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "\(pathText(c.codingPath + [key])): missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "\(pathText(c.codingPath)): wrong type (\(c.debugDescription))"
        @unknown default:
            return "undecodable"
        }
    }
}

public struct MockStateFileError: UserFacingError, Equatable {
    public enum Reason: Sendable, Equatable {
        case missing
        case unreadable(String)
        /// Names the offending field, e.g. "tags[1].uid: expected 16 hex digits".
        case corrupt(String)
        case unwritable(String)
        case locked
    }

    public var path: String
    public var reason: Reason

    public init(path: String, _ reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .missing, .locked: .unavailable
        case .unreadable, .unwritable: .ioError
        case .corrupt: .dataError
        }
    }

    public var description: String {
        switch reason {
        case .missing: "mock state file \(path) does not exist (create it with {\"tags\": []})"
        case .unreadable(let r): "mock state file \(path) cannot be read: \(r)"
        case .corrupt(let r): "mock state file \(path) is invalid at \(r)"
        case .unwritable(let r): "mock state file \(path) cannot be written: \(r)"
        case .locked: "mock state file \(path) is locked by another run for more than 5 s"
        }
    }
}
