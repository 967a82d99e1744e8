import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Testing

@Suite("TCP transport to a serial-over-IP device server")
struct TCPTransportTests {
    static let uid = TagUID(hex: "E004010046707A28")!
    static func field() -> TagField {
        TagField([EmulatedTag(uid: uid, dsfid: 0x06, afi: 0xC2, blockSize: 4, blockCount: 28)])
    }

    @Test func feigDriverTagsABookThroughADeviceServer() async throws {
        let field = Self.field()
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: field))
        defer { server.shutdown() }
        let transport = try TCPTransport(host: "127.0.0.1", port: server.port)
        #expect(transport.description == "tcp 127.0.0.1:\(server.port)")
        let reader = FEIGReader(transport: transport)
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        let record: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: record, blockSize: 4)
        try await reader.writeAFI(uid: Self.uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == record)
        #expect(field.tags.first?.afi == 0x07)
        await reader.close()
    }

    @Test func readerFactoryOpensFeigTcpAddresses() async throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field()))
        defer { server.shutdown() }
        let reader = try await ReaderFactory.open("feig+tcp://127.0.0.1:\(server.port)?timeout=500ms")
        #expect(reader.name == "feig on tcp 127.0.0.1:\(server.port)")
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
        await reader.close()
    }

    @Test func threeMPadBehindADeviceServerOpensThroughTheFactory() async throws {
        let server = try #require(LoopbackReaderServer(ThreeM810Emulator(), field: Self.field()))
        defer { server.shutdown() }
        let reader = try await ReaderFactory.open("3m810+tcp://127.0.0.1:\(server.port)")
        #expect(reader.name == "3m810 on tcp 127.0.0.1:\(server.port)")
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        await reader.close()
    }

    @Test func ipv6DeviceServerAddressWorks() async throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field(), ipv6: true))
        defer { server.shutdown() }
        let reader = try await ReaderFactory.open("feig+tcp://[::1]:\(server.port)")
        #expect(reader.name == "feig on tcp [::1]:\(server.port)")
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
        await reader.close()
    }

    @Test func nothingListeningIsRefusedNotATimeout() throws {
        let port = try #require(UnansweredPort.closedPort())
        do {
            _ = try TCPTransport(host: "127.0.0.1", port: port, timeout: .seconds(2))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.description.contains("connection refused"))
            #expect(error.exitStatus == .unavailable)
        }
    }

    @Test func unansweredConnectGivesUpAtTheDeadline() throws {
        let quiet = try #require(UnansweredPort())
        let start = ContinuousClock.now
        #expect { try TCPTransport(host: "127.0.0.1", port: quiet.port, timeout: .milliseconds(200)) } throws: {
            ($0 as? TransportError)?.kind == .timeout
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func unknownHostNameIsNotFound() {
        #expect { try TCPTransport(host: "reader.invalid", port: 10001) } throws: {
            ($0 as? TransportError)?.kind == .notFound
                && ($0 as? TransportError)?.description.contains("cannot resolve host") == true
        }
    }

    @Test func silentReaderBehindTheServerTimesOutAtTheDeadline() throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field(), silent: true))
        defer { server.shutdown() }
        let transport = try TCPTransport(host: "127.0.0.1", port: server.port)
        defer { transport.close() }
        try transport.write([0x05, 0xFF, 0x65, 0xE5, 0xCB], deadline: .now + .seconds(1))
        #expect { try transport.read(maxCount: 64, deadline: .now + .milliseconds(150)) } throws: {
            ($0 as? TransportError)?.kind == .timeout
        }
    }

    @Test func deviceServerClosingTheConnectionIsDisconnected() async throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field(), hangUpAfter: 1))
        defer { server.shutdown() }
        let reader = FEIGReader(transport: try TCPTransport(host: "127.0.0.1", port: server.port))
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
        await #expect { try await reader.inventory(afi: nil, antenna: nil) } throws: {
            ($0 as? ReaderError)?.kind == .disconnected
        }
        await reader.close()
    }

    @Test func flushDropsAReplyThatAlreadyArrived() throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field()))
        defer { server.shutdown() }
        let transport = try TCPTransport(host: "127.0.0.1", port: server.port)
        defer { transport.close() }
        try transport.write([0x05, 0xFF, 0x65, 0xE5, 0xCB], deadline: .now + .seconds(1))
        try #require(server.replies.wait(for: 1))  // the version reply is in our socket buffer now
        try transport.flush()
        #expect { try transport.read(maxCount: 64, deadline: .now + .milliseconds(150)) } throws: {
            ($0 as? TransportError)?.kind == .timeout
        }
    }

    @Test func closedTransportRefusesFurtherUse() throws {
        let server = try #require(LoopbackReaderServer(FEIGEmulator(), field: Self.field()))
        defer { server.shutdown() }
        let transport = try TCPTransport(host: "127.0.0.1", port: server.port)
        transport.close()
        #expect { try transport.write([1], deadline: .now + .seconds(1)) } throws: {
            ($0 as? TransportError)?.kind == .disconnected
        }
    }
}
