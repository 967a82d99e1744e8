import ReaderCore

/// What the gate loop tells the detector: the answer to one `GateQuery`, or the result of a
/// barcode read the detector asked for. Each carries the time on the loop's monotonic clock.
public enum GateEvent: Sendable, Equatable {
    /// The tags that answered an AFI-filtered inventory on `antenna`.
    case inventoried(antenna: Int, tags: [TagUID], at: Duration)
    /// The answer of the EAS alarm on `antenna`.
    case easAlarm(antenna: Int, alarming: Bool, at: Duration)
    /// The barcode of an alarming item, nil when it could not be read (the UID then stands in).
    case barcodeRead(AlarmTicket, barcode: String?)
}

/// What the loop must do, in order. Outputs come first in every alarm, so nothing the gate
/// stores or reads delays the sound at the door.
public enum GateAction: Sendable, Equatable {
    /// Switch on the reader's relay, buzzer or LED outputs.
    case fireOutputs([OutputCommand])
    /// Run the configured external alarm command (it is given the gate and direction, never an item).
    case runAlarmCommand(gate: String, direction: PassDirection)
    /// Read the item's barcode: only ever asked when the gate records items.
    case readBarcode(TagUID, ticket: AlarmTicket)
    /// Write the alarm (and its hourly count) to the event store.
    case storeAlarm(GateAlarm)
    /// Count the alarm for the metrics, by gate and direction.
    case count(gate: String, direction: PassDirection)
}
