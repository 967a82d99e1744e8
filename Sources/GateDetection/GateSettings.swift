import ReaderCore

/// What one gate's detection needs to know, as plain values: the daemon builds it from a
/// `[[gate]]` table, tests build it directly. The detector never sees a reader address or a
/// file, so it can be run a million times a second without I/O.
public struct GateSettings: Sendable, Equatable {
    /// How a gate tells an item that must not leave from one that may.
    public enum Detection: Sendable, Equatable {
        /// Inventory filtered on the in-stock AFI: items on loan carry another AFI and never
        /// answer, so the gate never learns they passed.
        case afi(inStock: UInt8)
        /// The NXP EAS alarm: its answer carries no UID, so the gate learns only that some
        /// secured item is in the field.
        case eas
    }

    /// The gate's code (`[[gate]] id`), in alarms and counts.
    public var gate: String
    /// The reader's name, part of the debounce key so two readers of one gate never silence
    /// each other.
    public var reader: String
    public var detection: Detection
    /// Antenna numbers, outside first. Two antennas form one passage and give a direction.
    public var antennas: [Int]
    /// One alarm per item (per antenna lane) per window.
    public var debounce: Duration
    /// Reader outputs fired on each alarm.
    public var outputs: [OutputCommand]
    /// Whether an external alarm command is configured.
    public var runsAlarmCommand: Bool
    /// Whether an alarm row may hold the item's barcode (never in EAS mode: there is no UID).
    public var recordItems: Bool

    public init(
        gate: String, reader: String, detection: Detection, antennas: [Int] = [1], debounce: Duration = .seconds(3),
        outputs: [OutputCommand] = [], runsAlarmCommand: Bool = false, recordItems: Bool = false
    ) {
        self.gate = gate
        self.reader = reader
        self.detection = detection
        self.antennas = antennas.isEmpty ? [1] : antennas
        self.debounce = debounce
        self.outputs = outputs
        self.runsAlarmCommand = runsAlarmCommand
        self.recordItems = recordItems
    }

    /// Two antennas are one passage, outside first: which one sees an item first is its direction.
    var formsPassage: Bool { antennas.count == 2 }
}
