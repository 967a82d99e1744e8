import Foundation

/// A temporary directory with a site file for the daemon under test.
struct GateSite {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gated-\(UUID().uuidString)").path
    let port = Int.random(in: 20_000...60_000)

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    var storePath: String { directory + "/gate-events.sqlite" }

    /// Writes the site file with these `[[gate]]` tables (TOML bodies) and any further tables
    /// (`extra`, e.g. `[site]` and `[store]` for a PostgreSQL store), and returns its path.
    func write(gates: [String], extra: String = "") throws -> String {
        let file = directory + "/site.toml"
        var text = gates.map { "[[gate]]\n" + $0 }.joined(separator: "\n")
        text += """

            [gate_store]
            path = "\(storePath)"
            [metrics]
            listen = "127.0.0.1:\(port)"
            [log]
            level = "info"

            """ + extra
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
