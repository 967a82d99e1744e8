import EmulatedReaders
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Testing

@Suite("Reader factory")
struct ReaderFactoryTests {
    @Test func emulatedAddressOpensAReaderWithDemoTags() async throws {
        let reader = try await ReaderFactory.open("emulated:", drivers: EmulatedReaders.table)
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
    }

    @Test func emulatedReaderSpeaksFEIGToTheDemoTags() async throws {
        let reader = try await ReaderFactory.open("emulated:", drivers: EmulatedReaders.table)
        #expect(reader.name.hasPrefix("feig"))
        let uid = DemoTags.compliant.uid
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: 4) == [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88])
        try await reader.writeAFI(uid: DemoTags.blank.uid, afi: 0x07)
        #expect(try await reader.systemInformation(uid: DemoTags.blank.uid).afi == 0x07)
    }

    /// Each reader opens its real transport; when the device is not there the answer is a typed
    /// "unavailable" naming the port, never a quiet fallback to the mock or the demo reader.
    @Test func missingDeviceIsATypedErrorNotAFallback() async {
        let cases = ["trf7970a:/dev/ttyACM-missing", "feig:/dev/ttyUSB-missing", "3m810:/dev/ttyUSB-missing"]
        for text in cases {
            do {
                _ = try await ReaderFactory.open(text)
                Issue.record("opened \(text) without a device")
            } catch {
                guard case .transport(let t) = error else { Issue.record("\(text): wrong error \(error)"); continue }
                #expect(t.kind == .notFound)
                #expect(error.exitStatus == .unavailable)
            }
        }
    }

    /// Addresses built in code can pair a driver with a transport it does not speak; the factory
    /// says so (usage, 64) rather than calling the driver "not built".
    @Test func aDriverOverATransportItDoesNotSpeakIsAUsageErrorNamingBoth() async {
        let address = ReaderAddress(driver: "trf7970a", kind: .tcp(host: "10.0.0.5", port: 10001))
        do {
            _ = try await ReaderFactory.open(address)
            Issue.record("opened a TI EVM over TCP")
        } catch {
            #expect(error == .transportUnsupported("trf7970a", transport: "tcp", address: "trf7970a+tcp://10.0.0.5:10001"))
            #expect(error.exitStatus == .usage)
            #expect(error.description.hasPrefix("the trf7970a driver does not run over tcp (reader address trf7970a+tcp://10.0.0.5:10001)"))
        }
    }

    /// Without the emulated entries the demo reader is an unknown reader (usage), never opened.
    @Test func theStandardTableDoesNotOpenTheDemoReader() async {
        do {
            _ = try await ReaderFactory.open("emulated:")
            Issue.record("opened the demo reader from the production table")
        } catch {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("unknown reader \"emulated\""))
        }
        do {
            _ = try await ReaderFactory.open(ReaderAddress.emulated)
            Issue.record("opened the demo reader from the production table")
        } catch {
            #expect(error == .driverNotBuilt("emulated", address: "emulated:"))
            #expect(error.exitStatus == .unavailable)
        }
    }

    /// An address built in code has its driver options checked like a typed one.
    @Test func aBadDriverOptionBuiltInCodeIsTheSameUsageError() async {
        let address = ReaderAddress(driver: "feig", kind: .serial(path: "/dev/ttyUSB-missing"), driverOptions: ["family": "lr"])
        do {
            _ = try await ReaderFactory.open(address)
            Issue.record("opened a FEIG of family lr")
        } catch {
            guard case .address(let e) = error else { Issue.record("wrong error \(error)"); return }
            #expect(e.part == .family && e.address == "feig:/dev/ttyUSB-missing?family=lr" && e.position == 32)
        }
    }

    @Test func badAddressIsAUsageError() async {
        do {
            _ = try await ReaderFactory.open("feig+tcp://host")
            Issue.record("opened a malformed address")
        } catch { #expect(error.exitStatus == .usage) }
    }

    @Test func missingMockStateFileIsReportedAtOpen() async {
        do {
            _ = try await ReaderFactory.open("mock:/nonexistent/state.json", drivers: EmulatedReaders.table)
            Issue.record("opened a missing state file")
        } catch { #expect(error.exitStatus == .unavailable) }
    }
}

@Suite("Reader factory opens real serial ports")
struct ReaderFactorySerialTests {
    @Test func feigSerialAddressOpensTheProductSerialPortWithItsSettings() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let reader = try await ReaderFactory.open("feig:\(pty.slavePath)?baud=19200")
        #expect(reader.name == "feig on \(pty.slavePath) 19200 8E1")
        await reader.close()
    }

    @Test func threeMSerialAddressDefaultsTo19200Baud8N1() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let reader = try await ReaderFactory.open("3m810:\(pty.slavePath)")
        #expect(reader.name == "3m810 on \(pty.slavePath) 19200 8N1")
        await reader.close()
    }

    @Test func trf7970aSerialAddressTalksToTheBoardAt115200() async throws {
        let uid = TagUID(hex: "E004010046707A28")!
        let host = try #require(PtyEmulatorHost(TRF7970AEmulator(), field: TagField([EmulatedTag(uid: uid, afi: 0x07)])))
        defer { host.shutdown() }
        let reader = try await ReaderFactory.open("trf7970a:\(host.slavePath)")
        #expect(reader.name == "trf7970a on \(host.slavePath) 115200 8N1")
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [uid])
        await reader.close()
    }

    /// ID ISC readers take Set Output as 0x72, ID CPR readers as 0x71: on a serial line the
    /// factory assumes ISC unless the address says `family=cpr`. Checked on the bytes sent.
    @Test func feigSerialAddressSendsTheISCSetOutputUnlessTheFamilyIsCPR() async throws {
        for (query, command) in [("", UInt8(0x72)), ("?family=isc", 0x72), ("?family=cpr", 0x71)] {
            let seen = SeenCommands()
            let host = try #require(PtyEmulatorHost(RecordingFEIG(seen: seen), field: TagField()))
            defer { host.shutdown() }
            let reader = try await ReaderFactory.open("feig:\(host.slavePath)\(query)")
            try await reader.setOutputs([OutputCommand(.buzzer, on: true, duration: .milliseconds(200))])
            await reader.close()
            #expect(seen.payloads == [[command, 0x01, 0x01, 0x11, 0x01, 0x00, 0x02]], "feig:\(query)")
        }
    }

    @Test func portInUseIsATypedUnavailableError() async throws {
        let pty = try #require(PtyPair())
        defer { withExtendedLifetime(pty) {} }
        let first = try await ReaderFactory.open("feig:\(pty.slavePath)")
        do {
            _ = try await ReaderFactory.open("feig:\(pty.slavePath)")
            Issue.record("opened a port that was in use")
        } catch {
            guard case .transport(let t) = error else { Issue.record("wrong error \(error)"); return }
            #expect(t.kind == .busy)
            #expect(error.exitStatus == .unavailable)
            #expect(error.description.hasPrefix("cannot open the reader: \(pty.slavePath): port in use"))
        }
        await first.close()
    }

    @Test func missingSerialPortIsATypedUnavailableError() async {
        do {
            _ = try await ReaderFactory.open("feig:/dev/ttyUSB-missing")
            Issue.record("opened a missing port")
        } catch {
            guard case .transport(let t) = error else { Issue.record("wrong error \(error)"); return }
            #expect(t.kind == .notFound && t.endpoint == "/dev/ttyUSB-missing")
            #expect(error.exitStatus == .unavailable)
        }
    }
}
