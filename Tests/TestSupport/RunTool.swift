import Foundation

/// Runs one of the package's built executables and captures what it printed, so command-line
/// tests check exit statuses and output exactly as a script at a library would see them.
public struct ToolResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum RunTool {
    public static func path(_ tool: String) -> String {
        SharedFiles.productsDirectory.appendingPathComponent(tool).path
    }

    /// Runs `tool` with `arguments`, optional standard input, and a time limit (the process is
    /// killed at the limit, so a hanging tool fails its test instead of hanging the suite).
    public static func run(
        _ tool: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        timeLimit: Double = 60
    ) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(tool))
        process.arguments = arguments
        // A station records its activity in `station.log`, by default under /var/lib: tests
        // keep it in a temporary file unless they name one.
        let defaults = ["LIBRARYRFID_STATION_LOG": NSTemporaryDirectory() + "station-activity-\(UUID().uuidString).sqlite"]
        process.environment = ProcessInfo.processInfo.environment.merging(defaults) { $1 }.merging(environment ?? [:]) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeLimit)
        // Read concurrently with waiting, so a chatty tool cannot block on a full pipe.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        group.wait()
        return ToolResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
