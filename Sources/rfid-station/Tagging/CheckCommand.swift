import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import ReaderCore
import Tagging

/// `rfid-station check`: every tag in the field, its content, privacy verdict and security
/// state. Content is shown as the item barcode when it is one the site accepts, and by element
/// name only otherwise: a non-compliant tag may hold a title or a name, which is not printed.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every tag in the field: content, privacy verdict, security state (exit 77 if any does not comply).",
        discussion: """
            A tag that cannot be read is named with the reason and the others are still checked \
            (exit 66 when that is the only problem, 69 when the reader went away).
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station check") {
            let context = try await StationContext.open(site, readerOption)
            let checker = TagChecker(reader: context.reader, settings: context.settings, layout: layoutOption.layout)
            let checks: [TagChecker.Check]
            do { checks = try await checker.checkAll() } catch {
                await context.reader.close()
                throw error
            }
            await context.reader.close()
            let rows = checks.map { CheckRow($0, settings: context.settings) }
            if json {
                JSONOutput.print(["tags": rows.map(\.json)])
            } else {
                for row in rows { print(row.text) }
                print("\(checks.count) tag(s): \(checks.filter(\.compliant).count) compliant")
            }
            if checks.contains(where: { !$0.compliant && $0.verdict != nil }) { throw ExitCode(.refused) }
            if checks.contains(where: { $0.problemStatus == .undecodable }) { throw ExitCode(.dataError) }
            if checks.contains(where: { $0.problemStatus == .readFailed }) { throw ExitCode(.tagProblem) }
        }
    }
}

/// One checked tag as staff read it.
struct CheckRow {
    var json: [String: Any]
    var text: String

    init(_ check: TagChecker.Check, settings: TaggingSettings) {
        var doc: [String: Any] = ["uid": check.uid.description, "compliant": check.compliant]
        var lines = ["tag \(check.uid)"]
        if let problem = check.problem {
            doc["problem"] = problem
            lines.append("  problem: \(problem)")
        }
        if let tag = check.tag {
            let identifier = tag.primaryItemIdentifier
            let accepted = identifier.map { settings.policy.refusal(for: $0) == nil } ?? false
            doc["format"] = tag.format.rawValue
            doc["item"] = accepted ? identifier as Any : NSNull()
            doc["elements"] = tag.elements.map(\.name)
            lines.append("  format: \(tag.format.rawValue)")
            lines.append("  item: " + (accepted ? identifier! : identifier == nil ? "none" : "withheld (not an item barcode the site accepts)"))
            let others = tag.elements.map(\.name).filter { $0 != "primary item identifier" }
            if !others.isEmpty { lines.append("  also holds: \(others.joined(separator: ", "))") }
        }
        if let verdict = check.verdict {
            let violations = verdict.violations.map(\.description)
            doc["violations"] = violations
            lines.append(verdict.compliant ? "  privacy: compliant (the item barcode alone)" : "  privacy: NOT compliant")
            for v in violations { lines.append("    - \(v)") }
        }
        if let readback = check.readback {
            doc["afi"] = JSONOutput.hex(readback.afi)
            doc["afiMeaning"] = readback.afi.map { settings.meaning(ofAFI: $0) } ?? NSNull()
            doc["eas"] = readback.eas as Any? ?? NSNull()
            let afi = readback.afi.map { "AFI \(String(format: "%02X", $0)): \(settings.meaning(ofAFI: $0))" } ?? "AFI unknown (the reader cannot read it)"
            let eas = readback.eas.map { "EAS \($0 ? "on" : "off")" } ?? "EAS unknown (the reader cannot read it)"
            lines.append("  security: \(afi); \(eas)")
        }
        json = doc
        text = lines.joined(separator: "\n")
    }
}
