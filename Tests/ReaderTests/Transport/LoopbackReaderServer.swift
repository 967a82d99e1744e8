import Foundation
import ReaderEmulation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A device server on 127.0.0.1: accepts one client at a time and answers with a protocol
/// emulator, as a Moxa/Lantronix box with a reader behind it would. `hangUpAfter` closes the
/// connection after that many requests, as a restarted device server does.
final class LoopbackReaderServer<E: ProtocolEmulator>: Sendable {
    let port: Int
    let field: TagField
    private let listener: Int32
    private let stop = StopFlag()
    /// Replies handed to the socket so far (loopback delivery is complete when send returns).
    let replies = ReplyCounter()

    init?(_ emulator: E, field: TagField, hangUpAfter: Int? = nil, silent: Bool = false, ipv6: Bool = false) {
        guard let (fd, port) = ipv6 ? Self.listenIPv6() : Self.listenIPv4() else { return nil }
        listener = fd
        self.port = port
        self.field = field
        let stop = self.stop
        let replies = self.replies
        Thread.detachNewThread {
            while !stop.isSet {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 20) > 0 else { continue }
                let client = accept(fd, nil, nil)
                guard client >= 0 else { continue }
                Self.serve(
                    client, emulator: emulator, field: field, hangUpAfter: hangUpAfter, silent: silent, stop: stop,
                    replies: replies)
                Glibc.close(client)
            }
            Glibc.close(fd)
        }
    }

    private static func listenIPv4() -> (Int32, Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func listenIPv6() -> (Int32, Int)? {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin6_port)))
    }

    private static func serve(
        _ client: Int32, emulator: E, field: TagField, hangUpAfter: Int?, silent: Bool, stop: StopFlag, replies: ReplyCounter
    ) {
        var emu = emulator
        var answered = 0
        var buffer = [UInt8](repeating: 0, count: 512)
        while !stop.isSet {
            var p = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 20) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            if silent { continue }
            for reply in emu.receive(Array(buffer.prefix(n)), field: field) {
                if let hangUpAfter, answered >= hangUpAfter { return }
                _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                answered += 1
                replies.count.add(1, ordering: .releasing)
            }
        }
    }

    func shutdown() { stop.stop() }
}

/// A loopback port with a full accept queue: a connect there is never answered, which is what
/// a firewall that drops packets looks like from the station.
final class UnansweredPort {
    let port: Int
    private var sockets: [Int32] = []

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        sockets.append(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { return nil }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the one-entry backlog; later SYNs are dropped.
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        sockets.append(filler)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) }
        }
    }

    /// A port that was free a moment ago: connecting there is refused.
    static func closedPort() -> Int? {
        guard let server = LoopbackReaderServer(NoEmulator(), field: TagField([])) else { return nil }
        server.shutdown()
        let port = server.port
        usleep(60_000)  // the server thread closes the listener within one poll slice
        return port
    }

    deinit { sockets.forEach { Glibc.close($0) } }
}

struct NoEmulator: ProtocolEmulator {
    static let protocolName = "none"
    mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] { [] }
    mutating func resetReceiver() {}
}

final class ReplyCounter: Sendable {
    let count = Atomic<Int>(0)

    /// Waits until at least `n` replies were sent, or `timeout` passed.
    func wait(for n: Int, within timeout: Duration = .seconds(3)) -> Bool {
        let end = ContinuousClock.now + timeout
        while count.load(ordering: .acquiring) < n {
            if ContinuousClock.now >= end { return false }
            usleep(1000)
        }
        return true
    }
}
