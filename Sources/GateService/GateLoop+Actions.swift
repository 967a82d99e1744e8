import Foundation
import GateDetection
import GateEventStore
import ReaderCore

extension GateLoop {
    /// Performs the detector's actions in order: outputs first, then the command, the barcode
    /// read (whose answer goes back to the detector), the store, the count.
    func perform(_ actions: [GateAction], reader: any RFIDReader, detector: inout GateDetector) async {
        for action in actions {
            switch action {
            case .fireOutputs(let outputs):
                do { try await reader.setOutputs(outputs) } catch {
                    logger.warning("cannot fire the alarm outputs", metadata: ["error": "\(error.description)"])
                }
            case .runAlarmCommand(let gate, let direction):
                let logger = self.logger
                AlarmCommand(argv: configuration.alarmCommand).run(gate: gate, direction: direction) { problem in
                    logger.warning("alarm command failed", metadata: ["problem": "\(problem)"])
                }
            case .readBarcode(let uid, let ticket):
                let barcode = await BarcodeReading.read(uid, from: reader)
                let next = detector.handle(.barcodeRead(ticket, barcode: barcode))
                await perform(next, reader: reader, detector: &detector)
            case .storeAlarm(let alarm):
                store(alarm)
            case .count(_, let direction):
                metrics.alarm(direction)
            }
        }
    }

    /// Writes the alarm and says so only once it is committed. The log line names gate,
    /// direction, reason and row: never the item, even where the row holds one.
    private func store(_ alarm: GateAlarm) {
        let now = Date()
        let row = StoredAlarm(
            time: LocalDay.minute(of: now, in: configuration.timeZone), gate: alarm.gate, direction: alarm.direction,
            reason: alarm.reason, item: alarm.item)
        recent.add(RecentAlarms.Entry(time: now, gate: alarm.gate, direction: alarm.direction, reason: alarm.reason))
        do {
            let id = try store.record(row)
            logger.notice(
                "alarm stored",
                metadata: ["direction": "\(alarm.direction.rawValue)", "reason": "\(alarm.reason)", "row": "\(id)"])
        } catch {
            logger.error("alarm not stored", metadata: ["error": "\(error.description)"])
        }
    }
}
