/// Where an effective value came from, as `config check` prints it.
public enum ValueSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case environment(String)
    case `default`

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .environment(let name): "environment \(name)"
        case .default: "default"
        }
    }
}

/// One effective setting: its key path, its value as it would be written in the file, and
/// where it came from.
public struct EffectiveValue: Sendable, Equatable {
    public var keyPath: String
    public var value: String
    public var source: ValueSource

    public init(keyPath: String, value: String, source: ValueSource) {
        self.keyPath = keyPath
        self.value = value
        self.source = source
    }
}
