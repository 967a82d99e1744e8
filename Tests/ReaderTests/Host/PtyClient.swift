import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReaderCore
import ReaderEmulation
import Synchronization

/// A line protocol small enough to check by eye: "<text>\n" is answered "=<text>\n", and "?\n"
/// with the number of tags in the field. The host's behaviour, not the protocol, is under test.
struct LineEmulator: ProtocolEmulator {
    static let protocolName = "line"
    var buffer: [UInt8] = []

    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        for b in bytes {
            if b == 0x0A {
                if buffer == Array("?".utf8) {
                    replies.append(Array("\(field.tags.count)\n".utf8))
                } else {
                    replies.append([UInt8(ascii: "=")] + buffer + [0x0A])
                }
                buffer = []
            } else {
                buffer.append(b)
            }
        }
        return replies
    }

    mutating func resetReceiver() { buffer = [] }
}

/// The driver's side of the pty, opened through the link path as a driver opens a port.
final class PtyClient {
    let fd: Int32

    init?(path: String) {
        fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var t = termios()
        tcgetattr(fd, &t)
        cfmakeraw(&t)
        tcsetattr(fd, TCSANOW, &t)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until `count` bytes or a newline arrived, or the deadline passed.
    func receive(upTo count: Int = 256, within timeout: Duration = .seconds(2), untilNewline: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, out.count < count {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 10) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { out += buffer.prefix(n) } else if n == 0 { break }
            if untilNewline, out.last == 0x0A { break }
        }
        return out
    }

    deinit { close(fd) }
}

/// Starts a host on its own thread and stops it when the test is done.
final class RunningHost: Sendable {
    let stop = StopFlag()
    let link: String
    let done = StatisticsBox()

    init(field: TagField, configure: (inout EmulatorHost<LineEmulator>.Configuration) -> Void = { _ in }) {
        link = NSTemporaryDirectory() + "host-\(UUID().uuidString).pty"
        var configuration = EmulatorHost<LineEmulator>.Configuration()
        configuration.link = link
        configure(&configuration)
        let config = configuration
        let stop = self.stop
        let done = self.done
        Thread.detachNewThread {
            let host = EmulatorHost(emulator: LineEmulator(), field: field, configuration: config)
            try? host.run(until: stop)
            done.value.withLock { $0 = host.statistics }
        }
    }

    /// Waits for the link to exist and opens it.
    func connect(within timeout: Duration = .seconds(3)) -> PtyClient? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let c = PtyClient(path: link) { return c }
            usleep(5_000)
        }
        return nil
    }

    func finish() -> EmulatorHost<LineEmulator>.Statistics? {
        stop.stop()
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline {
            if let s = done.value.withLock({ $0 }) { return s }
            usleep(5_000)
        }
        return nil
    }
}

final class StatisticsBox: Sendable {
    let value = Mutex<EmulatorHost<LineEmulator>.Statistics?>(nil)
}
