import ReaderCore
import ReaderDrivers
import ReaderEmulation
import Testing

@Suite("Reader factory")
struct ReaderFactoryTests {
    @Test func emulatedAddressOpensAReaderWithDemoTags() async throws {
        let reader = try await ReaderFactory.open("emulated:")
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
    }

    @Test func emulatedReaderSpeaksFEIGToTheDemoTags() async throws {
        let reader = try await ReaderFactory.open("emulated:")
        #expect(reader.name.hasPrefix("feig"))
        let uid = DemoTags.compliant.uid
        #expect(try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: 4) == [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88])
        try await reader.writeAFI(uid: DemoTags.blank.uid, afi: 0x07)
        #expect(try await reader.systemInformation(uid: DemoTags.blank.uid).afi == 0x07)
    }

    @Test func readerWhoseTransportIsMissingIsATypedErrorNotAFallback() async {
        let cases = [("trf7970a:/dev/ttyACM0", "serial", "trf7970a:/dev/ttyACM0"), ("acr1552u:", "usb", "acr1552u-usb:")]
        for (text, transport, canonical) in cases {
            do {
                _ = try await ReaderFactory.open(text)
                Issue.record("opened \(text) without its transport")
            } catch {
                #expect(error == .transportNotBuilt(transport, address: canonical))
                #expect(error.exitStatus == .unavailable)
            }
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
            _ = try await ReaderFactory.open("mock:/nonexistent/state.json")
            Issue.record("opened a missing state file")
        } catch { #expect(error.exitStatus == .unavailable) }
    }
}
