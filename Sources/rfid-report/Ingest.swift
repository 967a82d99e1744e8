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
            re-running is always safe. Malformed lines are reported as file:line and skipped.
            """)

    @Argument(help: "Log or export files.") var files: [String]
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
    @Option(help: .hidden) var batchLines = IngestOptions.defaultBatchLines

    func validate() throws {
        if format == .csv && mapping == nil { throw ValidationError("--format csv needs --mapping FILE") }
        if format != .csv && mapping != nil { throw ValidationError("--mapping applies to --format csv only") }
        guard batchLines > 0 else { throw ValidationError("--batch-lines must be positive") }
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
        try runReporting("ingest") {
            let resolved = try store.resolve()
            let path = resolved.databasePath
            let settings = resolved.settings
            let format = try inputFormat()
            let today = try store.todayDate()
            let sqlite = try SQLiteCirculationStore(path: path, mode: .createIfMissing)
            let options = IngestOptions(
                format: format, settings: settings, today: today.description,
                allowLists: IngestAllowLists(site: resolved.config), batchLines: batchLines)
            let ingestor = Ingestor(store: sqlite, options: options) { issue in printError(issue.description) }
            let log = LogSetup.logger("rfid-report.ingest")
            var worst = ExitStatus.ok
            var malformed = 0
            var transactions = 0
            for file in files {
                do throws(IngestFailure) {
                    let summary = try ingestor.ingest(path: file)
                    print(summary.description)
                    log.info(
                        "file counted",
                        metadata: [
                            "file": "\(file)", "transactions": "\(summary.transactions)", "malformed": "\(summary.malformed)",
                        ])
                    if summary.issuesNotShown > 0 {
                        printError("\(file): \(summary.issuesNotShown) more problems not shown (see the summary counts)")
                    }
                    malformed += summary.malformed
                    transactions += summary.transactions
                } catch {
                    switch error {
                    case .store(let e): throw e
                    case .file(let e):
                        printError("rfid-report ingest: \(e.description)")
                        if worst == .ok || e.exitStatus == .ioError { worst = e.exitStatus }
                    }
                }
            }
            if files.count > 1 { print("total: \(transactions) transactions counted, \(malformed) malformed lines") }
            if worst == .ok && malformed > 0 { worst = .dataError }
            if worst != .ok { throw ExitCode(worst.rawValue) }
        }
    }
}
