import Foundation
import ReaderCore
import TOMLKit

extension SiteConfiguration {
    /// Which file to read: `--config` (must exist), else `$LIBRARYRFID_CONFIG` (must exist),
    /// else `/etc/libraryrfid/site.toml` when present, else none: built-in defaults, which is
    /// what a demo or a first run on a laptop needs. A named file that is missing is an error,
    /// never a silent fall back to the defaults.
    public static func locate(explicitPath: String?, environment: [String: String]) -> (path: String, required: Bool)? {
        if let explicitPath { return (explicitPath, true) }
        if let named = environment[pathVariable], !named.isEmpty { return (named, true) }
        if FileManager.default.fileExists(atPath: defaultPath) { return (defaultPath, false) }
        return nil
    }

    /// Loads the site configuration the way every tool does (see `locate`), with environment
    /// overrides applied. `readers` (a driver table) checks reader addresses.
    public static func load(
        explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        readers: (any ReaderAddressVocabulary)? = nil
    ) throws(ConfigurationError) -> SiteConfiguration {
        guard let (path, _) = locate(explicitPath: explicitPath, environment: environment) else {
            return try parse("", file: nil, environment: environment, readers: readers)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permission?)" : "does not exist"
            throw ConfigurationError(origin: .file(path), keyPath: nil, line: nil, reason: reason, exitStatus: .ioError)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(origin: .file(path), keyPath: nil, line: nil, reason: "is not UTF-8 text")
        }
        return try parse(text, file: path, environment: environment, readers: readers)
    }

    /// Parses a site file's text. `file` names it in errors and sources; nil: no file (defaults).
    public static func parse(
        _ text: String, file: String?, environment: [String: String] = [:], readers: (any ReaderAddressVocabulary)? = nil
    ) throws(ConfigurationError) -> SiteConfiguration {
        let name = file ?? "(built-in defaults)"
        if text.utf8.contains(0) {
            throw ConfigurationError(origin: .file(name), keyPath: nil, line: nil, reason: "contains a NUL byte: not a text file")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                origin: .file(name), keyPath: nil, line: error.source.begin.line,
                reason: "not valid TOML: \(error.description) (column \(error.source.begin.column))")
        } catch {
            throw ConfigurationError(origin: .file(name), keyPath: nil, line: nil, reason: "not valid TOML")
        }
        let context = ReadContext(file: name, lines: KeyLines(text: text), environment: environment)
        return try SectionsReader(root: root, context: context, readers: readers).read(file: file)
    }
}
