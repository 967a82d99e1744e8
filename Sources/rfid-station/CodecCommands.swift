import ArgumentParser
import CommandSupport
import RFIDCommon
import SiteConfiguration
import TagCodec
import TagPrivacy

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show what a tag holds, and whether it complies with the privacy policy.")

    @OptionGroup var input: TagInput
    @OptionGroup var site: SiteOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        try runReportingFailures(tool: "rfid-station") {
            let tag = try input.decode()
            let verdict = PrivacyGuard.verdict(for: tag, policy: try site.load().policy)
            let report = TagReport(tag: tag, verdict: verdict)
            print(json ? report.json() : report.text())
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a tag holds the item barcode and nothing else (exit 0 compliant, 77 not).")

    @OptionGroup var input: TagInput
    @OptionGroup var site: SiteOptions

    func run() throws {
        try runReportingFailures(tool: "rfid-station") {
            let tag = try input.decode()
            let verdict = PrivacyGuard.verdict(for: tag, policy: try site.load().policy)
            if verdict.compliant {
                print("compliant: \(tag.format.rawValue) tag holding an item barcode alone")
                return
            }
            print("not compliant: \(verdict.violations.count) violation(s)")
            for violation in verdict.violations { print("  - \(violation.description)") }
            throw ExitCode(ExitStatus.refused)
        }
    }
}

struct EncodeImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode-image",
        abstract: "Print the full user-memory image (hex) a tag should hold for an item barcode.",
        discussion: "The barcode is checked against the barcode policy first; a refused value exits 77 and nothing is printed.")

    @Argument(help: "The item barcode.") var barcode: String
    @Option(help: "Data model to write (default: [tags] format in the site file, else iso28560-2).")
    var format: SiteConfiguration.Tags.Format?
    @Option(name: .customLong("block-size"), help: "Bytes per block, as the tag reports it (3, 4 or 8).")
    var blockSize = 4
    @Option(name: .customLong("blocks"), help: "Number of user-memory blocks (28 on ICODE SLIX).")
    var blockCount = 28
    @OptionGroup var site: SiteOptions

    func validate() throws {
        guard (1...32).contains(blockSize) else { throw ValidationError("--block-size must be between 1 and 32") }
        guard (1...256).contains(blockCount) else { throw ValidationError("--blocks must be between 1 and 256") }
    }

    func run() throws {
        try runReportingFailures(tool: "rfid-station") {
            let config = try site.load()
            let image = try PrivacyGuard.imageForWriting(
                barcode: barcode, format: (format ?? config.tags.format).tagFormat, blockSize: blockSize,
                blockCount: blockCount, policy: config.policy)
            print(Hex.encode(image))
        }
    }
}
