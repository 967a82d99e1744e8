import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import ReaderCore
import Tagging

/// `rfid-station scrub`: rewrite non-compliant tags to the barcode alone, from each tag's own
/// item identifier, keeping its security state. Asks before writing unless `--yes`.
struct ScrubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Rewrite non-compliant tags to their item barcode alone (security state kept).",
        discussion: """
            A tag whose item identifier is not an item barcode the site accepts (a library card \
            number, say) is not rewritten: it is to be replaced. Without --yes the station lists \
            what it would do and asks on the terminal; with no terminal it writes nothing.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Flag(help: "Write without asking.") var yes = false

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station scrub") {
            let context = try await StationContext.open(site, readerOption)
            let checker = TagChecker(reader: context.reader, settings: context.settings, layout: layoutOption.layout)
            let scrubber = TagScrubber(
                encoder: TagEncoder(reader: context.reader, settings: context.settings, layout: layoutOption.layout))
            let activity = ActivityLog(context.config)
            var worst = ExitStatus.ok
            do {
                let checks = try await checker.checkAll()
                if checks.isEmpty { throw TaggingError.noTag(operation: "scrub") }
                var work: [(TagUID, String)] = []
                for check in checks {
                    switch scrubber.plan(check) {
                    case .compliant: print("tag \(check.uid): compliant, left as it is")
                    case .rewrite(let barcode):
                        print("tag \(check.uid): not compliant: will be rewritten to item \(barcode) alone")
                        work.append((check.uid, barcode))
                    case .replace(let why):
                        print("tag \(check.uid): REPLACE THE TAG: \(why)")
                        worst = .tagProblem
                    case .unreadable(let why):
                        print("tag \(check.uid): could not be checked: \(why)")
                        worst = .tagProblem
                    }
                }
                if !work.isEmpty && !yes && !Confirmation.ask("Rewrite \(work.count) tag(s)?") {
                    print("nothing written")
                    await context.reader.close()
                    throw ExitCode(worst == .ok ? .usage : worst)
                }
                for (uid, barcode) in work {
                    do {
                        let result = try await scrubber.scrub(uid, barcode: barcode)
                        activity.record(.scrubbed)
                        print("tag \(uid): rewritten: \(result.state), verified")
                    } catch let error as TaggingError {
                        activity.record(.failed)
                        Failure.printError("rfid-station scrub: \(error.description)")
                        if worst == .ok || error.exitStatus == .unavailable { worst = error.exitStatus }
                    }
                }
            } catch {
                await context.reader.close()
                throw error
            }
            await context.reader.close()
            if worst != .ok { throw ExitCode(worst) }
        }
    }
}

/// A yes/no question on the terminal; no terminal means no.
enum Confirmation {
    static func ask(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1 else {
            Failure.printError("rfid-station: \(question) needs an answer on a terminal; use --yes in scripts")
            return false
        }
        print("\(question) [y/N] ", terminator: "")
        fflush(nil)  // every output stream: the prompt has no newline
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
