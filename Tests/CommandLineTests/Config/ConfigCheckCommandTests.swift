import Foundation
import TestSupport
import Testing

/// `config check` in every tool, and what the tools do with the site file.
@Suite struct ConfigCheckCommand {
    static var example: String { SharedFiles.packageRoot.appendingPathComponent("Docs/site.toml.example").path }

    func siteFile(_ text: String) throws -> (path: String, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("site.toml")
        try Data(text.utf8).write(to: file)
        return (file.path, { try? FileManager.default.removeItem(at: dir) })
    }

    @Test(arguments: ["rfid-station", "rfid-report", "rfid-gated"])
    func theExampleIsValidAndEveryValueShowsItsSource(tool: String) throws {
        let result = try RunTool.run(tool, ["config", "check", Self.example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(Self.example): valid\n"))
        #expect(result.stdout.contains(#"tags.afi_in_stock = "07""#))
        #expect(result.stdout.contains("# file \(Self.example)"))
        #expect(result.stdout.contains("station.reader = (not set)"))
        #expect(result.stdout.contains("# default"))
    }

    @Test func aMisspeltKeyExits65NamingKeyAndLine() throws {
        let (path, cleanup) = try siteFile("[site]\nname = \"Town\"\n\n[station]\nraeder = \"emulated:\"\n")
        defer { cleanup() }
        let result = try RunTool.run("rfid-station", ["config", "check", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):5: station.raeder: unknown key"), "\(result.stderr)")
        // Every other command refuses the file the same way.
        let decode = try RunTool.run("rfid-station", ["verify", "11061E2FE1C5638800", "--dsfid", "06", "--config", path])
        #expect(decode.status == 65)
    }

    @Test func theEnvironmentShowsAsTheSource() throws {
        let result = try RunTool.run(
            "rfid-report", ["config", "check", Self.example, "--json"], environment: ["LIBRARYRFID_STORE_SUPPRESSION_THRESHOLD": "9"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let values = try #require(document["values"] as? [[String: String]])
        let threshold = try #require(values.first { $0["key"] == "store.suppression_threshold" })
        #expect(threshold["value"] == "9")
        #expect(threshold["source"] == "environment LIBRARYRFID_STORE_SUPPRESSION_THRESHOLD")
    }

    @Test func withoutAConfiguredReaderAReaderCommandSaysHowToConfigureOne() throws {
        let (path, cleanup) = try siteFile("[station]\nid = \"desk-1\"\n")
        defer { cleanup() }
        for command in ["inventory", "dump"] {
            let result = try RunTool.run("rfid-station", [command, "--config", path])
            #expect(result.status == 64, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("no reader is configured"))
            #expect(result.stderr.contains("--reader"))
            #expect(result.stderr.contains("[station] in \(path)"))
            #expect(!result.stdout.contains("tag(s)"), "no demo tags behind the staff's back")
        }
    }

    @Test func theConfiguredReaderIsUsedAndTheOptionWins() throws {
        let (path, cleanup) = try siteFile("[station]\nreader = \"emulated:\"\n")
        defer { cleanup() }
        let configured = try RunTool.run("rfid-station", ["inventory", "--config", path])
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stdout.contains("tag(s)"))
        let overridden = try RunTool.run("rfid-station", ["inventory", "--config", path, "--reader", "bogus:x"])
        #expect(overridden.status == 64)
        let fromEnvironment = try RunTool.run(
            "rfid-station", ["inventory"], environment: ["LIBRARYRFID_STATION_READER": "emulated:"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
    }

    @Test func aLogLevelIsAnEnumOption() throws {
        let bad = try RunTool.run("rfid-station", ["verify", "11061E2FE1C5638800", "--dsfid", "06", "--log-level", "loud"])
        #expect(bad.status == 64)
        let good = try RunTool.run("rfid-station", ["verify", "11061E2FE1C5638800", "--dsfid", "06", "--log-level", "debug"])
        #expect(good.status == 0, "\(good.stderr)")
    }
}
