import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process measured on its own: wall time and peak resident memory. A child forked
/// from this (large) process starts with this process's resident size as its high-water mark,
/// so the peak comes from GNU time, which forks the measured command from its own small
/// process; `wait4`'s figure is the fallback when /usr/bin/time is missing.
struct MeasuredRun {
    var seconds: Double
    var peakMegabytes: Double
    /// User plus system CPU time of the process and its threads (and of children it waited for).
    var cpuSeconds: Double
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
        let timePath = directory + "/child-\(UUID().uuidString).time"
        defer { try? FileManager.default.removeItem(atPath: timePath) }
        let gnuTime = "/usr/bin/time"
        let useTime = FileManager.default.isExecutableFile(atPath: gnuTime)
        let command = useTime ? [gnuTime, "-f", "%U %S %M", "-o", timePath, executable] + arguments : [executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkFailure("wait4 failed for \(executable)") }
        }
        let elapsed = ContinuousClock.now - start
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // Linux reports ru_maxrss in KiB, and GNU time's %M is the same figure for its child.
        var peakKiB = Double(usage.ru_maxrss)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        // wait4 counts the children the measured process waited for: GNU time's child here.
        var cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        if useTime, let text = try? String(contentsOfFile: timePath, encoding: .utf8),
            let last = text.split(separator: "\n").last
        {
            let figures = last.split(separator: " ").compactMap { Double($0) }
            if figures.count == 3 {
                cpu = figures[0] + figures[1]
                peakKiB = figures[2]
            }
        }
        return MeasuredRun(
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakMegabytes: peakKiB / 1024,
            cpuSeconds: cpu,
            status: exitCode,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
