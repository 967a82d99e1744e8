import Foundation
import TagPrivacy
import Testing

/// A site's policy file adds patterns to the built-in ones, and a mistake names the key.
@Suite struct PolicyFile {
    func parse(_ json: String) throws(BarcodePolicy.FileError) -> BarcodePolicy {
        try BarcodePolicy.parse(Data(json.utf8), path: "site.json")
    }

    @Test func aSitePatternIsAddedToTheDefaults() throws {
        let policy = try parse(#"{"accept": [{"name": "local-8", "prefix": "0", "length": 8}]}"#)
        #expect(policy.refusal(for: "01234567") == nil)
        #expect(policy.refusal(for: "33191000105864") == nil)
        #expect(policy.refusal(for: "23529000035676") == .refusedPattern("patron-card"))
    }

    @Test func replaceDefaultsKeepsOnlyTheSitePatterns() throws {
        let policy = try parse(
            #"{"replaceDefaults": true, "accept": [{"name": "alnum", "prefix": "B", "minLength": 6, "maxLength": 10, "characters": "alphanumeric"}]}"#
        )
        #expect(policy.refusal(for: "B12X45") == nil)
        #expect(policy.refusal(for: "33191000105864") != nil)
    }

    @Test func aSiteRefusePatternNamesItsRule() throws {
        let policy = try parse(#"{"refuse": [{"name": "staff-card", "prefix": "99", "length": 10}]}"#)
        #expect(policy.refusal(for: "9912345678") == .refusedPattern("staff-card"))
    }

    @Test func aLuhnSitePatternDetectsBadCheckDigits() throws {
        let policy = try parse(#"{"accept": [{"name": "nine", "prefix": "7", "length": 9, "checkDigit": "luhn"}]}"#)
        let good = "71234567" + String(Luhn.checkDigit(for: "71234567")!)
        #expect(policy.refusal(for: good) == nil)
        let bad = "71234567" + String((Luhn.checkDigit(for: "71234567")! + 1) % 10)
        #expect(policy.refusal(for: bad) == .checkDigit(pattern: "nine"))
    }

    @Test func mistakesNameTheFieldAndTheFile() {
        let cases: [(String, String)] = [
            (#"{"acept": []}"#, "acept"),
            (#"{"accept": [{"prefix": "3", "length": 14}]}"#, "accept[0].name"),
            (#"{"accept": [{"name": "x", "length": 0}]}"#, "accept[0].length"),
            (#"{"accept": [{"name": "x", "length": 8, "characters": "emoji"}]}"#, "accept[0].characters"),
            (#"{"accept": [{"name": "x", "length": 8, "checkDigit": "mod97"}]}"#, "accept[0].checkDigit"),
            (#"{"accept": [{"name": "x"}]}"#, "accept[0]"),
            (#"{"accept": [{"name": "x", "minLength": 9, "maxLength": 8}]}"#, "accept[0].minLength"),
        ]
        for (json, field) in cases {
            do {
                _ = try parse(json)
                Issue.record("accepted a bad policy: \(field)")
            } catch {
                #expect(error.field == field)
                #expect(error.description.contains("site.json"))
                #expect(error.exitStatus == .dataError)
            }
        }
    }

    @Test func notJSONAndMissingFilesAreClearErrors() throws {
        #expect(throws: BarcodePolicy.FileError.self) { try parse("accept = 1") }
        do {
            _ = try BarcodePolicy.load(path: "/nonexistent/policy.json")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.exitStatus == .ioError)
            #expect(error.description.contains("/nonexistent/policy.json"))
        }
    }
}
