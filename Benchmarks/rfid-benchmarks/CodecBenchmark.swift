import ArgumentParser
import Foundation
import TagCodec
import TagPrivacy

/// Decode + privacy verdict and encode on a 112-byte tag (ICODE SLIX: 28 blocks of 4 bytes),
/// the work a gate or station does for every tag it sees. Target: decode + verdict <= 200 ns.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec", abstract: "Tag decode + verdict and encode, ns per operation.")

    @Option(help: "Calls per timed round.") var iterations = 200_000
    @Flag(help: "Only decode + verdict on ISO 28560-2 (for profiling).") var decodeOnly = false

    func run() throws {
        let barcode = "33191000105864"
        let policy = BarcodePolicy.default
        let part2 = try ISO28560Part2.encode(primaryItemIdentifier: barcode, blockSize: 4, blockCount: 28)
        let part3 = try ISO28560Part3.encode(primaryItemIdentifier: barcode, blockSize: 4, blockCount: 28)
        precondition(part2.count == 112 && part3.count == 112)

        // Baseline: one pass over the same 112 bytes, the least any decoder must do.
        let baseline = nanosecondsPerOperation(iterations: iterations) {
            var sum: UInt32 = 0
            for b in opaque(part2) { sum &+= UInt32(b) }
            blackHole(sum)
        }
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(iterations) calls x 7 rounds, best round")
        print(row("baseline: sum 112 bytes", baseline, baseline: baseline))

        let decodeVerdict2 = nanosecondsPerOperation(iterations: iterations) {
            do {
                let tag = try ISO28560Part2.decode(part2, dsfid: 0x06)
                blackHole(PrivacyGuard.verdict(for: tag, policy: policy).compliant)
            } catch {
                fatalError("the benchmark tag must decode")
            }
        }
        print(row("decode + verdict, ISO 28560-2", decodeVerdict2, baseline: baseline, target: "target <= 200 ns"))
        let decodeOnly2 = nanosecondsPerOperation(iterations: iterations) {
            blackHole(try? ISO28560Part2.decode(part2, dsfid: 0x06).endOfData)
        }
        print(row("  of which decode", decodeOnly2, baseline: baseline))
        let decoded = try ISO28560Part2.decode(part2, dsfid: 0x06)
        let verdictOnly = nanosecondsPerOperation(iterations: iterations) {
            blackHole(PrivacyGuard.verdict(for: decoded, policy: policy).compliant)
        }
        print(row("  of which verdict", verdictOnly, baseline: baseline))
        if decodeOnly { return }

        let detectDecodeVerdict = nanosecondsPerOperation(iterations: iterations) {
            let tag = try? TagDecoder.decode(part2, dsfid: 0x06)
            blackHole(tag.map { PrivacyGuard.verdict(for: $0, policy: policy).compliant })
        }
        print(row("detect + decode + verdict, -2", detectDecodeVerdict, baseline: baseline))

        let decodeVerdict3 = nanosecondsPerOperation(iterations: iterations) {
            let tag = try? ISO28560Part3.decode(part3, dsfid: 0x3E)
            blackHole(tag.map { PrivacyGuard.verdict(for: $0, policy: policy).compliant })
        }
        print(row("decode + verdict, ISO 28560-3", decodeVerdict3, baseline: baseline))

        let encode2 = nanosecondsPerOperation(iterations: iterations) {
            blackHole(try? ISO28560Part2.encode(primaryItemIdentifier: barcode, blockSize: 4, blockCount: 28))
        }
        print(row("encode, ISO 28560-2", encode2, baseline: baseline))

        let encode3 = nanosecondsPerOperation(iterations: iterations) {
            blackHole(try? ISO28560Part3.encode(primaryItemIdentifier: barcode, blockSize: 4, blockCount: 28))
        }
        print(row("encode, ISO 28560-3", encode3, baseline: baseline))

        let guarded = nanosecondsPerOperation(iterations: iterations / 4) {
            blackHole(
                try? PrivacyGuard.imageForWriting(
                    barcode: barcode, format: .iso28560_2, blockSize: 4, blockCount: 28, policy: policy))
        }
        print(row("policy + encode + self-check, -2", guarded, baseline: baseline))
    }
}
