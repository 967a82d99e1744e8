extension ColumnMapping {
    /// The mapping as one text that is the same for equal mappings in every process (dictionary
    /// and set order is not): the ledger tells readings apart by it (`IngestOptions.reading`).
    public var canonicalDescription: String {
        func column(_ c: Column?) -> String {
            switch c {
            case nil: "-"
            case .name(let name): "name:\(name.utf8.count):\(name)"
            case .number(let number): "number:\(number)"
            }
        }
        var parts = [
            "delimiter:\(delimiter)", "header:\(hasHeader)", "source:\(source.rawValue)",
            "time=" + column(time), "action=" + column(action), "branch=" + column(branch),
            "location=" + column(location), "mediaType=" + column(mediaType), "collection=" + column(collection),
            "item=" + column(item),
        ]
        parts += actions.sorted { $0.key < $1.key }.map { "action:\($0.key.utf8.count):\($0.key)=\($0.value.rawValue)" }
        parts += ignoredActions.sorted().map { "ignored:\($0.utf8.count):\($0)" }
        return parts.joined(separator: "\n")
    }
}
