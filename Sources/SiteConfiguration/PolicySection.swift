import TOMLKit
import TagPrivacy

/// `[policy]`: the site's barcode patterns, added to the built-in ones unless
/// `replace_defaults` is true (so a site adding a pattern cannot lose the patron-card refusal).
///
///     [policy]
///     replace_defaults = false
///     [[policy.accept]]
///     name = "local-8"
///     prefix = "0"
///     length = 8
struct PolicySection {
    let root: TOMLTable
    let context: ReadContext

    static let patternKeys = ["name", "prefix", "length", "min_length", "max_length", "characters", "check_digit"]

    func read() throws(ConfigurationError) -> BarcodePolicy {
        var table: TOMLTable?
        if let value = root["policy"] {
            guard let t = value.table else { throw context.fileError("policy", "must be a table ([policy])") }
            table = t
        }
        let s = SectionReader(table, path: "policy", context: context, environmentPrefix: "LIBRARYRFID_POLICY_")
        try s.requireKnownKeys(["replace_defaults", "accept", "refuse"])
        let replace = try s.bool("replace_defaults", default: false)
        let accept = try patterns(table?["accept"], list: "accept")
        let refuse = try patterns(table?["refuse"], list: "refuse")
        let policy =
            replace
            ? BarcodePolicy(accept: accept, refuse: refuse)
            : BarcodePolicy(accept: BarcodePolicy.default.accept + accept, refuse: BarcodePolicy.default.refuse + refuse)
        guard !policy.accept.isEmpty else {
            throw context.fileError("policy.accept", "no accepted pattern: every barcode would be refused")
        }
        return policy
    }

    private func patterns(_ value: (any TOMLValueConvertible)?, list: String) throws(ConfigurationError) -> [BarcodePattern] {
        guard let value else { return [] }
        guard let array = value.array else {
            throw context.fileError("policy.\(list)", "must be written as [[policy.\(list)]] tables")
        }
        var result: [BarcodePattern] = []
        for index in 0..<array.count {
            let path = "policy.\(list)[\(index)]"
            guard let table = array[index].table else { throw context.fileError(path, "must be a table") }
            result.append(try pattern(SectionReader(table, path: path, context: context)))
        }
        return result
    }

    private func pattern(_ p: SectionReader) throws(ConfigurationError) -> BarcodePattern {
        try p.requireKnownKeys(Self.patternKeys)
        guard let name = try p.string("name", default: nil, check: { $0.isEmpty ? "must not be empty" : nil }) else {
            throw context.fileError(p.path, "a pattern needs a name")
        }
        let prefix = try p.string("prefix", default: "")!
        let length: Int? = p.table?["length"] == nil ? nil : try p.int("length", default: 1, range: 1...64)
        let minimum: Int? = p.table?["min_length"] == nil ? length : try p.int("min_length", default: 1, range: 1...64)
        let maximum: Int? = p.table?["max_length"] == nil ? length : try p.int("max_length", default: 1, range: 1...64)
        guard let minimum, let maximum else {
            throw context.fileError(p.path, "needs length, or min_length and max_length")
        }
        guard minimum <= maximum else { throw context.fileError(p.keyPath("min_length"), "is greater than max_length") }
        guard prefix.utf8.count <= maximum else { throw context.fileError(p.keyPath("prefix"), "is longer than the barcode") }
        return BarcodePattern(
            name: name, prefix: prefix, minLength: minimum, maxLength: maximum,
            characters: try p.choice("characters", default: .digits), checkDigit: try p.choice("check_digit", default: .none))
    }
}
