import ArgumentParser
import CommandSupport
import Foundation
import RFIDCommon
import ReaderCore
import Tagging

/// `rfid-station encode BARCODE`: the item barcode alone on the one tag on the pad, secured,
/// proven by reading it back. Exit 0 only when the read-back matches.
struct EncodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Write an item barcode to the one tag on the reader, secure it, and verify by reading back.",
        discussion: """
            Refuses anything but an item barcode the site accepts (exit 77; the value is never \
            shown). With no tag or several tags on the reader nothing is written (exit 66). After \
            any failure the tag is read back and the message says exactly what it holds and the \
            command that repairs it. See Docs/station.md.
            """)

    @Argument(help: "The item barcode.") var barcode: String
    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption
    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var layoutOption: LayoutOption
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station encode") {
            let context = try await StationContext.open(site, readerOption, database: database)
            var encoder = TagEncoder(reader: context.reader, settings: context.settings, layout: layoutOption.layout)
            // Library tags are ICODE SLIX (28 blocks of 4 bytes) far more often than not: assume
            // it and save asking; the read-back proves it, and another tag is written again with
            // its own layout.
            encoder.assumedLayout = layoutOption.layout ?? .icodeSLIX
            let activity = ActivityLog(context.config)
            let result: TagEncoder.Result
            do {
                result = try await encoder.encode(barcode: barcode)
                activity.record(.tagged)
            } catch {
                activity.recordFailure(error)
                await context.reader.close()
                guard let tagging = error as? TaggingError else { throw error }
                throw TaggingFailure(
                    error: tagging, repair: tagging.repair.map { context.repairCommand($0, barcode: barcode) }, json: json)
            }
            await context.reader.close()
            report(result)
        }
    }

    func report(_ result: TagEncoder.Result) {
        if json {
            JSONOutput.print([
                "ok": true, "uid": result.uid.description, "barcode": result.barcode, "format": result.format.rawValue,
                "state": result.state.description, "dsfid": JSONOutput.hex(result.readback.dsfid),
                "afi": JSONOutput.hex(result.readback.afi), "eas": result.readback.eas as Any? ?? NSNull(),
                "resumed": result.resumed, "verified": true,
            ])
            return
        }
        print("tag \(result.uid): \(result.barcode) written as \(result.format.rawValue): \(result.state)")
        if result.easSet == false { print("note: this tag has no EAS; the gates rely on its AFI") }
        if result.resumed { print("note: the tag left the field during the write and was resumed") }
        print("verified by reading back: the tag holds the barcode alone")
    }
}

/// A tagging error as the station reports it: the error's words, then the repair command; in
/// JSON mode the same as a document on standard output too.
struct TaggingFailure: UserFacingError {
    var error: TaggingError
    var repair: String?
    var json: Bool

    init(error: TaggingError, repair: String?, json: Bool) {
        self.error = error
        self.repair = repair
        self.json = json
        if json {
            var doc: [String: Any] = ["ok": false, "error": error.description, "exitStatus": Int(error.exitStatus.rawValue)]
            if let repair { doc["repair"] = repair }
            if let state = error.state { doc["state"] = state.description }
            JSONOutput.print(doc)
        }
    }

    var exitStatus: ExitStatus { error.exitStatus }
    var description: String { error.description + (repair.map { "\n  repair: \($0)" } ?? "") }
}

extension TaggingError {
    /// The tag's state as read back after the failure, where there is one.
    var state: TagState? {
        switch self {
        case .tagToReplace(_, _, let state): state
        case .stepFailed(_, _, _, let state, _, _): state
        case .readBackMismatch(_, let state): state
        default: nil
        }
    }
}
