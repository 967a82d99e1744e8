#if canImport(Glibc)
    import Glibc
#endif

/// Resolution and a non-blocking connect with a deadline, trying each address the resolver
/// gives (IPv6 and IPv4) until one answers; the error reported is the most telling one seen.
enum TCPConnect {
    static func connect(host: String, port: Int, endpoint: String, deadline: ContinuousClock.Instant) throws(TransportError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw TransportError(.notFound, endpoint: endpoint, "cannot resolve host \"\(host)\": \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var best = TransportError(.unreachable, endpoint: endpoint, "no usable address for \(host)")
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            node = entry.pointee.ai_next
            do throws(TransportError) {
                return try attempt(entry.pointee, endpoint: endpoint, deadline: deadline)
            } catch {
                if rank(error.kind) >= rank(best.kind) { best = error }
                if error.kind == .timeout { break }
            }
        }
        throw best
    }

    /// Refused beats unreachable beats timeout: it says the most about what is wrong.
    private static func rank(_ kind: TransportError.Kind) -> Int {
        switch kind {
        case .refused: 3
        case .timeout: 2
        case .unreachable: 1
        default: 0
        }
    }

    private static func attempt(_ info: addrinfo, endpoint: String, deadline: ContinuousClock.Instant) throws(TransportError) -> Int32 {
        let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TransportError(.io, endpoint: endpoint, "cannot create a socket: \(errnoText())") }
        do throws(TransportError) {
            if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) != 0 {
                let code = errno
                guard code == EINPROGRESS || code == EINTR else { throw failure(code, endpoint) }
                guard let events = try waitFor(POLLOUT, on: fd, until: deadline, endpoint: endpoint, isClosed: { false }) else {
                    throw TransportError(
                        .timeout, endpoint: endpoint, "no answer while connecting (device server off, or a firewall drops the traffic)")
                }
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError != 0 { throw failure(soError, endpoint) }
                if events & Int16(POLLOUT) == 0 { throw failure(ECONNREFUSED, endpoint) }
            }
            // Frames are small and latency-bound: send each request at once.
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, socklen_t(MemoryLayout<Int32>.size))
            return fd
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    private static func failure(_ code: Int32, _ endpoint: String) -> TransportError {
        switch code {
        case ECONNREFUSED:
            TransportError(
                .refused, endpoint: endpoint,
                "connection refused: nothing listens on that port (check the device server's TCP server port, often 4001 or 10001)")
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EADDRNOTAVAIL:
            TransportError(.unreachable, endpoint: endpoint, "host unreachable (\(errnoText(code))): check the address, cable and network")
        case ETIMEDOUT:
            TransportError(.timeout, endpoint: endpoint, "connecting timed out (device server off, or a firewall drops the traffic)")
        default:
            TransportError(.io, endpoint: endpoint, "cannot connect: \(errnoText(code))")
        }
    }
}
