import Foundation
import TestSupport

/// Runs a built tool of the package as a child process, with a deadline so a hung tool fails
/// the test instead of hanging it.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum ReportToolRunner {
    static func run(
        _ tool: String, _ arguments: [String], environment: [String: String] = [:], deadline: Duration = .seconds(60)
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent(tool)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toolrun-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out")
        let errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        let start = ContinuousClock.now
        while process.isRunning {
            if ContinuousClock.now - start > deadline {
                process.terminate()
                process.waitUntilExit()
                throw ToolTimeout(tool: tool)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try outHandle.close()
        try errHandle.close()
        return ToolRun(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

struct ToolTimeout: Error, CustomStringConvertible {
    var tool: String
    var description: String { "\(tool) did not finish before its deadline" }
}
