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
    @OptionGroup var database: NetworkDatabaseOption
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Flag(help: "Write without asking.") var yes = false
    @Flag(help: "Print JSON instead of text (needs --yes: there is no question to ask).") var json = false

    func validate() throws {
        if json && !yes { throw ValidationError("--json needs --yes") }
    }

    /// Prints a line of text, or keeps the tag's entry for the JSON document.
    final class Output {
        let json: Bool
        var tags: [[String: Any]] = []
        init(json: Bool) { self.json = json }
        func tag(_ uid: TagUID, _ outcome: String, _ text: String, detail: String? = nil) {
            if json {
                var entry: [String: Any] = ["uid": uid.description, "outcome": outcome]
                if let detail { entry["detail"] = detail }
                tags.removeAll { $0["uid"] as? String == uid.description }
                tags.append(entry)
            } else {
                print("tag \(uid): \(text)")
            }
        }
    }

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station scrub") {
            let context = try await StationContext.open(site, readerOption, database: database)
            let checker = TagChecker(reader: context.reader, settings: context.settings, layout: layoutOption.layout)
            let scrubber = TagScrubber(
                encoder: TagEncoder(reader: context.reader, settings: context.settings, layout: layoutOption.layout))
            let activity = ActivityLog(context.config)
            let output = Output(json: json)
            var worst = ExitStatus.ok
            do {
                let checks = try await checker.checkAll()
                if checks.isEmpty { throw TaggingError.noTag(operation: "scrub") }
                var work: [(TagUID, String)] = []
                for check in checks {
                    switch scrubber.plan(check) {
                    case .compliant: output.tag(check.uid, "compliant", "compliant, left as it is")
                    case .rewrite(let barcode):
                        output.tag(check.uid, "to-rewrite", "not compliant: will be rewritten to item \(barcode) alone")
                        work.append((check.uid, barcode))
                    case .replace(let why):
                        output.tag(check.uid, "replace", "REPLACE THE TAG: \(why)", detail: why)
                        worst = .tagProblem
                    case .unreadable(let why):
                        output.tag(check.uid, "unreadable", "could not be checked: \(why)", detail: why)
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
                        output.tag(uid, "rewritten", "rewritten: \(result.state), verified", detail: result.state.description)
                    } catch let error as TaggingError {
                        activity.record(.failed)
                        output.tag(uid, "failed", "FAILED", detail: error.description)
                        Failure.printError("rfid-station scrub: \(error.description)")
                        if worst == .ok || error.exitStatus == .unavailable { worst = error.exitStatus }
                    }
                }
            } catch {
                await context.reader.close()
                throw error
            }
            await context.reader.close()
            if json { JSONOutput.print(["tags": output.tags]) }
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
