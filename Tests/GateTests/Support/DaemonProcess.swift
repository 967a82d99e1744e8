import Foundation
import TestSupport

/// `rfid-gated` run as a service would be, with its standard error captured in a file so a
/// test can read what it reported (and still read it after `kill -9`).
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let log: String

    init(config: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        log = config + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-gated")
        process.arguments = ["--config", config] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// The rows the daemon said it stored ("alarm stored ... row=N").
    var reportedRows: Set<Int64> {
        Set(
            output.split(separator: "\n").filter { $0.contains("alarm stored") }.compactMap { line in
                line.split(separator: " ").first { $0.hasPrefix("row=") }.flatMap { Int64($0.dropFirst(4)) }
            })
    }

    /// Waits for the daemon to exit on its own (a finite run); kills it at the limit.
    func waitForExit(within limit: Duration = .seconds(30)) -> Int32 {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }

    /// Waits until the log holds `text`, up to `limit`.
    @discardableResult
    func waitFor(_ text: String, within limit: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if output.contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    func terminate() -> Int32 {
        process.terminate()
        return waitForExit(within: .seconds(10))
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill9() }
    }
}
