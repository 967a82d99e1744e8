import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Testing

/// The USB transport through real libusb against a fake FEIG reader on a umockdev testbed:
/// libusb enumerates from the fake sysfs, opens the fake /dev/bus/usb node, and its usbdevfs
/// URBs are answered by the FEIG emulator. One testbed at a time (umockdev's is process-wide).
@Suite("USB transport under umockdev", .serialized, .enabled(if: FakeUSBBus.available, FakeUSBBus.skipReason))
struct USBTransportTests {
    static let uid = TagUID(hex: "E004010046707A28")!
    static func field() -> TagField {
        TagField([EmulatedTag(uid: uid, dsfid: 0x06, afi: 0xC2, blockSize: 4, blockCount: 28)])
    }

    @Test func enumerationFindsTheFEIGReaderWithItsSerialNumber() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let readers = try USBBus().readers(known: ReaderDriverTable.standard.usbReaders)
        try #require(readers.count == 1)
        #expect(readers[0].ids == "0ab1:0004")
        #expect(readers[0].serial == "0F1E2D3C")
        #expect(readers[0].product == "ID CPR40.30-USB")
        #expect(readers[0].known?.driver == "feig")
        #expect(USBReaderListing.lines() == ["usb     FEIG ID CPR40/CPR74 0ab1:0004 bus 1 dev 1   e.g. feig-usb:0ab1:0004:0F1E2D3C"])
    }

    @Test func anEmptyBusReportsNoUSBReadersPlainly() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let lines = USBReaderListing.lines()
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("no USB readers found") == true)
    }

    @Test func otherUSBDevicesAreNotMistakenForReaders() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        var keyboard = FakeUSBBus.Descriptor(vendorID: 0x046D, productID: 0xC31C)
        keyboard.product = "USB Keyboard"
        try fake.plug(NoEmulator(), field: TagField([]), as: keyboard)
        let bus = try USBBus()
        #expect(try bus.devices(known: ReaderDriverTable.standard.usbReaders).map(\.ids) == ["046d:c31c"])
        #expect(try bus.readers(known: ReaderDriverTable.standard.usbReaders).isEmpty)
        #expect(USBReaderListing.lines() == ["no USB readers found"])
        #expect { try bus.open(vendorID: nil, productID: nil, candidates: ReaderDriverEntry.feig.usbReaders) } throws: {
            ($0 as? TransportError)?.kind == .notFound
                && ($0 as? TransportError)?.description.contains("no USB reader 0ab1:0004 found") == true
        }
    }

    @Test func openingBySerialNumberPicksThatUnitOnly() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let bus = try USBBus()
        let transport = try bus.open(vendorID: 0x0AB1, productID: 0x0004, serial: "0F1E2D3C")
        #expect(transport.description == "usb 0ab1:0004 bus 1 dev 1")
        #expect(transport.endpointIn == 0x81 && transport.endpointOut == 0x02)
        transport.close()
        #expect { try bus.open(vendorID: 0x0AB1, productID: 0x0004, serial: "NOPE") } throws: {
            ($0 as? TransportError)?.kind == .notFound
                && ($0 as? TransportError)?.description.contains("with serial NOPE") == true
        }
    }

    @Test func feigDriverTagsABookOverUSBBulkEndpoints() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let field = Self.field()
        let (_, pipe) = try fake.plug(FEIGEmulator(), field: field)
        let reader = FEIGReader(transport: try USBBus().open(vendorID: 0x0AB1, productID: 0x0004))
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        // The worked inventory frame from the FEIG reference crossed the bus on bulk OUT.
        #expect(pipe.received.withLock { $0.first } == [0x07, 0xFF, 0xB0, 0x01, 0x00, 0x1C, 0x56])
        let info = try await reader.systemInformation(uid: Self.uid)
        #expect(info.blockCount == 28 && info.blockSize == 4)
        let record: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: record, blockSize: 4)
        try await reader.writeAFI(uid: Self.uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == record)
        #expect(field.tags.first?.afi == 0x07)
        #expect(Array(field.tags.first?.memory.prefix(8) ?? []) == record)
        await reader.close()
    }

    @Test func readerFactoryOpensFeigUSBAddresses() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        for address in ["feig-usb:", "feig-usb:0ab1:0004", "feig-usb:0ab1:0004:0F1E2D3C"] {
            let reader = try await ReaderFactory.open(address)
            #expect(reader.name == "feig on usb 0ab1:0004 bus 1 dev 1")
            #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
            await reader.close()
        }
    }

    /// `feig-usb:` opens an ID CPR40/CPR74, whose Set Output command is 0x71 (ISC readers
    /// use 0x72); the bytes that crossed bulk OUT say which the driver sent.
    @Test func feigUSBReadersGetTheCPRSetOutputCommand() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let (_, pipe) = try fake.plug(FEIGEmulator(), field: Self.field())
        for (address, command) in [("feig-usb:", UInt8(0x71)), ("feig-usb:0ab1:0004", 0x71), ("feig-usb:?family=isc", 0x72)] {
            let reader = try await ReaderFactory.open(address)
            try await reader.setOutputs([OutputCommand(.led(2), on: true)])
            await reader.close()
            let sent = try #require(pipe.received.withLock { $0.last })
            // LEN 0B, COM-ADR FF, <command> 01, one output: LED 2 on, continuous (FFFF), then the CRC.
            #expect(Array(sent.prefix(9)) == [0x0B, 0xFF, command, 0x01, 0x01, 0x02, 0x01, 0xFF, 0xFF], "\(address)")
            #expect(sent.count == 11)
        }
    }

    @Test func acr1552uDriverTagsABookOverCCIDOnUSB() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let field = Self.field()
        let (_, pipe) = try fake.plug(ACR1552UEmulator(), field: field, as: .acr1552u)
        #expect(USBReaderListing.lines() == ["usb     ACS ACR1552U 072f:2308 bus 1 dev 1   e.g. acr1552u:072f:2308:ACR0042"])
        let reader = try await ReaderFactory.open("acr1552u:")
        #expect(reader.name == "acr1552u on usb 072f:2308 bus 1 dev 1")
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        // CCID messages crossed the bus: each starts with a PC_to_RDR message type.
        #expect(pipe.received.withLock { $0 }.allSatisfy { [0x62, 0x63, 0x65, 0x6B, 0x6F, 0x72].contains($0.first ?? 0) })
        let record: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        try await reader.writeBlocks(uid: Self.uid, first: 0, data: record, blockSize: 4)
        try await reader.writeAFI(uid: Self.uid, afi: 0x07)
        #expect(try await reader.readBlocks(uid: Self.uid, first: 0, count: 2, blockSize: 4) == record)
        #expect(field.tags.first?.afi == 0x07)
        await reader.close()
    }

    @Test func replyLongerThanMaxCountIsKeptForTheNextRead() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let transport = try USBBus().open(vendorID: 0x0AB1, productID: 0x0004)
        defer { transport.close() }
        try transport.write([0x07, 0xFF, 0xB0, 0x01, 0x00, 0x1C, 0x56], deadline: .now + .seconds(1))
        let head = try transport.read(maxCount: 3, deadline: .now + .seconds(2))
        #expect(head.count == 3)
        let length = Int(head[0])
        var rest: [UInt8] = []
        while rest.count < length - 3 { rest += try transport.read(maxCount: 64, deadline: .now + .seconds(2)) }
        #expect(rest.count == length - 3)
    }

    @Test func silentReaderTimesOutAtTheDeadline() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let transport = try USBBus().open(vendorID: 0x0AB1, productID: 0x0004)
        defer { transport.close() }
        let start = ContinuousClock.now
        #expect { try transport.read(maxCount: 64, deadline: start + .milliseconds(250)) } throws: {
            ($0 as? TransportError)?.kind == .timeout
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func flushDropsBytesAnEarlierReadLeftOver() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let transport = try USBBus().open(vendorID: 0x0AB1, productID: 0x0004)
        defer { transport.close() }
        try transport.write([0x05, 0xFF, 0x65, 0xE5, 0xCB], deadline: .now + .seconds(1))
        #expect(try transport.read(maxCount: 2, deadline: .now + .seconds(2)).count == 2)
        try transport.flush()  // the rest of the version reply is dropped
        #expect { try transport.read(maxCount: 64, deadline: .now + .milliseconds(150)) } throws: {
            ($0 as? TransportError)?.kind == .timeout
        }
    }

    @Test func clearHaltAndResetKeepTheReaderUsable() throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let transport = try USBBus().open(vendorID: 0x0AB1, productID: 0x0004)
        defer { transport.close() }
        try transport.clearHalt()
        try transport.reset()
        let inventory: [UInt8] = [0x07, 0xFF, 0xB0, 0x01, 0x00, 0x1C, 0x56]
        try transport.write(inventory, deadline: .now + .seconds(1))
        let reply = try transport.read(maxCount: 256, deadline: .now + .seconds(2))
        #expect(reply.count >= 6 && reply[2] == 0xB0)  // LEN COM-ADR B0 STATUS ...
    }

    @Test func unpluggedReaderIsReportedAsGoneNotAsATimeout() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let (bus, _) = try fake.plug(FEIGEmulator(), field: Self.field())
        let transport = try USBBus().open(vendorID: 0x0AB1, productID: 0x0004)
        let reader = FEIGReader(transport: transport)
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
        fake.unplug(bus: bus)
        do {
            try transport.write([0x05, 0xFF, 0x65, 0xE5, 0xCB], deadline: .now + .seconds(1))
            Issue.record("wrote to an unplugged device")
        } catch {
            #expect(error.kind == .deviceGone)
            #expect(error.description.contains("device gone (unplugged or reset)"))
            #expect(error.exitStatus == .unavailable)
        }
        await #expect { try await reader.inventory(afi: nil, antenna: nil) } throws: {
            ($0 as? ReaderError)?.kind == .disconnected
        }
        await reader.close()
    }
}

extension USBTransportTests {
    /// A reader that a kernel driver grabbed (e.g. usbhid on a misidentified device) is
    /// detached before the interface is claimed, instead of failing with "busy".
    @Test func kernelDriverHoldingTheReaderIsDetachedOnOpen() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        var grabbed = FakeUSBBus.Descriptor.feigCPR40
        grabbed.kernelDriver = "usbhid"
        let (bus, _) = try fake.plug(FEIGEmulator(), field: Self.field(), as: grabbed)
        #expect(fake.kernelDriver(bus: bus) == "usbhid")
        let reader = try await ReaderFactory.open("feig-usb:")
        #expect(fake.kernelDriver(bus: bus) == nil)
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 1)
        await reader.close()
    }

    @Test func bulkInterfaceIsFoundBehindAKeyboardInterface() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        var withKeyboard = FakeUSBBus.Descriptor.acr1552u
        withKeyboard.leadingHIDInterface = true
        try fake.plug(ACR1552UEmulator(), field: Self.field(), as: withKeyboard)
        let bus = try USBBus()
        let transport = try bus.open(vendorID: 0x072F, productID: 0x2308)
        #expect(transport.interface == 1)
        #expect(transport.endpointIn == 0x82 && transport.endpointOut == 0x02)
        transport.close()
        #expect { try bus.open(vendorID: 0x072F, productID: 0x2308, interface: 0) } throws: {
            ($0 as? TransportError)?.kind == .invalidConfiguration
                && ($0 as? TransportError)?.description.contains("interface 0 lacks a bulk IN/OUT endpoint pair") == true
        }
        let reader = try await ReaderFactory.open("acr1552u:072f:2308")
        #expect(try await reader.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        await reader.close()
    }

    /// What a station does after "reader unplugged": open the address again once it is back.
    @Test func repluggedReaderOpensAgainThroughTheFactory() async throws {
        let fake = try #require(FakeUSBBus())
        defer { withExtendedLifetime(fake) {} }
        let (bus, _) = try fake.plug(FEIGEmulator(), field: Self.field())
        let first = try await ReaderFactory.open("feig-usb:0ab1:0004")
        fake.unplug(bus: bus)
        await #expect { try await first.inventory(afi: nil, antenna: nil) } throws: {
            ($0 as? ReaderError)?.kind == .disconnected
        }
        await first.close()
        do {
            _ = try await ReaderFactory.open("feig-usb:0ab1:0004")
            Issue.record("opened a reader that is unplugged")
        } catch {
            guard case .transport(let t) = error else { Issue.record("wrong error \(error)"); return }
            #expect(t.kind == .notFound)
        }
        try fake.plug(FEIGEmulator(), field: Self.field())
        let again = try await ReaderFactory.open("feig-usb:0ab1:0004")
        #expect(try await again.inventory(afi: nil, antenna: nil).map(\.uid) == [Self.uid])
        await again.close()
    }
}

/// Runs without umockdev only: under the preload a fake bus from the suite above may come and
/// go while this opens devices, and the umockdev suite already covers listing on a fake bus.
@Suite(
    "USB reader listing on this machine's own bus",
    .disabled(if: FakeUSBBus.available, "runs in the plain test run; under umockdev the fake-bus suite covers listing"))
struct USBReaderListingTests {
    /// Runs against whatever bus this machine has (none in CI containers): it must answer,
    /// one line per reader or one plain line saying there are none.
    @Test func listingAnswersPlainlyOnAnyMachine() {
        let lines = USBReaderListing.lines()
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("usb ") } || (lines.count == 1 && lines[0].hasPrefix("no USB readers found")))
    }

    @Test func knownReaderTableCoversFEIGAndACS() {
        #expect(ReaderDriverTable.standard.usbReader(vendorID: 0x0AB1, productID: 0x0004)?.driver == "feig")
        #expect(ReaderDriverTable.standard.usbReader(vendorID: 0x072F, productID: 0x2308)?.driver == "acr1552u")
        #expect(ReaderDriverTable.standard.usbReader(vendorID: 0x046D, productID: 0xC31C) == nil)
        #expect(USBDeviceInfo(vendorID: 0x0AB1, productID: 0x0004, bus: 1, address: 4).description == "usb 0ab1:0004 bus 1 dev 4")
    }
}
