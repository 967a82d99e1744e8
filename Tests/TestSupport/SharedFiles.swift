import Foundation

/// Locates files tests read, all inside the repository: a clone alone must pass its tests, so
/// public vectors used here are copied in as fixtures (`Tests/Fixtures`), never read from
/// beside the checkout.
public enum SharedFiles {
    /// The package root, found from this source file's path.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Fixtures committed with the tests.
    public static var fixtures: URL { packageRoot.appendingPathComponent("Tests/Fixtures") }

    /// The public test vectors for tags (a copy of the project's shared `vectors/tags.json`).
    public static var tagVectors: URL { fixtures.appendingPathComponent("vectors/tags.json") }

    /// Built products (executables) of the package, next to the test bundle.
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }
}
