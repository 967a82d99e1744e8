import ArgumentParser
import CommandSupport
import SiteConfiguration
import Foundation
import ReaderCore
import ReaderEmulation
import RFIDCommon

/// Set by SIGINT/SIGTERM; the host loop notices within one poll interval and the tags are saved.
let stopFlag = StopFlag()

@main
struct Main: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-emulator",
        abstract: "Play a reader on a pseudo-terminal, over tags from a state file.",
        discussion: """
            Prints the pty path (drivers open it like /dev/ttyUSB0). Tags changed by the driver are \
            written back to the state file on exit (SIGINT/SIGTERM). See Docs/emulator.md for the \
            state file, timeline and fault formats. Exit statuses: 64 usage, 65 bad state/timeline, \
            69 protocol not available, 74 I/O.
            """)

    @Option(help: "Protocol to speak.") var `protocol`: EmulatedProtocol

    enum EmulatedProtocol: String, ExpressibleByArgument, CaseIterable {
        case feig
        case threeM810 = "3m810"
        case trf7970a
    }
    @Option(help: "State file with the tags ({\"tags\": [...]}).") var tags: String
    @Option(help: "Symlink to (re)create pointing at the current pty.") var link: String?
    @Option(help: "Timeline file: '<seconds> enter|leave <UID>' a line.") var timeline: String?
    @Option(help: "Faults, as rates per reply or times after start, e.g. crc=0.05,drop=@2s+@5s,partial=0.01,garbage=0.02,slow=0.05:200ms,vanish=@10s:3s")
    var faults: String?
    @Option(help: "Baud rate whose wire time replies honour (default: the reader's own, 38400 feig, 19200 3m810, 115200 trf7970a).") var baud: Int?
    @Option(help: "Bits per byte on the wire (11 for 8E1, 10 for 8N1).") var bitsPerByte: Int?
    @Option(help: "Seed for fault injection (same seed, same faults).") var seed: UInt64 = 1
    @Option(help: "Also save the tags every N seconds while running (0 = only on exit).") var saveEvery = 0
    @Option(help: "Append one line per received command to this file: seconds since start, command, and for an inventory its AFI filter (feig).")
    var record: String?
    @Option(help: "Least severe log message shown on standard error (outputs switched on by the driver are shown at notice).")
    var logLevel = SiteConfiguration.Log.Level.notice

    func run() throws {
        LogSetup.bootstrap(level: logLevel)
        try runReportingFailures(tool: "rfid-emulator") { try serve() }
    }

    func serve() throws {
        let stateFile = MockStateFile(path: tags)
        let catalogue = try stateFile.load()
        var config = EmulatorHost<NoEmulator>.Configuration()
        config.baud = baud ?? 38400
        config.seed = seed
        config.link = link
        config.catalogue = catalogue
        if saveEvery > 0 { config.checkpointInterval = .seconds(saveEvery) }
        if let faults { config.faults = try FaultSpec(parsing: faults) }
        let field: TagField
        if let timeline {
            let text: String
            do { text = try String(contentsOfFile: timeline, encoding: .utf8) } catch {
                throw EmulatorCommandError.timelineUnreadable(timeline)
            }
            config.timeline = try Timeline(parsing: text, knownTags: Set(catalogue.map(\.uid)))
            field = TagField()  // the timeline brings tags in
        } else {
            field = TagField(catalogue)
        }
        switch `protocol` {
        case .feig:
            config.bitsPerByte = bitsPerByte ?? 11
            var emulator = FEIGEmulator()
            emulator.recorder = try CommandRecorder.feig(path: record)
            try Self.host(emulator, field: field, configuration: config, stateFile: stateFile)
        case .threeM810:
            config.baud = baud ?? 19200  // the 3M cable's fixed rate
            config.bitsPerByte = bitsPerByte ?? 10
            try Self.host(ThreeM810Emulator(), field: field, configuration: config, stateFile: stateFile)
        case .trf7970a:
            config.baud = baud ?? 115200
            config.bitsPerByte = bitsPerByte ?? 10
            try Self.host(TRF7970AEmulator(), field: field, configuration: config, stateFile: stateFile)
        }
    }

    /// Serves until a signal, then writes the tags (as changed in the field) back.
    static func host<E: ProtocolEmulator>(
        _ emulator: E, field: TagField, configuration: EmulatorHost<NoEmulator>.Configuration, stateFile: MockStateFile
    ) throws {
        var c = EmulatorHost<E>.Configuration()
        c.baud = configuration.baud
        c.bitsPerByte = configuration.bitsPerByte
        c.faults = configuration.faults
        c.timeline = configuration.timeline
        c.catalogue = configuration.catalogue
        c.seed = configuration.seed
        c.link = configuration.link
        c.checkpointInterval = configuration.checkpointInterval
        // A parent may have started us with these blocked (signal masks are inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGINT) { _ in stopFlag.stop() }
        signal(SIGTERM) { _ in stopFlag.stop() }
        let host = EmulatorHost(emulator: emulator, field: field, configuration: c)
        var latest = c.catalogue
        // Tags keep their last known state when they leave the field on the timeline: the
        // host holds what they took with them.
        func merged(_ field: TagField) -> [EmulatedTag] {
            let known = field.tags + host.tagsOutside
            latest = latest.map { tag in known.first(where: { $0.uid == tag.uid }) ?? tag }
            return latest
        }
        try host.run(
            until: stopFlag,
            onReady: { path in
                FileHandle.standardOutput.write(Data("\(path)\n".utf8))
                LogSetup.logger("rfid-emulator").info("serving", metadata: ["protocol": "\(E.protocolName)", "pty": "\(path)"])
            },
            checkpoint: { field in
                do { try stateFile.save(merged(field)) } catch {
                    Failure.printError("rfid-emulator: \(error)")
                }
            })
        try stateFile.save(merged(field))
        let s = host.statistics
        Failure.printError(
            "rfid-emulator: \(s.replies) replies, \(s.dropped) dropped, \(s.corrupted) corrupted, \(s.partial) partial, \(s.garbage) garbage, \(s.slow) slow, \(s.vanished) vanished; tags saved")
    }
}

/// Placeholder type for the configuration before the protocol is chosen.
struct NoEmulator: ProtocolEmulator {
    static let protocolName = "none"
    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] { [] }
    mutating func resetReceiver() {}
}

enum EmulatorCommandError: UserFacingError {
    case timelineUnreadable(String)
    case recordUnwritable(String)
    var exitStatus: ExitStatus {
        switch self {
        case .timelineUnreadable, .recordUnwritable: .ioError
        }
    }
    var description: String {
        switch self {
        case .timelineUnreadable(let p): "cannot read timeline file \(p)"
        case .recordUnwritable(let p): "cannot write the command record \(p)"
        }
    }
}
