import Foundation
import ReaderTransport
#if canImport(Glibc)
import Glibc
#endif

/// A minimal raw-mode ByteTransport over a pty path for the benchmark, until the product
/// SerialPort is merged; line settings do not matter on a pty (the emulator paces the bytes).
final class PtyPort: ByteTransport {
    let fd: Int32
    let path: String
    var description: String { "pty \(path)" }

    init(path: String) throws(TransportError) {
        self.path = path
        fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw TransportError(.notFound, endpoint: path, "cannot open") }
        var t = termios()
        tcgetattr(fd, &t)
        cfmakeraw(&t)
        tcsetattr(fd, TCSANOW, &t)
    }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 { offset += n; continue }
            guard errno == EAGAIN || errno == EINTR, ContinuousClock.now < deadline else {
                throw TransportError(.disconnected, endpoint: path, "write failed")
            }
            usleep(1000)
        }
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        while ContinuousClock.now < deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 5) > 0 else { continue }
            if p.revents & Int16(POLLHUP) != 0 && p.revents & Int16(POLLIN) == 0 {
                throw TransportError(.disconnected, endpoint: path, "hung up")
            }
            var buffer = [UInt8](repeating: 0, count: max(1, min(maxCount, 512)))
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { return Array(buffer.prefix(n)) }
            if n < 0, errno != EAGAIN, errno != EINTR { throw TransportError(.disconnected, endpoint: path, "read failed") }
        }
        throw TransportError(.timeout, endpoint: path, "no reply")
    }

    func flush() throws(TransportError) { tcflush(fd, TCIOFLUSH) }
    func close() { Glibc.close(fd) }
}
