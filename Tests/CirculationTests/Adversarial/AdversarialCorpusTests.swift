import Foundation
import Testing

/// The corpus through the real command line: ingest, every report format, purge and audit; then
/// a byte scan of the store, its WAL, every report and everything printed.
@Suite("Adversarial corpus: no patron byte anywhere", .serialized)
struct AdversarialCorpusTests {
    @Test("patron data in every field: counted where it may be, stored and printed nowhere, and the audit finds nothing")
    func corpus() throws {
        let dir = TemporaryDirectory("adversarial")
        let sip2 = dir.write("selfcheck.log", AdversarialCorpus.sip2Log)
        let koha = dir.write("statistics.csv", AdversarialCorpus.kohaExport)
        let mapping = dir.write("numbered.json", AdversarialCorpus.numberedBorrowerMapping)
        let db = dir.file("store/circulation.sqlite")
        let site = dir.write("site.toml", AdversarialCorpus.siteFile)
        let base = ["--database", db, "--today", "2026-04-02", "--config", site]
        var printed: [String] = []
        func run(_ arguments: [String], stdin: String? = nil) throws -> ReportCommand.Result {
            let result = try ReportCommand.run(arguments + base, stdin: stdin)
            printed += [result.stdout, result.stderr]
            return result
        }

        let ingest = try run(["ingest", sip2])
        #expect(ingest.status == 65)  // malformed lines are reported; every good line is counted
        #expect(ingest.stdout.contains("resent responses counted once"))
        #expect(try run(["ingest", "--format", "koha", koha]).status == 65)
        let refused = try run(["ingest", "--format", "csv", "--mapping", mapping, koha])
        #expect(refused.stderr.contains("identifies a person"))
        #expect(try run(["ingest", sip2]).status == 0)  // a re-run counts nothing twice

        let reports = dir.file("reports")
        for format in ["md", "csv", "json", "html"] {
            #expect(try run(["monthly", "--month", "2026-03", "--format", format]).status == 0)
            #expect(try run(["monthly", "--month", "2026-03", "--format", format, "--out", reports]).status == 0)
        }
        let identifiers = dir.write("identifiers.txt", AdversarialCorpus.secrets.joined(separator: "\n") + "\n")
        let audit = try run(["audit", "--identifiers", identifiers])
        #expect(audit.status == 0, "\(audit.stdout)")

        // The WAL exists only while the store is open or was not checkpointed; scan it if there.
        var files = [db, db + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
        let storeFiles = files.count
        let written = (try FileManager.default.contentsOfDirectory(atPath: reports)).map { reports + "/" + $0 }
        #expect(written.count == 4)
        files += written
        for file in files {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(ByteSearch.found(AdversarialCorpus.secrets, in: bytes) == [], "\(file)")
        }
        let output = Data(printed.joined(separator: "\n").utf8)
        #expect(ByteSearch.found(AdversarialCorpus.secrets, in: output) == [])
        // No control character reached a report.
        for file in files.dropFirst(storeFiles) {
            let text = try #require(FileManager.default.contents(atPath: file))
            #expect(!text.contains { $0 < 0x20 && $0 != 10 && $0 != 13 && $0 != 9 }, "\(file)")
        }
    }
}
