import Foundation

/// Locates files tests read: the repository's own, and the shared reference material that sits
/// beside the checkout (../shared) on developer machines and in CI.
public enum SharedFiles {
    /// The package root, found from this source file's path.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `../shared` beside the package, or `$LIBRARYRFID_SHARED` when set.
    public static var sharedDirectory: URL {
        if let env = ProcessInfo.processInfo.environment["LIBRARYRFID_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The public test vectors for tags.
    public static var tagVectors: URL { sharedDirectory.appendingPathComponent("vectors/tags.json") }

    /// Built products (executables) of the package, next to the test bundle.
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }
}
