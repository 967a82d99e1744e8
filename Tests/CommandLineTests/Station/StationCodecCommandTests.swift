import Foundation
import TestSupport
import Testing

/// `rfid-station decode | verify | encode-image`, run as a library's scripts run them.
@Suite struct StationCodecCommands {
    let compliantTag = "11061E2FE1C5638800"
    let tagWithTitle =
        "9100051CBE991A140202D002140204B3C60207441CB6E2E335D600000307ACC09EBAA06F6B7F020474657374"

    @Test func encodeImagePrintsTheFullZeroFilledImage() throws {
        let result = try RunTool.run("rfid-station", ["encode-image", "33191000105864"])
        #expect(result.status == 0)
        let image = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(image.count == 112 * 2)
        #expect(image.hasPrefix(compliantTag))
        #expect(image.dropFirst(compliantTag.count).allSatisfy { $0 == "0" })
    }

    @Test func encodeImageHonoursFormatAndGeometry() throws {
        let result = try RunTool.run(
            "rfid-station", ["encode-image", "33191000105864", "--format", "iso28560-3", "--block-size", "8", "--blocks", "8"])
        #expect(result.status == 0)
        let image = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(image.count == 64 * 2)
        let decoded = try RunTool.run("rfid-station", ["decode", image, "--dsfid", "3E", "--json"])
        #expect(decoded.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(decoded.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "iso28560-3")
        #expect(json["crcValid"] as? Bool == true)
        #expect((json["privacy"] as? [String: Any])?["compliant"] as? Bool == true)
    }

    @Test func encodeImageRefusesAPatronCardWithStatus77AndNeverEchoesIt() throws {
        let patron = "23529000035676"
        let result = try RunTool.run("rfid-station", ["encode-image", patron])
        #expect(result.status == 77)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains(patron))
        #expect(!result.stderr.contains("3529000"))
    }

    @Test func encodeImageRefusesPersonalDataWithStatus77() throws {
        for value in ["jane.doe@example.org", "555-867-5309", "1985-02-14", "Jane Doe"] {
            let result = try RunTool.run("rfid-station", ["encode-image", value])
            #expect(result.status == 77, "\(value)")
            #expect(!result.stderr.contains(value))
        }
    }

    @Test func decodeJsonHasTheDocumentedKeys() throws {
        let result = try RunTool.run("rfid-station", ["decode", compliantTag, "--dsfid", "06", "--json"])
        #expect(result.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "iso28560-2")
        #expect(json["dsfid"] as? String == "06")
        #expect(json["primaryItemIdentifier"] as? String == "33191000105864")
        let elements = try #require(json["elements"] as? [[String: Any]])
        #expect(elements.count == 1)
        #expect(elements.first?["oid"] as? Int == 1)
        #expect(elements.first?["name"] as? String == "primary item identifier")
        #expect(elements.first?["compaction"] as? String == "integer")
        #expect(elements.first?["value"] as? String == "33191000105864")
        let privacy = try #require(json["privacy"] as? [String: Any])
        #expect(privacy["compliant"] as? Bool == true)
        #expect((privacy["violations"] as? [Any])?.isEmpty == true)
    }

    @Test func decodeDetectsTheFormatWithoutADsfid() throws {
        let result = try RunTool.run("rfid-station", ["decode", compliantTag, "--json"])
        #expect(result.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "iso28560-2")
    }

    @Test func verifyExits0ForTheBarcodeAlone() throws {
        let result = try RunTool.run("rfid-station", ["verify", compliantTag, "--dsfid", "06"])
        #expect(result.status == 0)
    }

    @Test func verifyExits77AndListsViolationsForATagWithATitle() throws {
        let result = try RunTool.run("rfid-station", ["verify", tagWithTitle, "--dsfid", "06"])
        #expect(result.status == 77)
        #expect(result.stdout.contains("OID 17"))
        #expect(!result.stdout.contains("test"), "the title's text must not be echoed")
    }

    @Test func verifyFlagsDataHiddenAfterTheEnd() throws {
        let result = try RunTool.run("rfid-station", ["verify", compliantTag + "0000AB", "--dsfid", "06"])
        #expect(result.status == 77)
        #expect(result.stdout.contains("11"))
    }

    @Test func malformedHexExits65NamingTheCharacter() throws {
        let result = try RunTool.run("rfid-station", ["decode", "11G6"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("character 2"))
    }

    @Test func undecodableMemoryExits65() throws {
        let result = try RunTool.run("rfid-station", ["decode", "11FF1E", "--dsfid", "06"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("byte"))
    }

    @Test func badOptionsExit64() throws {
        #expect(try RunTool.run("rfid-station", ["decode", compliantTag, "--dsfid", "6G"]).status == 64)
        #expect(try RunTool.run("rfid-station", ["encode-image", "33191000105864", "--block-size", "0"]).status == 64)
        #expect(try RunTool.run("rfid-station", ["no-such-command"]).status == 64)
    }

    @Test func aNamedSiteFileThatIsMissingIsAnErrorNotTheDefaults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing.toml").path
        let result = try RunTool.run("rfid-station", ["verify", compliantTag, "--config", missing])
        #expect(result.status == 74, "a named site file that cannot be read is an error, not a silent default")
        #expect(result.stderr.contains("missing.toml: does not exist"))
        let viaEnvironment = try RunTool.run("rfid-station", ["verify", compliantTag], environment: ["LIBRARYRFID_CONFIG": missing])
        #expect(viaEnvironment.status == 74)
    }

    @Test func theSitePolicyDecidesWhatIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("site.toml")
        try Data("[[policy.accept]]\nname = \"local-8\"\nprefix = \"0\"\nlength = 8\n".utf8).write(to: site)
        let builtIn = try RunTool.run("rfid-station", ["encode-image", "01234567"])
        #expect(builtIn.status == 77)
        #expect(!builtIn.stderr.contains("01234567"))
        let local = try RunTool.run("rfid-station", ["encode-image", "01234567", "--config", site.path])
        #expect(local.status == 0, "\(local.stderr)")
        let card = try RunTool.run("rfid-station", ["encode-image", "23529000035676", "--config", site.path])
        #expect(card.status == 77, "the built-in patron-card refusal stays when a site adds a pattern")
    }
}
