import ArgumentParser
import CirculationLog
import CirculationStore
import CommandSupport
import CirculationStoreSQLite
import Foundation
import RFIDCommon

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count the transactions in SIP2 logs or library-system exports.",
        discussion: """
            Only counters reach the store; patron fields are dropped while a line is parsed. A file \
            (or a grown file) already ingested is counted from where the last run stopped, so \
            re-running is always safe. Malformed lines are reported as file:line and skipped. On a \
            terminal a progress bar shows how far each file has got; in a pipeline or under systemd \
            only the summary lines are printed. Exit status 0, 65 when lines were malformed, 74 I/O.
            """)

    @Argument(help: "Log or export files; - reads one from standard input (a pipe).") var files: [String]
    @OptionGroup var store: StoreOptions
    @Option(help: "sip2, csv (needs --mapping) or koha (Koha's statistics table export).") var format = LogFormat.sip2
    @Option(help: "Column mapping file (JSON) for --format csv.") var mapping: String?
    @Option(help: "Who wrote a SIP2 log.") var source = SIP2Source.selfCheck

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case sip2, csv, koha
    }

    enum SIP2Source: String, ExpressibleByArgument, CaseIterable {
        case selfCheck = "self-check"
        case staffStation = "staff-station"
        var transactionSource: TransactionSource { self == .selfCheck ? .selfCheck : .staffStation }
    }
    @Flag(help: "Print one JSON document (per file: lines, counted, malformed, withheld, warnings) instead of the summary lines.")
    var json = false
    @Option(help: .hidden) var batchLines = IngestOptions.defaultBatchLines
    /// 1 parses on the counting thread (the ingest before issue 14), for comparisons.
    @Option(help: .hidden) var parseThreads = 2

    func validate() throws {
        if format == .csv && mapping == nil { throw ValidationError("--format csv needs --mapping FILE") }
        if format != .csv && mapping != nil { throw ValidationError("--mapping applies to --format csv only") }
        guard batchLines > 0 else { throw ValidationError("--batch-lines must be positive") }
        guard parseThreads > 0 else { throw ValidationError("--parse-threads must be positive") }
    }

    func inputFormat() throws -> InputFormat {
        switch format {
        case .koha: return .csv(.koha)
        case .csv:
            guard let mapping, let data = FileManager.default.contents(atPath: mapping) else {
                throw IngestFileError(file: mapping ?? "", reason: "cannot read the mapping file", exitStatus: .ioError)
            }
            return .csv(try ColumnMapping.parse(data, file: mapping))
        case .sip2:
            return .sip2(source.transactionSource)
        }
    }

    func run() throws {
        try runReporting("ingest") { try ingestAll() }
    }

    /// Ingests every file in order. A file that cannot be ingested is reported and the others
    /// still are; the store failing stops the run.
    private func ingestAll() throws {
        if files.filter({ $0 == "-" }).count > 1 {
            throw CommandLineError(description: "ingest: standard input (-) can be named once")
        }
        if files.contains("-") { try StandardInputLog.checkNotTerminal() }
        let resolved = try store.resolve()
        let format = try inputFormat()
        let today = try store.todayDate()
        let circulation = try resolved.openCirculation(.createIfMissing)
        let privateDirectory = files.contains("-") ? try resolved.privateDirectory() : ""
        var options = IngestOptions(
            format: format, settings: resolved.settings, today: today.description,
            allowLists: IngestAllowLists(site: resolved.config), batchLines: batchLines)
        options.parseThreads = parseThreads
        let bar = ProgressBar.forStandardError()
        // A non-Sendable box the ingestor's callback (called on this thread) writes into.
        let collected = Collected()
        let ingestor = Ingestor(store: circulation, options: options) { issue in
            var shown = issue
            if let stdin = collected.stdinCopy, issue.file == stdin { shown.file = StandardInputLog.displayName }
            bar?.clear()
            printError(shown.description)
            collected.json.record(shown)
        }
        ingestor.progress = bar.map { bar in { bar.update($0) } }
        let log = LogSetup.logger("rfid-report.ingest")
        var worst = ExitStatus.ok
        var malformed = 0
        var transactions = 0
        for file in files {
            let name = file == "-" ? StandardInputLog.displayName : file
            do throws(IngestFailure) {
                var input = file
                var copy: StandardInputLog?
                if file == "-" {
                    do {
                        copy = try StandardInputLog.capture(into: privateDirectory)
                    } catch { throw .file(error) }
                    input = copy!.path
                    collected.stdinCopy = input
                }
                defer { copy?.remove() }
                var summary = try ingestor.ingest(path: input)
                bar?.clear()
                summary.file = name
                if !json { print(summary.description) }
                collected.json.fileCounted(summary)
                log.info(
                    "file counted",
                    metadata: ["file": "\(name)", "transactions": "\(summary.transactions)", "malformed": "\(summary.malformed)"])
                if summary.issuesNotShown > 0 {
                    printError("\(name): \(summary.issuesNotShown) more problems not shown (see the summary counts)")
                }
                malformed += summary.malformed
                transactions += summary.transactions
            } catch {
                bar?.clear()
                switch error {
                case .store(let e): throw e
                case .file(var e):
                    e.file = name
                    printError("rfid-report ingest: \(e.description)")
                    collected.json.fileFailed(name, e)
                    if worst == .ok || e.exitStatus == .ioError { worst = e.exitStatus }
                }
            }
        }
        if worst == .ok && malformed > 0 { worst = .dataError }
        if json {
            try JSONResult.print(collected.json.document(exitStatus: worst.rawValue, counted: transactions, malformed: malformed))
        } else if files.count > 1 {
            print("total: \(transactions) transactions counted, \(malformed) malformed lines")
        }
        if worst != .ok { throw ExitCode(worst.rawValue) }
    }
}

/// What the issue callback collects while a file is ingested.
private final class Collected {
    var json = IngestJSON()
    var stdinCopy: String?
}
