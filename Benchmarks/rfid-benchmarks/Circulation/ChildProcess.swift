import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process measured on its own: wall time, and peak resident memory from `wait4`'s
/// rusage, which counts only that child (not this process, nor earlier children).
struct MeasuredRun {
    var seconds: Double
    var peakMegabytes: Double
    var status: Int32
    var stdout: String
    var stderr: String
}

enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> MeasuredRun {
        let outPath = directory + "/child-\(UUID().uuidString).out"
        let errPath = directory + "/child-\(UUID().uuidString).err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkFailure("wait4 failed for \(executable)") }
        }
        let elapsed = ContinuousClock.now - start
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return MeasuredRun(
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            // Linux reports ru_maxrss in KiB.
            peakMegabytes: Double(usage.ru_maxrss) / 1024,
            status: exitCode,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
