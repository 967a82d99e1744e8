import Foundation

/// Runs a command line on a pseudo-terminal through util-linux `script`, for what a tool does
/// when a person is watching (a progress bar, refusing to wait for typed input).
enum Terminal {
    struct Run {
        var status: Int32
        /// Everything the command wrote to the terminal, control characters included.
        var output: String
    }

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/script") }

    /// `script -qec COMMAND /dev/null`: the command's standard input, output and error are the
    /// terminal; `-e` returns its exit status.
    static func run(_ command: String, timeLimit: TimeInterval = 60) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        // script reads its own standard input to feed the terminal: give it one that stays open
        // but empty, so the command sees a terminal with nothing typed.
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // A command that waits for typed input would never end: it is killed at the limit.
        nonisolated(unsafe) let running = process
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { if running.isRunning { running.terminate() } }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
