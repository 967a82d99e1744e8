import TOMLKit

/// What reading one site file needs throughout: the file's name, where its keys are, the
/// environment, and the effective values collected so far (for `config check`).
final class ReadContext {
    let file: String
    let lines: KeyLines
    let environment: [String: String]
    var effective: [EffectiveValue] = []

    init(file: String, lines: KeyLines, environment: [String: String]) {
        self.file = file
        self.lines = lines
        self.environment = environment
    }

    func fileError(_ keyPath: String?, _ reason: String) -> ConfigurationError {
        ConfigurationError(
            origin: .file(file), keyPath: keyPath, line: keyPath.flatMap { lines.line(of: $0) }, reason: reason)
    }
}

/// Reads one table of the site file strictly: every key must be known, every value of the
/// expected type and range. Scalars of single tables can be overridden from the environment
/// (`LIBRARYRFID_STORE_DATABASE` for `store.database`): what a systemd unit's `Environment=`
/// or a test sets without writing a file. That is a dozen lines here rather than
/// apple/swift-configuration, whose providers would still need this module's key-by-key
/// validation and line numbers on top.
struct SectionReader {
    let table: TOMLTable?
    /// `station`, `gate[0]`, `policy.accept[1]`.
    let path: String
    let context: ReadContext
    /// `LIBRARYRFID_STATION_` for `[station]`; nil where overrides do not apply (arrays of tables).
    let environmentPrefix: String?

    init(_ table: TOMLTable?, path: String, context: ReadContext, environmentPrefix: String? = nil) {
        self.table = table
        self.path = path
        self.context = context
        self.environmentPrefix = environmentPrefix
    }

    func keyPath(_ key: String) -> String { "\(path).\(key)" }

    /// Unknown keys are errors: a misspelt retention setting must not silently keep data longer,
    /// nor a misspelt reader address leave a station on another reader.
    func requireKnownKeys(_ known: [String]) throws(ConfigurationError) {
        guard let table else { return }
        for key in table.keys.sorted() where !known.contains(key) {
            throw context.fileError(keyPath(key), "unknown key (known in [\(path)]: \(known.joined(separator: ", ")))")
        }
    }

    /// The one place a value is looked up: environment, then file, then default.
    func read<T>(
        _ key: String, default fallback: T?, expected: String,
        fromTOML: (any TOMLValueConvertible) -> T?, fromText: ((String) -> T?)?,
        show: (T) -> String, check: (T) -> String? = { _ in nil }
    ) throws(ConfigurationError) -> T? {
        let fullPath = keyPath(key)
        if let prefix = environmentPrefix, let fromText {
            let name = prefix + key.uppercased()
            if let text = context.environment[name] {
                guard let value = fromText(text) else {
                    throw ConfigurationError(origin: .environment(name), keyPath: fullPath, line: nil, reason: "must be \(expected)")
                }
                if let problem = check(value) {
                    throw ConfigurationError(origin: .environment(name), keyPath: fullPath, line: nil, reason: problem)
                }
                context.effective.append(EffectiveValue(keyPath: fullPath, value: show(value), source: .environment(name)))
                return value
            }
        }
        if let raw = table?[key] {
            guard let value = fromTOML(raw) else {
                throw context.fileError(fullPath, "must be \(expected), not \(Self.typeName(raw.type))")
            }
            if let problem = check(value) { throw context.fileError(fullPath, problem) }
            context.effective.append(EffectiveValue(keyPath: fullPath, value: show(value), source: .file(context.file)))
            return value
        }
        context.effective.append(
            EffectiveValue(keyPath: fullPath, value: fallback.map(show) ?? "(not set)", source: .default))
        return fallback
    }

    static func typeName(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "a list"
        case .string: "a string"
        case .int: "a whole number"
        case .double: "a decimal number"
        case .bool: "true or false"
        case .date, .time, .dateTime: "a date or time"
        }
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

// Typed lookups over `read`.
extension SectionReader {
    func string(_ key: String, default fallback: String?, check: (String) -> String? = { _ in nil }) throws(ConfigurationError)
        -> String?
    {
        try string(key, default: fallback, shownAs: Self.quoted, check: check)
    }

    /// A string `config check` shows through `shownAs` (a URL with its password hidden).
    func string(
        _ key: String, default fallback: String?, shownAs show: (String) -> String, check: (String) -> String?
    ) throws(ConfigurationError) -> String? {
        try read(key, default: fallback, expected: "a string", fromTOML: { $0.string }, fromText: { $0 }, show: show, check: check)
    }

    func bool(_ key: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
        try read(
            key, default: fallback, expected: "true or false", fromTOML: { $0.bool },
            fromText: { $0 == "true" ? true : $0 == "false" ? false : nil }, show: { "\($0)" }) ?? fallback
    }

    func int(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        try read(
            key, default: fallback, expected: "a whole number", fromTOML: { $0.int }, fromText: { Int($0) },
            show: { "\($0)" },
            check: { range.contains($0) ? nil : "must be a whole number from \(range.lowerBound) to \(range.upperBound)" })
            ?? fallback
    }

    /// A string with a fixed set of values (`detect = "afi"`), returned as its enum case.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, default fallback: E) throws(ConfigurationError) -> E
    where E.RawValue == String {
        let names = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        return try read(
            key, default: fallback, expected: "one of \(names)",
            fromTOML: { $0.string.flatMap(E.init(rawValue:)) }, fromText: { E(rawValue: $0) },
            show: { Self.quoted($0.rawValue) }) ?? fallback
    }

    /// One byte written as two hex digits (`afi_in_stock = "07"`), as AFIs appear in reader manuals.
    func hexByte(_ key: String, default fallback: UInt8) throws(ConfigurationError) -> UInt8 {
        try read(
            key, default: fallback, expected: "one byte as two hex digits, e.g. \"07\"",
            fromTOML: { $0.string.flatMap(Self.parseHexByte) }, fromText: Self.parseHexByte,
            show: { Self.quoted(Self.hex($0)) }) ?? fallback
    }

    func duration(_ key: String, default fallback: Duration, range: ClosedRange<Duration>) throws(ConfigurationError)
        -> Duration
    {
        try read(
            key, default: fallback, expected: "a duration such as \"3s\", \"500ms\" or \"2m\"",
            fromTOML: { $0.string.flatMap(DurationText.parse) }, fromText: DurationText.parse,
            show: { Self.quoted(DurationText.format($0)) },
            check: {
                range.contains($0)
                    ? nil : "must be from \(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound))"
            }) ?? fallback
    }

    func stringList(_ key: String, default fallback: [String], check: ([String]) -> String? = { _ in nil })
        throws(ConfigurationError) -> [String]
    {
        try list(key, default: fallback, expected: "a list of strings", element: { $0.string }, show: Self.quoted, check: check)
    }

    func intList(_ key: String, default fallback: [Int], check: ([Int]) -> String? = { _ in nil }) throws(ConfigurationError)
        -> [Int]
    {
        try list(key, default: fallback, expected: "a list of whole numbers", element: { $0.int }, show: String.init, check: check)
    }

    /// A list whose every element converts; lists have no environment override.
    private func list<T>(
        _ key: String, default fallback: [T], expected: String, element: @escaping (any TOMLValueConvertible) -> T?,
        show: @escaping (T) -> String, check: ([T]) -> String?
    ) throws(ConfigurationError) -> [T] {
        try read(
            key, default: fallback, expected: expected,
            fromTOML: { value in
                guard let array = value.array else { return nil }
                var result: [T] = []
                for item in array {
                    guard let converted = element(item) else { return nil }
                    result.append(converted)
                }
                return result
            }, fromText: nil, show: { "[" + $0.map(show).joined(separator: ", ") + "]" }, check: check) ?? fallback
    }

    static func parseHexByte(_ text: String) -> UInt8? {
        guard text.utf8.count == 2 else { return nil }
        return UInt8(text, radix: 16)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
