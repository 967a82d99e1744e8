import Foundation
import Synchronization
import ReaderTransport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Serial port over real pseudo-terminals")
struct SerialPortTests {
    static let settingsUsedByReaders: [SerialSettings] = [
        SerialSettings(baud: 9600),
        .threeM810,
        .feig,
        SerialSettings(baud: 57600, parity: .even),
        .trf7970a,
        SerialSettings(baud: 38400, dataBits: 7, parity: .odd, stopBits: 2),
    ]

    /// A pty keeps the baud rate it is given but the kernel forces it to 8 data bits without
    /// parity (it carries bytes, not bits); a UART keeps all of it, which `init` verifies.
    @Test("opening applies the requested baud rate; a pty accepts every framing", arguments: settingsUsedByReaders)
    func configuresTheLine(settings: SerialSettings) throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: settings)
        defer { port.close() }
        #expect(port.isPseudoTerminal)
        #expect(port.currentSettings?.baud == settings.baud)
        #expect(port.description == "\(pty.slavePath) \(settings)")
    }

    @Test func bytesCrossUntranslatedInBothDirections() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { port.close() }
        // XON/XOFF, CR, LF, NUL, 0xFF and a parity-looking pattern must pass raw.
        let awkward: [UInt8] = [0x11, 0x13, 0x0D, 0x0A, 0x00, 0xFF, 0x03, 0x1C, 0x7F, 0x80]
        try port.write(awkward, deadline: .now + .seconds(1))
        #expect(pty.receive(awkward.count) == awkward)
        pty.send(awkward.reversed())
        var got: [UInt8] = []
        while got.count < awkward.count { got += try port.read(maxCount: 64, deadline: .now + .seconds(1)) }
        #expect(got == awkward.reversed())
    }

    @Test func readReturnsAtMostMaxCountAndKeepsTheRest() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: .threeM810)
        defer { port.close() }
        pty.send(Array(1...10))
        try #require(pty.waitForInput(10))
        #expect(try port.read(maxCount: 4, deadline: .now + .seconds(1)) == [1, 2, 3, 4])
        #expect(try port.read(maxCount: 64, deadline: .now + .seconds(1)) == Array(5...10))
    }

    @Test func silentReaderGivesATimeoutAtTheDeadlineNotAHang() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { port.close() }
        let start = ContinuousClock.now
        #expect {
            _ = try port.read(maxCount: 16, deadline: start + .milliseconds(150))
        } throws: { ($0 as? TransportError)?.kind == .timeout }
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(150) && waited < .seconds(10))
    }

    @Test func secondOpenOfTheSamePortIsReportedAsInUse() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let first = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { first.close() }
        do {
            _ = try SerialPort(path: pty.slavePath, settings: .feig)
            Issue.record("a second program opened a port that was in use")
        } catch {
            #expect(error.kind == .busy)
            #expect(error.description.contains("in use by another program"))
            #expect(error.exitStatus == .unavailable)
        }
    }

    @Test func portLockedByAnotherProgramIsInUse() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let other = open(pty.slavePath, O_RDWR | O_NOCTTY | O_NONBLOCK)
        try #require(other >= 0)
        defer { Glibc.close(other) }
        try #require(flock(other, LOCK_EX | LOCK_NB) == 0)
        #expect { try SerialPort(path: pty.slavePath, settings: .feig) } throws: { ($0 as? TransportError)?.kind == .busy }
    }

    @Test func closingReleasesThePortForTheNextProgram() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        try SerialPort(path: pty.slavePath, settings: .feig).close()
        let again = try SerialPort(path: pty.slavePath, settings: .feig)
        again.close()
        #expect { try again.read(maxCount: 1, deadline: .now + .seconds(1)) } throws: {
            ($0 as? TransportError)?.kind == .disconnected
        }
    }

    @Test func missingPortIsNotFoundAndSaysSo() {
        do {
            _ = try SerialPort(path: "/dev/ttyUSB-does-not-exist", settings: .feig)
            Issue.record("opened a port that does not exist")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.endpoint == "/dev/ttyUSB-does-not-exist")
            #expect(error.description.contains("no such serial port"))
        }
    }

    @Test("something that is not a tty is refused by name", arguments: ["/dev/null", "regular file"])
    func notATerminalIsAConfigurationError(kind: String) throws {
        var path = "/dev/null"
        if kind == "regular file" {
            path = NSTemporaryDirectory() + "not-a-port-\(UUID().uuidString)"
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        }
        defer { if kind == "regular file" { try? FileManager.default.removeItem(atPath: path) } }
        do {
            _ = try SerialPort(path: path, settings: .feig)
            Issue.record("opened \(path) as a serial port")
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.description.contains("is not a serial port"))
        }
    }

    @Test func unsupportedBaudRateIsRefusedBeforeOpening() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        #expect { try SerialPort(path: pty.slavePath, settings: SerialSettings(baud: 12345)) } throws: {
            ($0 as? TransportError)?.kind == .invalidConfiguration
                && ($0 as? TransportError)?.description.contains("12345") == true
        }
    }

    @Test func unpluggedDeviceIsDisconnectedNotATimeout() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { port.close() }
        pty.hangUp()
        #expect { try port.read(maxCount: 16, deadline: .now + .seconds(2)) } throws: {
            ($0 as? TransportError)?.kind == .disconnected
        }
    }

    @Test func flushDropsBytesThatArrivedBeforeIt() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        defer { port.close() }
        pty.send([0xEE, 0xEE, 0xEE])
        try #require(pty.waitForInput(3))
        try port.flush()
        pty.send([0x42])
        #expect(try port.read(maxCount: 16, deadline: .now + .seconds(1)) == [0x42])
    }

    @Test func interFrameGapKeepsConsecutiveFramesApart() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }  // outlive the port: a freed pty number is reused at once
        let gap = Duration.milliseconds(60)
        let port = try SerialPort(path: pty.slavePath, settings: SerialSettings(baud: 115200, interFrameGap: gap))
        defer { port.close() }
        try port.write([1], deadline: .now + .seconds(1))
        let first = ContinuousClock.now
        try port.write([2], deadline: .now + .seconds(1))
        #expect(ContinuousClock.now - first >= gap - .milliseconds(1))
        #expect(pty.receive(2) == [1, 2])
    }

    /// The read's own deadline is a minute away, so an outcome well before it can only come from
    /// the close. The read blocks a plain thread (not the shared task pool, which other suites
    /// keep busy), and the bound is loose because the test machines are loaded.
    @Test func closingFromAnotherThreadEndsAWaitingReadPromptly() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let port = try SerialPort(path: pty.slavePath, settings: .feig)
        let start = ContinuousClock.now
        let outcome = Mutex<TransportError.Kind??>(nil)
        let reader = Thread {
            do {
                _ = try port.read(maxCount: 16, deadline: .now + .seconds(60))
                outcome.withLock { $0 = .some(nil) }
            } catch { outcome.withLock { $0 = .some((error as? TransportError)?.kind) } }
        }
        reader.start()
        try await Task.sleep(for: .milliseconds(50))
        port.close()
        while outcome.withLock({ $0 }) == nil && ContinuousClock.now - start < .seconds(30) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(outcome.withLock { $0 } == .some(.disconnected))
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    /// A reader that stops draining the line (flow stuck, cable half in) must not hang a write.
    @Test func writeThatCannotDrainStopsAtTheDeadline() throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let port = try SerialPort(path: pty.slavePath, settings: SerialSettings(baud: 115200))
        defer { port.close() }
        let start = ContinuousClock.now
        do {
            try port.write([UInt8](repeating: 0x55, count: 1 << 20), deadline: start + .milliseconds(200))
            Issue.record("a megabyte fitted into a pty nobody reads")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.description.contains("write stalled"))
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
