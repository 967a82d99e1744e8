import Foundation

/// Debian's Chromium, headless, for checking the HTML report as a browser shows it. Installed on
/// first use when missing (about a minute and ~120 packages with apt-get, too slow for
/// `scripts/install-deps`, which every build runs); where it cannot be installed the browser
/// tests are skipped and say why.
enum HeadlessChromium {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]

    /// The browser's path, or why there is none. Worked out once per test process.
    static let located: Result<String, Unavailable> = locate()

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static var path: String? { try? located.get() }
    static var skipReason: String {
        if case .failure(let why) = located { return why.description }
        return ""
    }

    private static func locate() -> Result<String, Unavailable> {
        if let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) { return .success(found) }
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else {
            return .failure(Unavailable(description: "Chromium is not installed and this is not root with apt-get: sudo apt-get install chromium"))
        }
        let status = run("/usr/bin/apt-get", ["install", "-y", "-qq", "chromium"], environment: ["DEBIAN_FRONTEND": "noninteractive"])
        if let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) { return .success(found) }
        return .failure(Unavailable(description: "Chromium is not installed and apt-get install chromium failed (status \(status)); offline?"))
    }

    /// What Chromium made of a page: its DOM, the console messages it logged, and the URLs the
    /// page itself asked the network for (Chromium's own background requests left out).
    struct Visit {
        var dom: String
        var consoleMessages: [String]
        var pageRequests: [String]
    }

    /// Common flags: no sandbox (tests may run as root), no GPU, a throwaway profile, and every
    /// host name unresolvable, so nothing can leave the machine whatever a page asks for.
    static func flags(profile: String) -> [String] {
        [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(profile)", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
        ]
    }

    static func visit(_ file: String, workDirectory: String) throws -> Visit {
        let netLog = workDirectory + "/net-log.json"
        let out = workDirectory + "/visit.out"
        let err = workDirectory + "/visit.err"
        let arguments = flags(profile: workDirectory + "/profile-visit") + [
            "--enable-logging=stderr", "--v=1", "--log-net-log=\(netLog)", "--dump-dom",
            URL(fileURLWithPath: file).absoluteString,
        ]
        _ = run(path ?? "", arguments, stdout: out, stderr: err)
        let log = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        // Console messages are logged as `...:INFO:CONSOLE:1] "message", source: ...`.
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Visit(
            dom: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", consoleMessages: console,
            pageRequests: pageRequests(netLog: netLog))
    }

    /// Requests whose initiator is the page: a file:// page has an opaque origin, logged as
    /// "null"; Chromium's own requests (updates, time, accounts) have no page as initiator.
    static func pageRequests(netLog: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: netLog),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let events = object["events"] as? [[String: Any]]
        else { return ["(no readable net log at \(netLog))"] }
        return events.compactMap { event in
            guard let params = event["params"] as? [String: Any], let url = params["url"] as? String,
                let initiator = params["initiator"] as? String
            else { return nil }
            return initiator == "null" || initiator.hasPrefix("file://") ? url : nil
        }
    }

    /// A screenshot of `file` at `width` x `height`, as PNG bytes.
    static func screenshot(_ file: String, workDirectory: String, name: String, width: Int = 1200, height: Int = 2400) throws -> Data {
        let png = workDirectory + "/\(name).png"
        let arguments = flags(profile: workDirectory + "/profile-\(name)") + [
            "--window-size=\(width),\(height)", "--screenshot=\(png)", URL(fileURLWithPath: file).absoluteString,
        ]
        _ = run(path ?? "", arguments, stdout: workDirectory + "/\(name).out", stderr: workDirectory + "/\(name).err")
        return try Data(contentsOf: URL(fileURLWithPath: png))
    }

    /// Runs a program to its end (killed after two minutes), output into files.
    @discardableResult
    static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], stdout: String? = nil,
        stderr: String? = nil
    ) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        for (path, set) in [(stdout, { process.standardOutput = $0 }), (stderr, { process.standardError = $0 })] as [(String?, (FileHandle) -> Void)] {
            guard let path else { continue }
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            if let handle = FileHandle(forWritingAtPath: path) { set(handle) }
        }
        if stdout == nil { process.standardOutput = FileHandle.nullDevice }
        if stderr == nil { process.standardError = FileHandle.nullDevice }
        do { try process.run() } catch { return -1 }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
