#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to a serial-over-IP device server (Moxa NPort, Lantronix, a FEIG reader's
/// own LAN port) in raw/"TCP server" mode: the bytes are the reader's serial frames unchanged.
/// The device server owns the serial line settings; this side sees only a byte stream.
public final class TCPTransport: ByteTransport {
    public let host: String
    public let port: Int
    private let fd: Int32
    private let gate = CallGate()

    public var description: String { "tcp \(endpoint)" }
    private var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Connects within `timeout`. Name resolution goes through the system resolver first; use an
    /// IP address in site configuration so a slow DNS server cannot stall a station.
    public init(host: String, port: Int, timeout: Duration = .seconds(3)) throws(TransportError) {
        self.host = host
        self.port = port
        let endpoint = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard (1...65535).contains(port) else {
            throw TransportError(.invalidConfiguration, endpoint: endpoint, "port must be 1-65535")
        }
        let deadline = ContinuousClock.now + timeout
        fd = try TCPConnect.connect(host: host, port: port, endpoint: endpoint, deadline: deadline)
    }

    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try enter()
        defer { gate.leave() }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                offset += n
                continue
            }
            let code = errno
            guard n < 0, code == EAGAIN || code == EINTR else { throw failure(code, "send") }
            guard let events = try waitFor(POLLOUT, on: fd, until: deadline, endpoint: endpoint, isClosed: isClosed) else {
                throw TransportError(.timeout, endpoint: endpoint, "send stalled: \(offset) of \(bytes.count) bytes sent")
            }
            if events & Int16(POLLOUT) == 0 { throw peerGone(events) }
        }
    }

    public func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        try enter()
        defer { gate.leave() }
        var buffer = [UInt8](repeating: 0, count: max(1, min(maxCount, 4096)))
        while true {
            guard let events = try waitFor(POLLIN, on: fd, until: deadline, endpoint: endpoint, isClosed: isClosed) else {
                throw TransportError(.timeout, endpoint: endpoint, "no bytes from the reader before the deadline")
            }
            if events & Int16(POLLIN | POLLHUP | POLLERR) == 0 { throw peerGone(events) }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { return Array(buffer.prefix(n)) }
            if n == 0 {
                throw TransportError(
                    .disconnected, endpoint: endpoint,
                    "the device server closed the connection (restarted, or another client took the port)")
            }
            let code = errno
            if code != EAGAIN, code != EINTR { throw failure(code, "receive") }
        }
    }

    /// Drops bytes already received. Bytes still inside the device server cannot be reached;
    /// they arrive later and the frame assembler discards them as garbage.
    public func flush() throws(TransportError) {
        try enter()
        defer { gate.leave() }
        var scratch = [UInt8](repeating: 0, count: 512)
        while true {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 { continue }
            if n == 0 { throw TransportError(.disconnected, endpoint: endpoint, "the device server closed the connection") }
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK { return }
            if code != EINTR { throw failure(code, "flush") }
        }
    }

    public func close() {
        guard gate.close() else { return }
        _ = shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
    }

    deinit { close() }

    private func isClosed() -> Bool { gate.isClosed }

    private func enter() throws(TransportError) {
        guard gate.enter() else { throw TransportError(.disconnected, endpoint: endpoint, "the connection was closed") }
    }

    private func peerGone(_ events: Int16) -> TransportError {
        if isClosed() { return TransportError(.disconnected, endpoint: endpoint, "the connection was closed") }
        return TransportError(.disconnected, endpoint: endpoint, "the device server closed the connection")
    }

    private func failure(_ code: Int32, _ operation: String) -> TransportError {
        switch code {
        case ECONNRESET, EPIPE, ENOTCONN, ETIMEDOUT, EBADF:
            TransportError(.disconnected, endpoint: endpoint, "\(operation) failed: connection lost (\(errnoText(code)))")
        case EHOSTUNREACH, ENETUNREACH, ENETDOWN:
            TransportError(.unreachable, endpoint: endpoint, "\(operation) failed: \(errnoText(code))")
        default:
            TransportError(.io, endpoint: endpoint, "\(operation) failed: \(errnoText(code))")
        }
    }
}
