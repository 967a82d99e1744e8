import ArgumentParser
import CommandSupport
import Foundation
import ReaderCore
import SiteConfiguration
import Tagging

/// The memory layout for readers that cannot report it (3M 810), as for `dump --blocks`.
struct LayoutOption: ParsableArguments {
    @Option(help: "Blocks of user memory, for a reader that cannot report the tag's layout (3M 810); 28 on ICODE SLIX.")
    var blocks: Int?
    @Option(help: "Bytes per block, with --blocks (default 4).") var blockSize: Int?

    func validate() throws {
        if let blocks, !(1...256).contains(blocks) { throw ValidationError("--blocks must be 1 to 256") }
        if let blockSize, !(1...32).contains(blockSize) { throw ValidationError("--block-size must be 1 to 32") }
        if blockSize != nil && blocks == nil { throw ValidationError("--block-size goes with --blocks") }
    }

    var layout: TagLayout? { blocks.map { TagLayout(blockCount: $0, blockSize: blockSize ?? 4) } }
}

/// What every tagging command works with: the site file, the reader it names, and the tag
/// settings from `[tags]` and `[policy]`.
struct StationContext {
    var config: SiteConfiguration
    var readerAddress: String
    var reader: any RFIDReader
    var settings: TaggingSettings

    static func open(
        _ site: SiteOptions, _ readerOption: ReaderOption, database: NetworkDatabaseOption? = nil
    ) async throws -> StationContext {
        let loaded = try site.load()
        // `check` writes no activity and has no --database (a parsed option group cannot be made here).
        let config = database?.apply(to: loaded) ?? loaded
        let address = try readerOption.address(in: config)
        let reader = try await readerOption.open(config)
        return StationContext(config: config, readerAddress: address, reader: reader, settings: TaggingSettings(config))
    }

    /// The command line that repairs what `repair` names, for the message after a failure.
    func repairCommand(_ repair: TaggingError.Repair, barcode: String?) -> String {
        var words = ["rfid-station"]
        switch repair {
        case .encodeAgain: words += ["encode", barcode ?? "BARCODE"]
        case .secure: words += ["checkin"]
        case .replaceTag: return "replace the tag, then: rfid-station encode \(barcode ?? "BARCODE") --reader \(readerAddress)"
        }
        return (words + ["--reader", readerAddress]).joined(separator: " ")
    }
}

extension TaggingSettings {
    init(_ config: SiteConfiguration) {
        self.init(
            format: config.tags.format.tagFormat, policy: config.policy, afiInStock: config.tags.afiInStock,
            afiOnLoan: config.tags.afiOnLoan, useEAS: config.tags.useEAS)
    }
}

/// JSON for scripts: sorted keys, pretty, one document on standard output.
enum JSONOutput {
    static func print(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    static func hex(_ byte: UInt8?) -> Any { byte.map { String(format: "%02X", $0) } ?? NSNull() }
}

/// A line for staff at the desk, out at once: desk and batch talk to a person while they wait
/// for items, and standard output to a pipe (a terminal multiplexer, a log) is block-buffered.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
