import Foundation
import TestSupport
import Testing

@Suite("rfid-emulator command line")
struct EmulatorCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func temporary(_ name: String, _ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "\(UUID().uuidString)-\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the tool; with `stopAfter` it is sent SIGTERM then, as a service manager would.
    func run(_ arguments: [String], stopAfter: Duration? = nil) throws -> Run {
        let process = Process()
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-emulator")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let stopAfter {
            Thread.sleep(forTimeInterval: Double(stopAfter.components.seconds) + Double(stopAfter.components.attoseconds) / 1e18)
            process.terminate()
        }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    let state = #"{"tags": [{"uid": "E004010046707A28", "afi": "07"}]}"#

    @Test func printsThePtyPathAndSavesTagsOnSIGTERM() throws {
        let path = try temporary("state.json", state)
        let r = try run(["--protocol", "feig", "--tags", path], stopAfter: .milliseconds(500))
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("/dev/pts/"))
        #expect(r.stderr.contains("tags saved"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("E004010046707A28"))
    }

    @Test func saveEveryWritesTheStateFileWhileRunning() throws {
        let path = try temporary("state.json", state)
        let process = Process()
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-emulator")
        process.arguments = ["--protocol", "feig", "--tags", path, "--save-every", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        // The input is compact JSON; the emulator writes it pretty-printed, so a change of
        // layout before exit shows a checkpoint happened.
        let deadline = Date().addingTimeInterval(5)
        var rewritten = false
        while !rewritten, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            rewritten = (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\n") == true
        }
        #expect(rewritten && process.isRunning)
    }

    @Test func malformedFaultSpecIsAUsageErrorNamingThePosition() throws {
        let path = try temporary("state.json", state)
        let r = try run(["--protocol", "feig", "--tags", path, "--faults", "crc=0.1,slow=0.5:fast"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("character 17"))
    }

    @Test func timelineNamingAnUnknownTagIsADataErrorWithItsLine() throws {
        let path = try temporary("state.json", state)
        let timeline = try temporary("gate.txt", "0.5 enter E004010046707A28\n1 enter E004010099999999\n")
        let r = try run(["--protocol", "feig", "--tags", path, "--timeline", timeline])
        #expect(r.status == 65)
        #expect(r.stderr.contains("line 2"))
    }

    @Test func missingStateFileIsUnavailable() throws {
        let r = try run(["--protocol", "feig", "--tags", "/nonexistent/state.json"])
        #expect(r.status == 69)
        #expect(r.stderr.contains("does not exist"))
    }

    @Test func corruptStateFileNamesTheField() throws {
        let path = try temporary("state.json", #"{"tags": [{"uid": "E004"}]}"#)
        let r = try run(["--protocol", "feig", "--tags", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("tags[0].uid"))
    }

    @Test func unknownProtocolIsAUsageErrorNotSilentlyAnother() throws {
        let path = try temporary("state.json", state)
        let r = try run(["--protocol", "acr1552u", "--tags", path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'feig', '3m810' or 'trf7970a'"))
    }
}
