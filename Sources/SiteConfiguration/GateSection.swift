import ReaderCore

/// One `[[gate]]` table. Gate tables have no environment overrides: which variable would name
/// which gate is a guess staff should not have to make.
struct GateSection {
    let reader: SectionReader
    let readers: (any ReaderAddressVocabulary)?

    init(_ reader: SectionReader, readers: (any ReaderAddressVocabulary)?) {
        self.reader = reader
        self.readers = readers
    }

    static let keys = ["id", "reader", "detect", "antennas", "debounce", "outputs", "alarm_command", "record_items"]

    func read() throws(ConfigurationError) -> SiteConfiguration.Gate {
        try reader.requireKnownKeys(Self.keys)
        guard let id = try reader.string("id", default: nil, check: Identifiers.problem) else {
            throw reader.context.fileError(reader.path, "a gate needs an id")
        }
        guard let address = try reader.string("reader", default: nil, check: { Identifiers.readerProblem($0, readers) }) else {
            throw reader.context.fileError(reader.path, "gate \(id) needs a reader address")
        }
        var gate = SiteConfiguration.Gate(id: id, reader: address)
        gate.detect = try reader.choice("detect", default: gate.detect)
        gate.antennas = try reader.intList("antennas", default: gate.antennas) { list in
            if list.isEmpty || list.count > 8 { return "must list 1 to 8 antennas, outside first" }
            if list.contains(where: { !(1...8).contains($0) }) { return "antenna numbers run from 1 to 8" }
            if Set(list).count != list.count { return "lists an antenna twice" }
            return nil
        }
        gate.debounce = try reader.duration("debounce", default: gate.debounce, range: .milliseconds(100) ... .seconds(3600))
        let outputs = try reader.stringList("outputs", default: []) { list in
            list.lazy.compactMap { OutputText.parse($0) == nil ? "\"\($0)\" is not an output: use relayN, ledN or buzzer, with an optional :duration (\"relay1:2s\")" : nil }.first
        }
        gate.outputs = outputs.compactMap(OutputText.parse)
        gate.alarmCommand = try reader.stringList("alarm_command", default: []) { list in
            guard let program = list.first else { return nil }
            return program.hasPrefix("/") ? nil : "must start with the program's absolute path"
        }
        gate.recordItems = try reader.bool("record_items", default: gate.recordItems)
        return gate
    }
}

/// `relay1:2s`, `led2:500ms`, `buzzer` (2 s when no duration is given).
enum OutputText {
    static func parse(_ text: String) -> OutputCommand? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return nil }
        var duration = Duration.seconds(2)
        if parts.count == 2 {
            guard let d = DurationText.parse(parts[1]), d > .zero, d <= .seconds(60) else { return nil }
            duration = d
        }
        let output: OutputCommand.Output
        if name == "buzzer" {
            output = .buzzer
        } else if name.hasPrefix("relay"), let n = Int(name.dropFirst(5)), (1...8).contains(n) {
            output = .relay(n)
        } else if name.hasPrefix("led"), let n = Int(name.dropFirst(3)), (1...8).contains(n) {
            output = .led(n)
        } else {
            return nil
        }
        return OutputCommand(output, on: true, duration: duration)
    }
}
