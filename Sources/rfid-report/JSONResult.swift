import Foundation

/// The one JSON document a command prints on standard output with `--json`. Keys are sorted so
/// that the output is the same for the same run, and a script can diff two nights' results.
/// Values are counts, table and file names, dates and fixed reasons: never a log line's content.
enum JSONResult {
    static func print(_ document: [String: Any]) throws {
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// `null` in a document for an absent value.
    static func optional(_ value: Any?) -> Any { value ?? NSNull() }
}
