import ReaderCore
import ReaderProtocols
import RFIDCommon
import Testing

/// A tag problem (none, several, gone, too small) is 66: the reader works, so scripts and
/// service managers must not treat it as "reader unavailable" (69) and restart or page.
@Suite("Reader error exit statuses")
struct ReaderErrorExitStatusTests {
    @Test(arguments: [
        (ReaderError.Kind.noTag, RFIDCommon.ExitStatus.tagProblem), (.severalTags, .tagProblem), (.blockOutOfRange, .tagProblem),
        (.timeout, .unavailable), (.disconnected, .unavailable), (.unavailable, .unavailable),
        (.deviceStatus, .unavailable), (.cancelled, .unavailable), (.io, .ioError), (.protocolViolation, .dataError),
        (.invalidRequest, .usage), (.unsupported, .usage),
    ])
    func kindMapsToItsStatus(kind: ReaderError.Kind, status: RFIDCommon.ExitStatus) {
        #expect(ReaderError(kind, operation: "read blocks", "x").exitStatus == status)
    }

    @Test("a block beyond what ISO 15693 addresses is a tag problem; a block size it does not have is a usage error")
    func blockRangeChecks() {
        #expect(throws: ReaderError(.blockOutOfRange, operation: "read blocks", "blocks 250+10 of 4 bytes are outside what ISO 15693 addresses")) {
            try BlockRange.check(first: 250, count: 10, blockSize: 4, "read blocks")
        }
        #expect(throws: ReaderError(.invalidRequest, operation: "read blocks", "blocks 0+1 of 64 bytes are outside what ISO 15693 addresses")) {
            try BlockRange.check(first: 0, count: 1, blockSize: 64, "read blocks")
        }
        #expect(throws: ReaderError(.invalidRequest, operation: "write blocks", "3 bytes is not a whole number of 4-byte blocks")) {
            try BlockRange.checkWrite(first: 0, data: [1, 2, 3], blockSize: 4, "write blocks")
        }
        #expect((try? BlockRange.checkWrite(first: 254, data: [UInt8](repeating: 0, count: 8), blockSize: 4, "write blocks")) == 2)
    }

    @Test("the tags' own out-of-range errors are typed as such: ISO 0x10, 3M 0x11")
    func tagOutOfRangeErrors() {
        #expect(throws: ReaderError(.blockOutOfRange, operation: "read blocks", "block not available on the tag", status: 0x10)) {
            _ = try ISO15693Response.payload([0x01, 0x10], operation: "read blocks")
        }
        let feig = FEIGReply(command: 0xB0, status: .isoError, data: [0x10])
        #expect(throws: ReaderError(.blockOutOfRange, operation: "read blocks", "the tag refused the request (ISO error 0x10)", status: 0x10)) {
            try feig.check("read blocks")
        }
    }
}
