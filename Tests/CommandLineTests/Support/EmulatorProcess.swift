import Foundation
import TestSupport

/// `rfid-emulator` on a pty behind a link, stopped (SIGTERM) when the test ends or by `stop()`,
/// after which its state file holds the tags as the commands left them: what the tests assert
/// on, rather than only on what a command printed.
final class EmulatorProcess {
    let process = Process()
    let link = NSTemporaryDirectory() + "station-\(UUID().uuidString).pty"
    let state: String

    init(_ protocolName: String, state: String, faults: [String] = [], timeline: String? = nil) throws {
        self.state = state
        process.executableURL = URL(fileURLWithPath: RunTool.path("rfid-emulator"))
        var arguments = ["--protocol", protocolName, "--tags", state, "--link", link] + faults
        if let timeline { arguments += ["--timeline", timeline] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: link) && Date() < deadline { usleep(20_000) }
    }

    var ready: Bool { FileManager.default.fileExists(atPath: link) }

    /// Stops the emulator; it writes the tags back to its state file on the way out.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The tags as the state file holds them, by UID (call after `stop()`).
    func tags() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: state))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let list = root?["tags"] as? [[String: Any]] ?? []
        var byUID: [String: [String: Any]] = [:]
        for tag in list { if let uid = tag["uid"] as? String { byUID[uid] = tag } }
        return byUID
    }

    deinit { stop() }
}

/// A state file in a fresh temporary directory.
enum StateFiles {
    static func write(_ json: String, name: String = "tags.json") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
