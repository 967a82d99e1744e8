import Foundation
import RFIDCommon
import TestSupport

/// The public tag vectors (a copy in Tests/Fixtures/vectors/tags.json), loaded once per test.
struct SharedVectors {
    let root: [String: Any]

    init() throws {
        let data = try Data(contentsOf: SharedFiles.tagVectors)
        root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func list(_ key: String) -> [[String: Any]] { root[key] as? [[String: Any]] ?? [] }

    static func bytes(_ entry: [String: Any], _ key: String = "hex") throws -> [UInt8] {
        try Hex.decode(entry[key] as? String ?? "")
    }
}
