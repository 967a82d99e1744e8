import ReaderCore
import ReaderDrivers
import Testing

@Suite("Reader factory")
struct ReaderFactoryTests {
    @Test func emulatedAddressOpensAReaderWithDemoTags() async throws {
        let reader = try await ReaderFactory.open("emulated:")
        #expect(try await reader.inventory(afi: nil, antenna: nil).count == 3)
    }

    @Test func driverNotInThisBuildIsATypedErrorNotAFallback() async {
        do {
            _ = try await ReaderFactory.open("trf7970a:/dev/ttyACM0")
            Issue.record("opened a reader for a driver that does not exist")
        } catch {
            #expect(error == .driverNotBuilt("trf7970a", address: "trf7970a:/dev/ttyACM0"))
            #expect(error.exitStatus == .unavailable)
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
