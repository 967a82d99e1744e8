import Foundation
import TestSupport
import Testing

/// The scheduled runs' systemd units (Hardware/systemd/rfid-report-*) are what `systemd-analyze
/// verify` accepts: no unknown key, no bad value, every timer with its service.
@Suite("rfid-report systemd units")
struct SystemdUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"
    static let units = [
        "rfid-report-ingest.service", "rfid-report-ingest.timer", "rfid-report-purge.service", "rfid-report-purge.timer",
        "rfid-report-monthly.service", "rfid-report-monthly.timer",
    ]

    @Test(
        "systemd-analyze verify finds nothing to say about any unit",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: analyze),
            "systemd-analyze is not installed (Debian package systemd), so the units cannot be verified here"))
    func verify() throws {
        // The tools are not installed at /usr/local/bin on a build machine, and verify reports a
        // missing ExecStart binary: copies of the units name /bin/true instead, nothing else changes.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = SharedFiles.packageRoot.appendingPathComponent("Hardware/systemd")
        for unit in Self.units {
            let text = try String(contentsOf: source.appendingPathComponent(unit), encoding: .utf8)
            #expect(text.contains("/usr/local/bin/rfid-report") || unit.hasSuffix(".timer"))
            try text.replacingOccurrences(of: "/usr/local/bin/rfid-report", with: "/bin/true")
                .write(to: dir.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        for unit in Self.units {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.analyze)
            process.arguments = ["verify", "--man=no", dir.appendingPathComponent(unit).path]
            process.currentDirectoryURL = dir
            let err = Pipe()
            process.standardError = err
            process.standardOutput = err
            try process.run()
            let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(unit): \(output)")
            #expect(output.isEmpty, "\(unit): \(output)")
        }
    }

    @Test("every service is sandboxed like the gate daemon, as its own account, with the store in its state directory")
    func hardened() throws {
        let source = SharedFiles.packageRoot.appendingPathComponent("Hardware/systemd")
        for unit in Self.units where unit.hasSuffix(".service") {
            let text = try String(contentsOf: source.appendingPathComponent(unit), encoding: .utf8)
            for line in [
                "User=libraryrfid-report", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "PrivateNetwork=yes", "CapabilityBoundingSet=", "UMask=0077",
                "StateDirectory=libraryrfid-report libraryrfid-report/reports", "StateDirectoryMode=0700",
                "--database /var/lib/libraryrfid-report/circulation.sqlite", "--config /etc/libraryrfid/site.toml",
            ] {
                #expect(text.contains(line), "\(unit) lacks \(line)")
            }
        }
    }
}
