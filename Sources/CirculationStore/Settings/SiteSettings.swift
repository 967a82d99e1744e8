import Foundation
import RFIDCommon

/// A library's choices about what the store keeps and for how long. Read from a JSON file so
/// that the policy is a document a library can show, not a value hidden in the database.
public struct SiteSettings: Sendable, Equatable {
    public enum BadChecksumChoice: String, Sendable, CaseIterable {
        case count
        case skip
    }

    /// Report cells below this count are suppressed (used by the monthly report).
    public var suppressionThreshold: Int = 5
    /// Hourly counters are kept this many months.
    public var countersRetentionMonths: Int = 24
    /// Per-item monthly counts are kept this many months.
    public var itemCountsRetentionMonths: Int = 13
    /// De-identified raw events, when kept at all, are kept this many days.
    public var rawEventsRetentionDays: Int = 30
    /// Whether de-identified per-transaction rows are kept after ingest (off by default).
    public var keepRawEvents: Bool = false
    /// What ingest does with a SIP2 line whose checksum is wrong.
    public var badChecksums: BadChecksumChoice = .count

    public init() {}

    /// The settings file beside a store: `site-settings.json` in the database's directory.
    public static func defaultPath(forDatabase databasePath: String) -> String {
        let dir = (databasePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/site-settings.json"
    }

    /// `--config` when given (must exist), else the file beside the store when present, else
    /// the defaults.
    public static func resolve(configPath: String?, databasePath: String) throws(SettingsError) -> SiteSettings {
        if let configPath { return try load(path: configPath) }
        let beside = defaultPath(forDatabase: databasePath)
        if FileManager.default.fileExists(atPath: beside) { return try load(path: beside) }
        return SiteSettings()
    }

    public static func load(path: String) throws(SettingsError) -> SiteSettings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError(file: path, field: nil, reason: "cannot read the settings file", exitStatus: .ioError)
        }
        return try parse(data, file: path)
    }

    static let knownKeys: Set<String> = [
        "suppressionThreshold", "keepRawEvents", "badChecksums", "retention",
    ]
    static let knownRetentionKeys: Set<String> = ["countersMonths", "itemCountsMonths", "rawEventsDays"]

    /// Unknown keys are errors: a misspelt retention setting must not silently keep data longer.
    public static func parse(_ data: Data, file: String) throws(SettingsError) -> SiteSettings {
        func fail(_ field: String?, _ reason: String) -> SettingsError {
            SettingsError(file: file, field: field, reason: reason, exitStatus: .dataError)
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw fail(nil, "not valid JSON")
        }
        guard let top = object as? [String: Any] else { throw fail(nil, "the top level must be a JSON object") }
        for key in top.keys.sorted() where !knownKeys.contains(key) {
            throw fail(key, "unknown setting (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        if let retention = top["retention"] {
            guard let retention = retention as? [String: Any] else { throw fail("retention", "must be a JSON object") }
            for key in retention.keys.sorted() where !knownRetentionKeys.contains(key) {
                throw fail(
                    "retention.\(key)",
                    "unknown retention setting (known: \(knownRetentionKeys.sorted().joined(separator: ", ")))")
            }
        }
        let shape: FileShape
        do { shape = try JSONDecoder().decode(FileShape.self, from: data) } catch let DecodingError.typeMismatch(_, context) {
            throw fail(fieldName(context.codingPath), "has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            throw fail(fieldName(context.codingPath), "has an invalid value")
        } catch {
            throw fail(nil, "cannot be read as site settings")
        }
        var settings = SiteSettings()
        if let v = shape.suppressionThreshold {
            settings.suppressionThreshold = try check(v, "suppressionThreshold", 1...1000, fail)
        }
        if let v = shape.keepRawEvents { settings.keepRawEvents = v }
        if let v = shape.badChecksums {
            guard let choice = BadChecksumChoice(rawValue: v) else {
                throw fail("badChecksums", "must be \"count\" or \"skip\"")
            }
            settings.badChecksums = choice
        }
        if let r = shape.retention {
            if let v = r.countersMonths {
                settings.countersRetentionMonths = try check(v, "retention.countersMonths", 1...1200, fail)
            }
            if let v = r.itemCountsMonths {
                settings.itemCountsRetentionMonths = try check(v, "retention.itemCountsMonths", 1...1200, fail)
            }
            if let v = r.rawEventsDays {
                settings.rawEventsRetentionDays = try check(v, "retention.rawEventsDays", 1...3660, fail)
            }
        }
        return settings
    }

    private struct FileShape: Decodable {
        struct Retention: Decodable {
            var countersMonths: Int?
            var itemCountsMonths: Int?
            var rawEventsDays: Int?
        }
        var suppressionThreshold: Int?
        var keepRawEvents: Bool?
        var badChecksums: String?
        var retention: Retention?
    }

    private static func fieldName(_ path: [any CodingKey]) -> String? {
        path.isEmpty ? nil : path.map(\.stringValue).joined(separator: ".")
    }

    private static func check(
        _ value: Int, _ field: String, _ range: ClosedRange<Int>, _ fail: (String?, String) -> SettingsError
    ) throws(SettingsError) -> Int {
        guard range.contains(value) else {
            throw fail(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// A settings file that is missing, unreadable or wrong: names the file and the setting.
public struct SettingsError: UserFacingError, Equatable {
    public var file: String
    public var field: String?
    public var reason: String
    public var exitStatus: ExitStatus

    public var description: String {
        if let field { return "\(file): setting \(field): \(reason)" }
        return "\(file): \(reason)"
    }
}
