import ArgumentParser
import CirculationStore
import CirculationStoreSQLite
import CommandSupport
import Foundation
import RFIDCommon

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The annual privacy audit of every store: personal data, oldest records, retention.",
        discussion: """
            Scans every table and the raw bytes of the database, its WAL and journal for values \
            shaped like patron data (14-digit card numbers starting with 2, e-mail addresses, phone \
            numbers, also with spaces or dashes, a prefix digit or any check digit) and for the \
            identifiers in --identifiers FILE, one per line (for example every card number and \
            name exported from the library system; `-` reads them from standard input, which is \
            never read otherwise). Prints where, never what. Exit status 77 when anything is \
            found or a record is older than its retention limit.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Identifiers to search for, one per line; - for standard input.", valueName: "FILE"))
    var identifiers: String?

    @Flag(help: "Print one JSON document (inventory, files scanned, findings: where, never what) instead of text.")
    var json = false

    func readIdentifiers() throws -> [[UInt8]] {
        guard let identifiers else { return [] }
        let data: Data
        if identifiers == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: identifiers) else {
                throw IngestFileError(file: identifiers, reason: "cannot read the identifiers file", exitStatus: .ioError)
            }
            data = contents
        }
        var lines = Array(data).split(separator: 10, omittingEmptySubsequences: false).map { line -> [UInt8] in
            var bytes = Array(line)
            while let last = bytes.last, last == 13 || last == 32 || last == 9 { bytes.removeLast() }
            while let first = bytes.first, first == 32 || first == 9 { bytes.removeFirst() }
            return bytes
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    func run() throws {
        try runReporting("audit") {
            let resolved = try store.resolve()
            let path = resolved.location
            let settings = resolved.settings
            let today = try store.todayDate()
            let identifiers = try readIdentifiers()
            let circulation = try resolved.openCirculation(.mustExist)
            let report = try PrivacyAudit.run(store: circulation, settings: settings, today: today, identifiers: identifiers)
            if json {
                try JSONResult.print(AuditJSON.document(report, store: path, identifiersChecked: identifiers.filter { !$0.isEmpty }.count))
                if !report.findings.isEmpty { throw ExitCode(ExitStatus.refused.rawValue) }
                return
            }
            print("circulation store: \(path)")
            for t in report.inventory {
                let oldest = t.oldest.isEmpty ? "no records" : "oldest \(t.oldest)"
                let limit = t.retention.isEmpty ? "" : ", retention keeps from \(t.retention)"
                print("  \(t.table) (\(t.what)): \(t.records) records, \(oldest)\(limit)")
            }
            for (file, bytes) in report.filesScanned { print("  scanned \(file): \(bytes) bytes") }
            print("  identifiers checked: \(identifiers.filter { !$0.isEmpty }.count)")
            if !report.identifiersTooShort.isEmpty {
                printError(
                    "identifiers on lines \(report.identifiersTooShort.map(String.init).joined(separator: ", ")) are shorter than 4 bytes and were not searched")
            }
            if report.findings.isEmpty {
                print("no personal data found; every table is within its retention limit")
                return
            }
            print("\(report.findings.count) finding(s):")
            for finding in report.findings { print("  FINDING: \(finding)") }
            throw ExitCode(ExitStatus.refused.rawValue)
        }
    }
}
