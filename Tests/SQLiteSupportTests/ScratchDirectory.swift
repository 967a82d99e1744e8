import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
final class ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "libraryrfid-sqlite-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// The permission bits of `path` (nil when it does not exist).
    static func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }
}
