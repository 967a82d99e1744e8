import ArgumentParser
import Foundation
import TagPrivacy

/// Where the site's barcode policy comes from. A station must never fall back silently to the
/// built-in policy when a site configured one, so a named file that cannot be read is an error.
struct PolicyOption: ParsableArguments {
    static let siteDefaultPath = "/etc/libraryrfid/barcode-policy.json"

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "Barcode policy file (JSON).",
            discussion: "Default: $LIBRARYRFID_POLICY, else \(siteDefaultPath) when present, else the built-in policy.",
            valueName: "file"))
    var path: String?

    func load() throws -> BarcodePolicy {
        if let path { return try BarcodePolicy.load(path: path) }
        if let env = ProcessInfo.processInfo.environment["LIBRARYRFID_POLICY"], !env.isEmpty {
            return try BarcodePolicy.load(path: env)
        }
        if FileManager.default.fileExists(atPath: Self.siteDefaultPath) {
            return try BarcodePolicy.load(path: Self.siteDefaultPath)
        }
        return .default
    }
}
