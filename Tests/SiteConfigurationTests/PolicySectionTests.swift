import SiteConfiguration
import TagPrivacy
import Testing

/// `[policy]` adds a site's patterns to the built-in ones, and a mistake names the key and line.
@Suite struct PolicySection {
    func parse(_ toml: String) throws(ConfigurationError) -> BarcodePolicy {
        try SiteConfiguration.parse(toml, file: "site.toml").policy
    }

    @Test func withoutAPolicySectionTheBuiltInPolicyApplies() throws {
        #expect(try parse("") == .default)
    }

    @Test func aSitePatternIsAddedToTheDefaults() throws {
        let policy = try parse(
            """
            [[policy.accept]]
            name = "local-8"
            prefix = "0"
            length = 8
            """)
        #expect(policy.refusal(for: "01234567") == nil)
        #expect(policy.refusal(for: "33191000105864") == nil)
        #expect(policy.refusal(for: "23529000035676") == .refusedPattern("patron-card"))
    }

    @Test func replaceDefaultsKeepsOnlyTheSitePatterns() throws {
        let policy = try parse(
            """
            [policy]
            replace_defaults = true
            [[policy.accept]]
            name = "alnum"
            prefix = "B"
            min_length = 6
            max_length = 10
            characters = "alphanumeric"
            """)
        #expect(policy.refusal(for: "B12X45") == nil)
        #expect(policy.refusal(for: "33191000105864") != nil)
    }

    @Test func aSiteRefusePatternNamesItsRule() throws {
        let policy = try parse(
            """
            [[policy.refuse]]
            name = "staff-card"
            prefix = "99"
            length = 10
            """)
        #expect(policy.refusal(for: "9912345678") == .refusedPattern("staff-card"))
    }

    @Test func aLuhnSitePatternDetectsBadCheckDigits() throws {
        let policy = try parse(
            """
            [[policy.accept]]
            name = "nine"
            prefix = "7"
            length = 9
            check_digit = "luhn"
            """)
        let good = "71234567" + String(Luhn.checkDigit(for: "71234567")!)
        #expect(policy.refusal(for: good) == nil)
        let bad = "71234567" + String((Luhn.checkDigit(for: "71234567")! + 1) % 10)
        #expect(policy.refusal(for: bad) == .checkDigit(pattern: "nine"))
    }

    @Test func mistakesNameTheKeyTheFileAndTheLine() {
        let cases: [(String, String, Int)] = [
            ("[policy]\nacept = []", "policy.acept", 2),
            ("[[policy.accept]]\nprefix = \"3\"\nlength = 14", "policy.accept[0]", 1),
            ("[[policy.accept]]\nname = \"x\"\nlength = 0", "policy.accept[0].length", 3),
            ("[[policy.accept]]\nname = \"x\"\nlength = 8\ncharacters = \"emoji\"", "policy.accept[0].characters", 4),
            ("[[policy.accept]]\nname = \"x\"\nlength = 8\n\ncheck_digit = \"mod97\"", "policy.accept[0].check_digit", 5),
            ("[[policy.accept]]\nname = \"x\"", "policy.accept[0]", 1),
            ("[[policy.accept]]\nname = \"x\"\nmin_length = 9\nmax_length = 8", "policy.accept[0].min_length", 3),
            ("[[policy.accept]]\nname = \"a\"\nlength = 8\n[[policy.accept]]\nname = \"b\"\nlenght = 8", "policy.accept[1].lenght", 6),
            ("[policy]\nreplace_defaults = \"yes\"", "policy.replace_defaults", 2),
        ]
        for (toml, key, line) in cases {
            do {
                _ = try parse(toml)
                Issue.record("accepted a bad policy: \(key)")
            } catch {
                #expect(error.keyPath == key, "\(toml)")
                #expect(error.line == line, "\(toml)")
                #expect(error.description.hasPrefix("site.toml:\(line): \(key): "))
                #expect(error.exitStatus == .dataError)
            }
        }
    }

    @Test func replacingTheDefaultsWithNothingIsRefused() {
        #expect(throws: ConfigurationError.self) { try parse("[policy]\nreplace_defaults = true") }
    }
}
