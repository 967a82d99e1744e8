import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import ReaderCore
import Synchronization
import Tagging

/// `rfid-station desk`: barcodes scanned at the desk, each written to the one item on the pad.
struct DeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Desk mode: scan a barcode, place the item, and it is tagged, secured and verified.",
        discussion: """
            Barcodes arrive as lines on standard input (a keyboard-wedge scanner). Each is \
            written to the single item on the pad; the next barcode is taken only after the pad \
            has been cleared. The reader's LED and buzzer (where it has them) show done and \
            failed. Ctrl-D ends the session; Ctrl-C finishes the item in progress, reports it, \
            then stops. See Docs/station.md.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Option(help: "Seconds to wait for an item to be placed before skipping its barcode.") var placeTimeout = 120

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station desk") {
            let context = try await StationContext.open(site, readerOption, database: database)
            let session = PadTagging(
                encoder: TagEncoder(reader: context.reader, settings: context.settings, layout: layoutOption.layout),
                pad: PadSession(reader: context.reader))
            var tagging = session
            tagging.placeTimeout = .seconds(max(1, placeTimeout))
            let interrupt = Interrupt()
            let activity = ActivityLog(context.config)
            var tally = Tally()
            say("desk mode on \(context.reader.name): scan an item barcode (Ctrl-D to finish)")
            while let line = await StandardInput.line() {
                guard let barcode = ScannedLine.barcode(line) else { continue }
                interrupt.working = true
                var stop = false
                let outcome = await tagging.tag(barcode: barcode) { event in
                    switch event {
                    case .placeItem: say("place the item on the pad")
                    case .severalOnPad(let n): say("\(n) tags on the pad: one item at a time, please")
                    case .finished(let outcome):
                        stop = PadReport.show(outcome, barcode: barcode, context: context, tally: &tally, activity: activity)
                        say("tally: \(tally)")
                    case .removeItem: say("take the item off the pad")
                    }
                }
                if case .done(let result) = outcome { tagging.remember(result) }
                if case .padNotCleared = outcome {
                    stop = PadReport.show(outcome, barcode: barcode, context: context, tally: &tally, activity: activity)
                }
                interrupt.working = false
                if stop || interrupt.requested { break }
                say("scan the next item barcode")
            }
            await context.reader.close()
            say("session ended: \(tally)")
            if tally.failed > 0 { throw ExitCode(.tagProblem) }
        }
    }
}

/// What the desk and batch modes print and count for one item.
enum PadReport {
    /// Prints the outcome, counts it and records it; true when the session must stop.
    static func show(
        _ outcome: PadTagging.Outcome, barcode: String, context: StationContext, tally: inout Tally, activity: ActivityLog
    ) -> Bool {
        switch outcome {
        case .done(let result):
            tally.done += 1
            activity.record(.tagged)
            say("DONE: \(result.barcode) on tag \(result.uid): \(result.state)")
        case .refused(let refusal):
            tally.refused += 1
            activity.record(.refused, rule: refusal.rule.id)
            say("REFUSED: \(refusal.description)")
        case .failed(let failure):
            tally.failed += 1
            activity.record(.failed)
            say("FAILED: \(failure.description)")
            if let repair = failure.tagging?.repair {
                say("  repair: \(context.repairCommand(repair, barcode: barcode))")
            }
            return failure.exitStatus == .unavailable
        case .notPlaced:
            tally.skipped += 1
            say("SKIPPED: no single item was placed in time; nothing was written")
        case .padNotCleared:
            say("STOPPED: the pad was not cleared; the session ends so the next barcode cannot meet this item")
            return true
        }
        return false
    }
}

/// Lines of standard input, read off the cooperative pool (reading blocks).
enum StandardInput {
    static func line() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "librfid.stdin").async { continuation.resume(returning: readLine(strippingNewline: true)) }
        }
    }
}

/// Ctrl-C at the desk: while an item is being written, it is finished and reported first;
/// otherwise the session ends at once (nothing is half-written between items).
final class Interrupt {
    final class State: Sendable {
        let flags = Mutex<(working: Bool, requested: Bool)>((false, false))
    }

    private let state = State()
    private let source: any DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let state = self.state
        source.setEventHandler {
            let working = state.flags.withLock { s in
                s.requested = true
                return s.working
            }
            if working {
                Failure.printError("rfid-station: finishing the item in progress, then stopping")
            } else {
                Failure.printError("rfid-station: stopped between items; nothing was being written")
                exit(130)
            }
        }
        source.resume()
    }

    var working: Bool {
        get { state.flags.withLock { $0.working } }
        set { state.flags.withLock { $0.working = newValue } }
    }

    var requested: Bool { state.flags.withLock { $0.requested } }
}
