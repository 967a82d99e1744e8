#if canImport(Glibc)
import Glibc
#endif
import RFIDCommon

/// The pty a reader emulator answers on: the master side is the "reader", the slave path is
/// what a driver opens as if it were /dev/ttyUSB0. Raw mode, so no byte is translated.
final class PseudoTerminal {
    let master: Int32
    /// Held open by the host so the master does not see EIO between client opens.
    let slave: Int32
    let slavePath: String

    init() throws(EmulatorHostError) {
        // /dev/ptmx with the two ioctls grantpt/unlockpt/ptsname wrap (those are hidden from
        // Swift's Glibc module behind feature macros).
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard m >= 0 else { throw .pty("cannot open /dev/ptmx: \(String(cString: strerror(errno)))") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        let tiocsptlck: UInt = 0x4004_5431
        let tiocgptn: UInt = 0x8004_5430
        guard ioctl(m, tiocsptlck, &unlock) == 0, ioctl(m, tiocgptn, &number) == 0 else {
            Glibc.close(m)
            throw .pty("cannot unlock the pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let path = "/dev/pts/\(number)"
        let s = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard s >= 0 else {
            Glibc.close(m)
            throw .pty("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var t = termios()
        tcgetattr(s, &t)
        cfmakeraw(&t)
        tcsetattr(s, TCSANOW, &t)
        let flags = fcntl(m, F_GETFL)
        _ = fcntl(m, F_SETFL, flags | O_NONBLOCK)
        master = m
        slave = s
        slavePath = path
    }

    /// Waits up to `timeout` for bytes from the driver; empty when none came.
    func read(timeout: Duration) -> [UInt8] {
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, min(1000, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)))
        guard poll(&p, 1, ms) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        return n > 0 ? Array(buffer.prefix(n)) : []
    }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        let deadline = ContinuousClock.now + .seconds(2)
        while offset < bytes.count, ContinuousClock.now < deadline {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if errno == EAGAIN || errno == EINTR { usleep(1000) } else { return }
        }
    }

    deinit {
        Glibc.close(slave)
        Glibc.close(master)
    }
}

public enum EmulatorHostError: UserFacingError, Equatable {
    case pty(String)
    case link(String)
    public var exitStatus: ExitStatus { .ioError }
    public var description: String {
        switch self {
        case .pty(let s): "pseudo-terminal: \(s)"
        case .link(let s): "--link: \(s)"
        }
    }
}
