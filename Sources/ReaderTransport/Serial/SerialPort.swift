import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A serial port (RS-232/485 adapter, USB-UART, or a pseudo-terminal standing in for one) in raw
/// mode, opened exclusively: two programs sharing a reader's line corrupt each other's frames,
/// so a second opener gets `.busy` instead of a port that works only sometimes.
///
/// Exclusivity uses both conventions Linux programs honour: `flock` (binding on every program
/// that locks, root included: other LibraryRFID tools, most serial utilities) and `TIOCEXCL`
/// (the kernel refuses further opens by non-root programs, even those that never lock).
public final class SerialPort: ByteTransport {
    public let path: String
    public let settings: SerialSettings
    /// True for a pseudo-terminal (the emulator): parity and data bits do not apply there.
    public let isPseudoTerminal: Bool
    private let fd: Int32
    private let gate = CallGate()
    /// When the line will next be quiet for `interFrameGap`; a write waits for it.
    private let quietAt: Mutex<ContinuousClock.Instant>

    public var description: String { "\(path) \(settings)" }

    public init(path: String, settings: SerialSettings) throws(TransportError) {
        self.path = path
        self.settings = settings
        try settings.validate(endpoint: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == EACCES { throw Self.permission(path) }
            throw TransportError(
                .notFound, endpoint: path,
                "no such serial port (is the reader plugged in? `rfid-station readers` lists the ports present)")
        }
        guard info.st_mode & S_IFMT == S_IFCHR else {
            throw TransportError(.invalidConfiguration, endpoint: path, "is not a serial port (not a character device)")
        }
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Self.openFailure(errno, path) }
        do throws(TransportError) {
            guard isatty(fd) == 1 else {
                throw TransportError(.invalidConfiguration, endpoint: path, "is not a serial port (not a terminal device)")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                if code == EWOULDBLOCK { throw Self.inUse(path) }
                throw TransportError(.io, endpoint: path, "cannot lock the port: \(errnoText(code))")
            }
            guard ioctl(fd, UInt(TIOCEXCL)) == 0 else {
                throw TransportError(.io, endpoint: path, "cannot make the port exclusive: \(errnoText())")
            }
            try Termios.configure(fd, settings, endpoint: path, pseudoTerminal: Termios.isPseudoTerminal(info))
            tcflush(fd, TCIOFLUSH)
        } catch {
            Glibc.close(fd)
            throw error
        }
        self.fd = fd
        isPseudoTerminal = Termios.isPseudoTerminal(info)
        quietAt = Mutex(ContinuousClock.now)
    }

    /// The line settings the port reports now (after `init` they are `settings`).
    public var currentSettings: SerialSettings? {
        guard gate.enter() else { return nil }
        defer { gate.leave() }
        return Termios.current(fd)
    }

    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try enter()
        defer { gate.leave() }
        let gapEnd = quietAt.withLock { $0 }
        Deadline.sleep(until: min(gapEnd, deadline))
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
                continue
            }
            let code = errno
            guard n < 0, code == EAGAIN || code == EINTR else { throw failure(code, "write") }
            guard let events = try waitFor(POLLOUT, on: fd, until: deadline, endpoint: path, isClosed: isClosed) else {
                throw TransportError(.timeout, endpoint: path, "write stalled: \(offset) of \(bytes.count) bytes sent")
            }
            if events & Int16(POLLOUT) == 0 { throw hangup(events) }
        }
        // The kernel has the bytes; the UART still needs the wire time to send them.
        let sent = ContinuousClock.now + settings.wireTime(bytes: bytes.count) + settings.interFrameGap
        quietAt.withLock { $0 = sent }
    }

    public func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        try enter()
        defer { gate.leave() }
        var buffer = [UInt8](repeating: 0, count: max(1, min(maxCount, 4096)))
        while true {
            guard let events = try waitFor(POLLIN, on: fd, until: deadline, endpoint: path, isClosed: isClosed) else {
                throw TransportError(.timeout, endpoint: path, "no bytes from the reader before the deadline")
            }
            if events & Int16(POLLIN) == 0 { throw hangup(events) }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                let end = ContinuousClock.now + settings.interFrameGap
                quietAt.withLock { $0 = max($0, end) }
                return Array(buffer.prefix(n))
            }
            let code = errno
            // Readable yet nothing to read: the device behind the port has gone.
            if n == 0 { throw TransportError(.disconnected, endpoint: path, "the port closed (device unplugged?)") }
            if code != EAGAIN, code != EINTR { throw failure(code, "read") }
        }
    }

    public func flush() throws(TransportError) {
        try enter()
        defer { gate.leave() }
        guard tcflush(fd, TCIOFLUSH) == 0 else { throw failure(errno, "flush") }
    }

    public func close() {
        guard gate.close() else { return }
        _ = ioctl(fd, UInt(TIOCNXCL))
        Glibc.close(fd)  // also releases the flock
    }

    deinit { close() }

    private func isClosed() -> Bool { gate.isClosed }

    private func enter() throws(TransportError) {
        guard gate.enter() else { throw TransportError(.disconnected, endpoint: path, "the port was closed") }
    }

    private func hangup(_ events: Int16) -> TransportError {
        if isClosed() { return TransportError(.disconnected, endpoint: path, "the port was closed") }
        return TransportError(.disconnected, endpoint: path, "the line hung up (device unplugged?)")
    }

    private func failure(_ code: Int32, _ operation: String) -> TransportError {
        switch code {
        case EIO, ENXIO, ENODEV, EPIPE, EBADF:
            TransportError(.disconnected, endpoint: path, "\(operation) failed: the device went away (\(errnoText(code)))")
        default:
            TransportError(.io, endpoint: path, "\(operation) failed: \(errnoText(code))")
        }
    }

    static func openFailure(_ code: Int32, _ path: String) -> TransportError {
        switch code {
        case EBUSY: inUse(path)
        case EACCES, EPERM: permission(path)
        case ENOENT, ENXIO, ENODEV:
            TransportError(.notFound, endpoint: path, "no device behind this port (\(errnoText(code))); is the reader plugged in?")
        default: TransportError(.io, endpoint: path, "cannot open: \(errnoText(code))")
        }
    }

    static func inUse(_ path: String) -> TransportError {
        TransportError(
            .busy, endpoint: path,
            "port in use by another program (another rfid-station or rfid-gated, a terminal program, ModemManager); `fuser -v \(path)` shows which")
    }

    static func permission(_ path: String) -> TransportError {
        TransportError(
            .permissionDenied, endpoint: path,
            "permission denied; add this account to the group that owns the port (`ls -l \(path)`; usually dialout)")
    }
}
