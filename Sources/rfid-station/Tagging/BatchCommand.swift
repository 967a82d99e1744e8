import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import Tagging

/// `rfid-station batch FILE`: retagging from a list, item by item as they are placed.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Retag from a list: each barcode written to the item placed on the pad, resumable.",
        discussion: """
            The list has one barcode a line, or is a CSV export with --column (a number from 1, \
            or a header name). Barcodes already done are recorded in the progress file (default \
            FILE.done) as they finish, so a re-run skips them. On a terminal a progress bar shows \
            the rate and the time left; otherwise one plain line per item.
            """)

    @Argument(help: "The list of barcodes.") var file: String
    @Option(help: "The CSV column holding the barcode: a number from 1, or the header's name.") var column: String?
    @Flag(help: "The first line is a header (implied when --column names a column).") var header = false
    @Option(help: "Where finished barcodes are recorded (default: FILE.done).") var progress: String?
    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Option(help: "Seconds to wait for each item to be placed before skipping it.") var placeTimeout = 300

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station batch") {
            let chosen: BatchList.Column? = column.map { Int($0).map(BatchList.Column.number) ?? .name($0) }
            if case .number(let n)? = chosen, n < 1 { throw ValidationError("--column numbers start at 1") }
            let list = try BatchList.read(path: file, column: chosen, header: header)
            let progressFile = ProgressFile(path: progress ?? file + ".done")
            let done = progressFile.load()
            let pending = list.entries.filter { !done.contains($0.barcode) }
            let context = try await StationContext.open(site, readerOption, database: database)
            var tagging = PadTagging(
                encoder: TagEncoder(reader: context.reader, settings: context.settings, layout: layoutOption.layout),
                pad: PadSession(reader: context.reader))
            tagging.placeTimeout = .seconds(max(1, placeTimeout))
            let activity = ActivityLog(context.config)
            var tally = Tally()
            var refused: Set<String> = []
            var bar = ProgressBar(total: list.entries.count, doneBefore: list.entries.count - pending.count)
            say("\(file): \(list.entries.count) barcode(s), \(list.entries.count - pending.count) done earlier")
            for entry in pending {
                var stop = false
                let outcome = await tagging.tag(barcode: entry.barcode) { event in
                    switch event {
                    case .placeItem: bar.tell("line \(entry.line): place item \(entry.barcode) on the pad")
                    case .severalOnPad(let n): bar.tell("\(n) tags on the pad: one item at a time, please")
                    case .finished(let outcome):
                        stop = PadReport.show(outcome, barcode: entry.barcode, context: context, tally: &tally, activity: activity)
                        if case .done = outcome { progressFile.append(entry.barcode) }
                        if case .refused = outcome { refused.insert(entry.barcode) }
                        bar.advance(by: 1)
                    case .removeItem: bar.tell("take the item off the pad")
                    }
                }
                if case .done(let result) = outcome { tagging.remember(result) }
                if case .padNotCleared = outcome {
                    _ = PadReport.show(outcome, barcode: entry.barcode, context: context, tally: &tally, activity: activity)
                    stop = true
                }
                if stop { break }
            }
            await context.reader.close()
            bar.finish()
            let finished = progressFile.load()
            let remaining = list.entries.filter { !finished.contains($0.barcode) && !refused.contains($0.barcode) }.count
            say(
                "summary: \(tally); \(remaining) barcode(s) still to do"
                    + (remaining > 0 ? " (run the same command again to continue)" : "")
                    + (refused.isEmpty ? "" : "; refused lines need correcting in the list"))
            if tally.failed > 0 { throw ExitCode(.tagProblem) }
            if !refused.isEmpty { throw ExitCode(.refused) }
        }
    }
}

/// The barcodes finished so far, one a line, appended as each item is done.
struct ProgressFile {
    var path: String

    func load() -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }

    func append(_ barcode: String) {
        let line = Data((barcode + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(line)
            try? handle.synchronize()
            try? handle.close()
        } else if !FileManager.default.createFile(atPath: path, contents: line) {
            Failure.printError("rfid-station batch: warning: cannot record progress in \(path): a re-run will offer this item again")
        }
    }
}

/// Progress on a terminal: a bar with the rate and the time left, redrawn in place; elsewhere
/// (a pipe, a log) plain lines.
struct ProgressBar {
    let total: Int
    var done: Int
    let started = Date()
    let doneBefore: Int
    let terminal = isatty(STDOUT_FILENO) == 1

    init(total: Int, doneBefore: Int) {
        self.total = total
        self.done = doneBefore
        self.doneBefore = doneBefore
    }

    mutating func advance(by n: Int) {
        done += n
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done - doneBefore) / elapsed * 60 : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\(done)/\(total) items, \(String(format: "%.1f", rate)) items/min, about \(Int(left.rounded(.up))) min left"
        if terminal {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            print("\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + line, terminator: "")
            fflush(nil)
        } else {
            say(line)
        }
    }

    /// A prompt between progress updates: on a terminal it replaces the bar's line.
    func tell(_ text: String) {
        if terminal { say("\r\u{1B}[K" + text) } else { say(text) }
    }

    func finish() { if terminal { print("") } }
}
