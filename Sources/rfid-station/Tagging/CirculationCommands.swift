import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import ReaderCore
import Tagging

/// `checkout` and `checkin`: every tag on the pad set on loan or in stock, each verified by
/// reading it back. A tag that fails is named and the others are still done.
struct SecurityOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption
    @OptionGroup var readerOption: ReaderOption
    @Flag(help: "Print JSON instead of text.") var json = false

    func run(_ direction: SecuritySetter.Direction, tool: String) async throws {
        try await runReportingFailures(tool: tool) {
            let context = try await StationContext.open(site, readerOption, database: database)
            let setter = SecuritySetter(reader: context.reader, settings: context.settings)
            let outcomes: [SecuritySetter.Outcome]
            do { outcomes = try await setter.apply(direction) } catch {
                await context.reader.close()
                throw error
            }
            await context.reader.close()
            let activity = ActivityLog(context.config)
            for o in outcomes { activity.record(o.failure != nil ? .failed : direction == .checkout ? .unsecured : .secured) }
            let word = direction == .checkout ? "on loan" : "in stock"
            if json {
                JSONOutput.print([
                    "direction": direction == .checkout ? "checkout" : "checkin",
                    "tags": outcomes.map { o -> [String: Any] in
                        var d: [String: Any] = [
                            "uid": o.uid.description, "ok": o.failure == nil, "afi": JSONOutput.hex(o.afi),
                            "eas": o.eas as Any? ?? NSNull(),
                        ]
                        if let f = o.failure { d["failure"] = f }
                        return d
                    },
                ])
            } else {
                for o in outcomes {
                    if let failure = o.failure {
                        print("tag \(o.uid): FAILED: \(failure)")
                    } else {
                        let eas = o.eas.map { ", EAS \($0 ? "on" : "off")" } ?? ""
                        print("tag \(o.uid): \(word) (AFI \(String(format: "%02X", o.afi ?? 0))\(eas)), verified")
                    }
                }
                let failed = outcomes.filter { $0.failure != nil }.count
                print("\(outcomes.count - failed) of \(outcomes.count) tag(s) set \(word)")
            }
            if outcomes.isEmpty { throw TaggingError.noTag(operation: direction == .checkout ? "checkout" : "checkin") }
            if outcomes.contains(where: \.failureIsReader) { throw ExitCode(.unavailable) }
            if outcomes.contains(where: { $0.failure != nil }) { throw ExitCode(.tagProblem) }
        }
    }
}

struct CheckoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkout",
        abstract: "Set every tag on the reader on loan (AFI afi_on_loan, EAS off), verified by reading back.")
    @OptionGroup var options: SecurityOptions
    func run() async throws { try await options.run(.checkout, tool: "rfid-station checkout") }
}

struct CheckinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Set every tag on the reader in stock (AFI afi_in_stock, EAS on), verified by reading back.")
    @OptionGroup var options: SecurityOptions
    func run() async throws { try await options.run(.checkin, tool: "rfid-station checkin") }
}
