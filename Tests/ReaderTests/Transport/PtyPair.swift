import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real pseudo-terminal pair: the test plays the reader on the master, and the slave path is
/// what `SerialPort` opens as if it were /dev/ttyUSB0.
final class PtyPair: Sendable {
    let master: Int32
    /// Kept open so the master does not read EIO while no port is open on the slave.
    let slave: Int32
    let slavePath: String
    private let masterClosed = Atomic<Bool>(false)

    init?() {
        var m: Int32 = -1
        var s: Int32 = -1
        guard openpty(&m, &s, nil, nil, nil) == 0 else { return nil }
        // ttyname() returns a shared static buffer; tests run in parallel, so use the _r form.
        var name = [CChar](repeating: 0, count: 128)
        guard ttyname_r(s, &name, name.count) == 0 else {
            Glibc.close(m)
            Glibc.close(s)
            return nil
        }
        var t = termios()
        tcgetattr(m, &t)
        cfmakeraw(&t)
        tcsetattr(m, TCSANOW, &t)
        master = m
        slave = s
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes as the reader would answer.
    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }

    /// Collects `count` bytes from the port's side, or what came within `timeout`.
    func receive(_ count: Int, within timeout: Duration = .seconds(2)) -> [UInt8] {
        var out: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while out.count < count, ContinuousClock.now < deadline {
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 10) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: count - out.count)
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n > 0 { out += buffer.prefix(n) } else { break }
        }
        return out
    }

    /// Waits until the port side has `count` bytes queued (the kernel moves pty bytes
    /// asynchronously), so tests about what is buffered do not depend on timing.
    func waitForInput(_ count: Int32, within timeout: Duration = .seconds(2)) -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            var queued: Int32 = 0
            if ioctl(slave, UInt(FIONREAD), &queued) == 0, queued >= count { return true }
            usleep(1000)
        }
        return false
    }

    /// The reader is unplugged: the port side sees a hang-up.
    func hangUp() {
        guard !masterClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Glibc.close(master)
    }

    deinit {
        hangUp()
        Glibc.close(slave)
    }
}
