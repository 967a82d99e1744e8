import ArgumentParser
import Foundation
import ReaderCore
import ReaderDrivers
import ReaderTransport
import RFIDCommon
import CommandSupport
import SiteConfiguration
import EmulatedReaders
import TagCodec
import TagPrivacy

/// Where the reader is: `--reader`, else `reader` under `[station]` in the site file. Never a
/// silent default: a station that quietly ran against demo tags would look like it works while
/// tagging nothing, so with neither the command stops and says how to configure one.
struct ReaderOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Reader address, e.g. feig:/dev/ttyUSB0?baud=38400, mock:/path/state.json, emulated: (demo tags).",
            discussion: "Default: reader under [station] in the site file.", valueName: "address"))
    var reader: String?

    func address(in config: SiteConfiguration) throws(NoReaderConfigured) -> String {
        if let reader { return reader }
        if let configured = config.station.reader { return configured }
        throw NoReaderConfigured(siteFile: config.file)
    }

    func open(_ config: SiteConfiguration) async throws -> any RFIDReader {
        let reader = try await ReaderFactory.open(try address(in: config), drivers: EmulatedReaders.table)
        LogSetup.logger("rfid-station").debug("reader opened", metadata: ["reader": "\(reader.name)"])
        return reader
    }
}

/// A reader command run with no reader named anywhere: a usage error that says how to name one.
struct NoReaderConfigured: UserFacingError {
    var siteFile: String?
    var exitStatus: ExitStatus { .usage }
    var description: String {
        let file = siteFile ?? SiteConfiguration.defaultPath
        return "no reader is configured: pass --reader ADDRESS (e.g. feig:/dev/ttyUSB0; emulated: for the demo tags), "
            + "or set reader = \"ADDRESS\" under [station] in \(file) (see Docs/site.toml.example and Docs/drivers.md; "
            + "`rfid-station readers` lists serial ports and USB readers)"
    }
}

struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "List the tags in the reader's field: UID, DSFID, AFI, EAS.",
        discussion: """
            A column is -- when the reader cannot tell (the 3M 810 has no system information or EAS \
            commands) and ?? when asking the tag failed (it left the field, or the reader timed out); \
            each ?? is explained on stderr and in the JSON "warnings" list, and the exit status stays 0.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var readerOption: ReaderOption
    @Option(help: "Only tags with this AFI (hex, e.g. 07).") var afi: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station") {
            var afiFilter: UInt8?
            if let afi {
                guard let b = try? Hex.decode(afi), b.count == 1 else {
                    throw ValidationError("--afi must be one hex byte, e.g. 07")
                }
                afiFilter = b[0]
            }
            let config = try site.load()
            let reader = try await readerOption.open(config)
            var rows: [[String: String]] = []
            var warnings: [String] = []
            for item in try await reader.inventory(afi: afiFilter, antenna: nil) {
                let details = await TagDetails.look(up: item, on: reader)
                rows.append(details.row)
                warnings += details.warnings
            }
            let alarm = reader.capabilities.contains(.easAlarm) ? try await reader.easAlarm() : nil
            for warning in warnings { Failure.printError("rfid-station: \(warning)") }
            if json {
                var doc: [String: Any] = ["tags": rows]
                if let alarm { doc["easAlarm"] = alarm }
                if !warnings.isEmpty { doc["warnings"] = warnings }
                let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("UID               DSFID AFI EAS")
                for r in rows {
                    print("\(r["uid"] ?? "")  \(r["dsfid"] ?? "--")    \(r["afi"] ?? "--")  \(r["eas"] ?? "--")")
                }
                print("\(rows.count) tag(s)" + (alarm.map { $0 ? "; EAS alarm: a tag has EAS set" : "; EAS alarm: none" } ?? ""))
            }
            await reader.close()
        }
    }
}

/// What the station can learn about one tag beyond its inventory answer, and what it could not.
/// A failed lookup is never shown as "--" (which means the reader cannot tell): it is "??" with
/// the reason, so a timeout is not mistaken for a tag without that register.
struct TagDetails {
    static let unknown = "??"
    var row: [String: String]
    var warnings: [String] = []

    static func look(up item: InventoryItem, on reader: any RFIDReader) async -> TagDetails {
        var details = TagDetails(row: ["uid": item.uid.description])
        if let dsfid = item.dsfid { details.row["dsfid"] = Hex.encode([dsfid]) }
        let caps = reader.capabilities
        if caps.contains(.systemInformation) {
            // DSFID (when the inventory reply did not carry it, as on the TI EVM) and AFI.
            do throws(ReaderError) {
                let info = try await reader.systemInformation(uid: item.uid)
                if details.row["dsfid"] == nil, let d = info.dsfid { details.row["dsfid"] = Hex.encode([d]) }
                if let a = info.afi { details.row["afi"] = Hex.encode([a]) }
            } catch {
                let what = details.row["dsfid"] == nil ? "DSFID and AFI" : "AFI"
                if details.row["dsfid"] == nil { details.row["dsfid"] = unknown }
                details.row["afi"] = unknown
                details.warnings.append("\(item.uid): \(what) unknown (\(unknown)): \(error.description)")
            }
        } else if caps.contains(.readAFI) {
            // The 3M 810: Get AFI, and no command for the DSFID.
            do throws(ReaderError) {
                details.row["afi"] = Hex.encode([try await reader.afi(uid: item.uid)])
            } catch {
                details.row["afi"] = unknown
                details.warnings.append("\(item.uid): AFI unknown (\(unknown)): \(error.description)")
            }
        }
        // The EAS bit has no read command: an EAS Alarm addressed to the tag answers only when
        // the bit is set. Readers without it (3M 810) show "--".
        if caps.contains(.easAlarm) {
            do throws(ReaderError) {
                details.row["eas"] = try await reader.easAlarm(uid: item.uid) ? "on" : "off"
            } catch {
                details.row["eas"] = unknown
                details.warnings.append("\(item.uid): EAS unknown (\(unknown)): \(error.description)")
            }
        }
        return details
    }
}

struct DumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Show a tag's system information, memory (hex), decoded content and privacy verdict.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var readerOption: ReaderOption
    @Option(help: "The tag to dump (16 hex digits); default: the only tag in the field.") var uid: String?
    @OptionGroup var layoutOption: LayoutOption

    /// The first lines of a dump; "--" where the reader cannot tell.
    static func printRegisters(uid: TagUID, dsfid: UInt8?, afi: UInt8?) {
        print("UID    \(uid)")
        print("DSFID  \(dsfid.map { Hex.encode([$0]) } ?? "--")")
        print("AFI    \(afi.map { Hex.encode([$0]) } ?? "--")")
    }

    /// What is known of the tag before its memory is read.
    struct Layout {
        var dsfid: UInt8?
        var afi: UInt8?
        var blockCount: Int
        var blockSize: Int
    }

    func run() async throws {
        try await runReportingFailures(tool: "rfid-station") {
            var target: TagUID?
            if let uid {
                guard let u = TagUID(hex: uid) else { throw ValidationError("--uid must be 16 hex digits") }
                target = u
            }
            let config = try site.load()
            let reader = try await readerOption.open(config)
            if target == nil {
                let tags = try await reader.inventory(afi: nil, antenna: nil)
                guard tags.count == 1 else {
                    await reader.close()
                    throw ReaderError(
                        tags.isEmpty ? .noTag : .severalTags, operation: "dump", "\(tags.count) tags in the field; name one with --uid")
                }
                target = tags[0].uid
            }
            guard let target else { return }
            let layout: Layout
            let memory: [UInt8]
            do throws(ReaderError) {
                if reader.capabilities.contains(.systemInformation) {
                    let info = try await reader.systemInformation(uid: target)
                    layout = Layout(dsfid: info.dsfid, afi: info.afi, blockCount: info.blockCount, blockSize: info.blockSize)
                } else {
                    // The reader cannot say how the tag's memory is laid out; the staff member can.
                    let afi = reader.capabilities.contains(.readAFI) ? try await reader.afi(uid: target) : nil
                    guard let given = layoutOption.layout else {
                        Self.printRegisters(uid: target, dsfid: nil, afi: afi)
                        throw ReaderError(
                            .unsupported, operation: "dump",
                            "\(reader.name) cannot report the tag's memory layout (no system information); "
                                + "give it with --blocks N [--block-size N], e.g. --blocks 28 for ICODE SLIX")
                    }
                    layout = Layout(dsfid: nil, afi: afi, blockCount: given.blockCount, blockSize: given.blockSize)
                }
                memory = try await reader.readBlocks(
                    uid: target, first: 0, count: layout.blockCount, blockSize: layout.blockSize)
            } catch {
                await reader.close()
                throw error
            }
            await reader.close()
            Self.printRegisters(uid: target, dsfid: layout.dsfid, afi: layout.afi)
            print("Blocks \(layout.blockCount) x \(layout.blockSize) bytes")
            for b in 0..<layout.blockCount {
                let bytes = memory[(b * layout.blockSize)..<((b + 1) * layout.blockSize)]
                print(String(format: "  %3d  ", b) + Hex.encode(bytes, separator: " "))
            }
            // The decoded content and verdict come after the raw memory, so a tag the codec
            // cannot read (exit 65) still shows every byte for the audit.
            print("")
            let tag = try TagDecoder.decode(memory, dsfid: layout.dsfid)
            print(TagReport(tag: tag, verdict: PrivacyGuard.verdict(for: tag, policy: config.policy)).text())
        }
    }
}

struct ReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers", abstract: "List the drivers, serial ports that could hold a reader, and USB readers by vendor/product id.")

    func run() async throws {
        for line in DriverListing.lines(drivers: EmulatedReaders.table) { print(line) }
        for line in SerialPortListing.lines(schemes: EmulatedReaders.table.serialSchemes) { print(line) }
        for line in USBReaderListing.lines(drivers: EmulatedReaders.table) { print(line) }
    }
}
