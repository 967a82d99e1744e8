import Foundation
import RFIDCommon

/// A site's barcode policy file. JSON, because every library system can produce it and staff
/// can read it; parsed by hand so that a mistake names the exact key, not a decoder's path.
///
///     {
///       "replaceDefaults": false,
///       "accept": [{"name": "local-8", "prefix": "0", "length": 8, "characters": "digits", "checkDigit": "none"}],
///       "refuse": [{"name": "staff-card", "prefix": "99", "minLength": 10, "maxLength": 12}]
///     }
///
/// Site patterns are added to the built-in ones unless `replaceDefaults` is true; the built-in
/// patron-card refusal stays unless replaced, so a site cannot lose it by adding a pattern.
extension BarcodePolicy {
    public struct FileError: UserFacingError, Equatable {
        public var path: String
        public var field: String?
        public var reason: String
        public var unreadable: Bool

        public var exitStatus: ExitStatus { unreadable ? .ioError : .dataError }
        public var description: String {
            "barcode policy \(path)" + (field.map { ", field \($0)" } ?? "") + ": \(reason)"
        }
    }

    public static func load(path: String) throws(FileError) -> BarcodePolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, field: nil, reason: "cannot be read (missing or no permission)", unreadable: true)
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String = "(policy)") throws(FileError) -> BarcodePolicy {
        func fail(_ field: String?, _ reason: String) -> FileError {
            FileError(path: path, field: field, reason: reason, unreadable: false)
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw fail(nil, "is not valid JSON")
        }
        guard let root = object as? [String: Any] else { throw fail(nil, "must be a JSON object") }
        for key in root.keys where !["replaceDefaults", "accept", "refuse", "comment"].contains(key) {
            throw fail(key, "unknown key (expected replaceDefaults, accept, refuse)")
        }
        var replace = false
        if let value = root["replaceDefaults"] {
            guard let flag = value as? Bool else { throw fail("replaceDefaults", "must be true or false") }
            replace = flag
        }
        let accept = try patterns(root["accept"], list: "accept", fail: fail)
        let refuse = try patterns(root["refuse"], list: "refuse", fail: fail)
        let policy = replace
            ? BarcodePolicy(accept: accept, refuse: refuse)
            : BarcodePolicy(accept: Self.default.accept + accept, refuse: Self.default.refuse + refuse)
        guard !policy.accept.isEmpty else { throw fail("accept", "no accepted pattern: every barcode would be refused") }
        return policy
    }

    private static func patterns(
        _ value: Any?, list: String, fail: (String?, String) -> FileError
    ) throws(FileError) -> [BarcodePattern] {
        guard let value else { return [] }
        guard let items = value as? [Any] else { throw fail(list, "must be a list of patterns") }
        var result: [BarcodePattern] = []
        for (index, item) in items.enumerated() {
            let at = "\(list)[\(index)]"
            guard let p = item as? [String: Any] else { throw fail(at, "must be an object") }
            let known = ["name", "prefix", "length", "minLength", "maxLength", "characters", "checkDigit"]
            for key in p.keys where !known.contains(key) { throw fail("\(at).\(key)", "unknown key") }
            guard let name = p["name"] as? String, !name.isEmpty else { throw fail("\(at).name", "required, a non-empty string") }
            let prefix = p["prefix"] as? String ?? ""
            if p["prefix"] != nil, p["prefix"] as? String == nil { throw fail("\(at).prefix", "must be a string") }
            func int(_ key: String) throws(FileError) -> Int? {
                guard let v = p[key] else { return nil }
                guard let n = v as? Int, n >= 1, n <= 64 else { throw fail("\(at).\(key)", "must be a whole number from 1 to 64") }
                return n
            }
            let length = try int("length")
            guard let minLength = try int("minLength") ?? length, let maxLength = try int("maxLength") ?? length else {
                throw fail(at, "needs length, or minLength and maxLength")
            }
            guard minLength <= maxLength else { throw fail("\(at).minLength", "is greater than maxLength") }
            guard prefix.utf8.count <= maxLength else { throw fail("\(at).prefix", "is longer than the barcode") }
            var characters = BarcodePattern.Characters.digits
            if let v = p["characters"] {
                guard let s = v as? String, let c = BarcodePattern.Characters(rawValue: s) else {
                    throw fail("\(at).characters", "must be one of: digits, alphanumeric")
                }
                characters = c
            }
            var check = BarcodePattern.CheckDigit.none
            if let v = p["checkDigit"] {
                guard let s = v as? String, let c = BarcodePattern.CheckDigit(rawValue: s) else {
                    throw fail("\(at).checkDigit", "must be one of: none, luhn")
                }
                check = c
            }
            result.append(
                BarcodePattern(
                    name: name, prefix: prefix, minLength: minLength, maxLength: maxLength, characters: characters,
                    checkDigit: check))
        }
        return result
    }
}
