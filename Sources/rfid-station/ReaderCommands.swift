import ArgumentParser
import Foundation
import ReaderCore
import ReaderDrivers
import ReaderTransport
import RFIDCommon
import CommandSupport
import TagCodec
import TagPrivacy

/// Shared by the reader commands: where the reader is, and turning failures into a one-line
/// message on stderr and the documented exit status (69 unavailable, 74 I/O, 64 usage, 65 data).
struct ReaderOption: ParsableArguments {
    @Option(
        name: .long,
        help: "Reader address, e.g. feig:/dev/ttyUSB0?baud=38400, mock:/path/state.json, emulated: (default).")
    var reader = "emulated:"

    func open() async throws -> any RFIDReader {
        do { return try await ReaderFactory.open(reader) } catch { throw ReaderCommandFailure(error) }
    }
}

struct ReaderCommandFailure: Error {
    let message: String
    let status: ExitStatus
    init(_ error: some UserFacingError) {
        message = error.description
        status = error.exitStatus
    }
}

/// Runs `body`, printing a typed failure and exiting with its status instead of a stack of text.
func runReaderCommand(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let failure as ReaderCommandFailure {
        FileHandle.standardError.write(Data("rfid-station: \(failure.message)\n".utf8))
        throw ExitCode(failure.status.rawValue)
    } catch let error as ReaderError {
        FileHandle.standardError.write(Data("rfid-station: \(error.description)\n".utf8))
        throw ExitCode(error.exitStatus.rawValue)
    }
}

struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "List the tags in the reader's field: UID, DSFID, AFI, EAS.")

    @OptionGroup var readerOption: ReaderOption
    @Option(help: "Only tags with this AFI (hex, e.g. 07).") var afi: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        try await runReaderCommand {
            var afiFilter: UInt8?
            if let afi {
                guard let b = try? Hex.decode(afi), b.count == 1 else {
                    throw ValidationError("--afi must be one hex byte, e.g. 07")
                }
                afiFilter = b[0]
            }
            let reader = try await readerOption.open()
            var rows: [[String: String]] = []
            for item in try await reader.inventory(afi: afiFilter, antenna: nil) {
                var row = ["uid": item.uid.description, "dsfid": Hex.encode([item.dsfid])]
                if reader.capabilities.contains(.systemInformation),
                    let info = try? await reader.systemInformation(uid: item.uid), let a = info.afi
                {
                    row["afi"] = Hex.encode([a])
                }
                // The EAS bit has no read command: an EAS Alarm addressed to the tag answers
                // only when the bit is set. Readers without it (3M 810) show "--".
                if reader.capabilities.contains(.easAlarm), let eas = try? await reader.easAlarm(uid: item.uid) {
                    row["eas"] = eas ? "on" : "off"
                }
                rows.append(row)
            }
            let alarm = reader.capabilities.contains(.easAlarm) ? try await reader.easAlarm() : nil
            if json {
                var doc: [String: Any] = ["tags": rows]
                if let alarm { doc["easAlarm"] = alarm }
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

struct DumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Show a tag's system information, memory (hex), decoded content and privacy verdict.")

    @OptionGroup var readerOption: ReaderOption
    @OptionGroup var policy: PolicyOption
    @Option(help: "The tag to dump (16 hex digits); default: the only tag in the field.") var uid: String?

    func run() async throws {
        try await runReaderCommand {
            var target: TagUID?
            if let uid {
                guard let u = TagUID(hex: uid) else { throw ValidationError("--uid must be 16 hex digits") }
                target = u
            }
            let reader = try await readerOption.open()
            if target == nil {
                let tags = try await reader.inventory(afi: nil, antenna: nil)
                guard tags.count == 1 else {
                    await reader.close()
                    throw ReaderCommandFailure(
                        ReaderError(.noTag, operation: "dump", "\(tags.count) tags in the field; name one with --uid"))
                }
                target = tags[0].uid
            }
            guard let target else { return }
            let info = try await reader.systemInformation(uid: target)
            let memory = try await reader.readBlocks(
                uid: target, first: 0, count: info.blockCount, blockSize: info.blockSize)
            await reader.close()
            print("UID    \(info.uid)")
            print("DSFID  \(info.dsfid.map { Hex.encode([$0]) } ?? "--")")
            print("AFI    \(info.afi.map { Hex.encode([$0]) } ?? "--")")
            print("Blocks \(info.blockCount) x \(info.blockSize) bytes")
            for b in 0..<info.blockCount {
                let bytes = memory[(b * info.blockSize)..<((b + 1) * info.blockSize)]
                print(String(format: "  %3d  ", b) + Hex.encode(bytes, separator: " "))
            }
            // The decoded content and verdict come after the raw memory, so a tag the codec
            // cannot read (exit 65) still shows every byte for the audit.
            print("")
            try runReportingFailures(tool: "rfid-station") {
                let tag = try TagDecoder.decode(memory, dsfid: info.dsfid)
                let verdict = PrivacyGuard.verdict(for: tag, policy: try policy.load())
                print(TagReport(tag: tag, verdict: verdict).text())
            }
        }
    }
}

struct ReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers", abstract: "List serial ports that could hold a reader, and USB readers by vendor/product id.")

    func run() async throws {
        for line in SerialPortListing.lines() { print(line) }
        for line in USBReaderListing.lines() { print(line) }
    }
}
