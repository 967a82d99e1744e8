import Foundation
import ReaderCore
import ReaderEmulation
import TestSupport

/// `rfid-emulator` playing a FEIG gate reader on a pty, with a timeline and a record of every
/// command it received: what the daemon under test talks to, as it would to /dev/ttyUSB0.
final class EmulatorProcess: @unchecked Sendable {
    let process = Process()
    let directory: String
    let link: String
    let record: String

    init(directory: String, name: String = "reader", tags: [EmulatedTag], timeline: String, arguments: [String] = []) throws {
        self.directory = directory
        link = directory + "/\(name).pty"
        record = directory + "/\(name).record"
        let state = directory + "/\(name).json"
        let timelineFile = directory + "/\(name).timeline"
        try MockStateFile(path: state).save(tags)
        try timeline.write(toFile: timelineFile, atomically: true, encoding: .utf8)
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-emulator")
        process.arguments =
            ["--protocol", "feig", "--tags", state, "--link", link, "--timeline", timelineFile, "--record", record] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(5)
        while !FileManager.default.fileExists(atPath: link), ContinuousClock.now < deadline { usleep(5_000) }
    }

    /// The reader address a site file gives the daemon: short timeouts, so faults cost little.
    var address: String { "feig:\(link)?timeout=300ms" }

    /// One line per command: "<seconds> <CMD> <what>".
    var commands: [String] {
        ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
    }
}

extension EmulatedTag {
    /// A tag with a blank memory (its barcode unreadable, so a recording gate stores its UID).
    static func item(_ uid: String, afi: UInt8, eas: Bool = false) -> EmulatedTag {
        EmulatedTag(uid: TagUID(hex: uid)!, dsfid: 0, afi: afi, eas: eas)
    }
}
