import ArgumentParser
import CommandSupport

/// The staff tagging station. Codec commands (decode, verify, encode-image) need no reader;
/// reader commands talk to one through a reader address.
@main
struct Station: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-station",
        abstract: "Write, read and check library RFID tags (the item barcode and nothing else).",
        discussion: """
            Reader commands use --reader, else reader under [station] in the site file \
            (/etc/libraryrfid/site.toml; --config or LIBRARYRFID_CONFIG name another). Exit \
            statuses: 0 ok, 64 usage, 65 malformed or undecodable data (or site file), 66 tag \
            problem (no tag, several tags, tag left the field), 69 reader unavailable, 74 I/O \
            error, 77 refused by the privacy policy.
            """,
        subcommands: [
            DecodeCommand.self, VerifyCommand.self, EncodeImageCommand.self,
            ReadersCommand.self, InventoryCommand.self, DumpCommand.self, EncodeCommand.self, CheckCommand.self, ScrubCommand.self, CheckoutCommand.self,
            CheckinCommand.self, DeskCommand.self, BatchCommand.self, ConfigCommand.self,
        ])
}
