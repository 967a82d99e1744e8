import ArgumentParser
import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Synchronization
import TagPrivacy
import Tagging

/// The whole `encode` per item through the Tagging library and the privacy guard (policy,
/// write, DSFID, secure, read-back, verdict), with each driver against its emulator on a pty
/// paced at the reader's own line speed. The baseline, measured in the same run, is the wire
/// time of the bytes actually exchanged plus the quiet gap the protocol requires before each
/// request: no line can carry the sequence faster. Every item starts from a blank tag.
struct TaggingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagging", abstract: "Whole encode per item (Tagging library) vs wire time, for FEIG, 3M 810 and TI EVM.")

    @Option(help: "Items to tag per reader.") var iterations = 20

    func run() async throws {
        print("tagging: the whole encode per item, \(iterations) blank items per reader, driver vs emulator on a pty")
        for line in Line.all { try await measure(line) }
    }

    /// One reader family on its serial line.
    struct Line: Sendable {
        var name: String
        var settings: SerialSettings
        var bitsPerByte: Int
        var layout: TagLayout?
        var open: @Sendable (any ByteTransport) -> any RFIDReader
        var host: @Sendable (String, TagField, Int, Int, StopFlag) -> Void

        static let all = [
            Line(
                name: "FEIG ISO Host, 38400 8E1", settings: .feig, bitsPerByte: 11, layout: nil,
                open: { FEIGReader(transport: $0) }, host: { serve(FEIGEmulator(), $0, $1, $2, $3, $4) }),
            Line(
                name: "3M 810, 19200 8N1", settings: .threeM810, bitsPerByte: 10, layout: .icodeSLIX,
                open: { ThreeM810Reader(transport: $0) }, host: { serve(ThreeM810Emulator(), $0, $1, $2, $3, $4) }),
            Line(
                name: "TI TRF7970A EVM, 115200 8N1", settings: .trf7970a, bitsPerByte: 10, layout: nil,
                open: { TRF7970AReader(transport: $0) }, host: { serve(TRF7970AEmulator(), $0, $1, $2, $3, $4) }),
        ]

        static func serve<E: ProtocolEmulator>(_ emulator: E, _ link: String, _ field: TagField, _ baud: Int, _ bits: Int, _ stop: StopFlag) {
            var config = EmulatorHost<E>.Configuration()
            config.baud = baud
            config.bitsPerByte = bits
            config.link = link
            let host = EmulatorHost(emulator: emulator, field: field, configuration: config)
            try? host.run(until: stop)
        }
    }

    func measure(_ line: Line) async throws {
        let link = NSTemporaryDirectory() + "tagging-\(getpid())-\(line.settings.baud).pty"
        let stop = StopFlag()
        let blank = DemoTags.blank
        let field = TagField([blank])
        let baud = line.settings.baud
        Thread.detachNewThread { line.host(link, field, baud, line.bitsPerByte, stop) }
        defer { stop.stop() }
        var port: SerialPort?
        let deadline = ContinuousClock.now + .seconds(5)
        while port == nil, ContinuousClock.now < deadline {
            port = try? SerialPort(path: link, settings: line.settings)
            if port == nil { usleep(10_000) }
        }
        guard let port else { throw ValidationError("the emulator did not come up at \(link)") }
        let counting = CountingTransport(port)
        let reader = line.open(counting)
        var oneShot = TagEncoder(reader: reader, settings: TaggingSettings(), layout: line.layout)
        var atDesk = oneShot
        // As `rfid-station encode` does: ICODE SLIX assumed, proved by the read-back.
        oneShot.assumedLayout = line.layout ?? .icodeSLIX
        var encode = Sample()
        var desk = Sample()
        for index in 0..<iterations {
            let barcode = Self.barcode(index)
            // `rfid-station encode`: one item; the inventory proves it is alone on the pad.
            field.replaceAll([blank])
            encode.add(try await timed(counting) { _ = try await oneShot.encode(barcode: barcode) })
            // At a desk the pad's own inventory found the tag, and the previous item's layout is
            // assumed (proved by the read-back), as `desk` and `batch` do after their first item.
            field.replaceAll([blank])
            let result = try await atDesk.write(barcode: barcode, to: blank.uid, security: .inStock)
            atDesk.assumedLayout = result.readback.reportedLayout ?? line.layout
            field.replaceAll([blank])
            desk.add(try await timed(counting) { _ = try await atDesk.write(barcode: barcode, to: blank.uid, security: .inStock) })
        }
        await reader.close()
        print("  \(line.name)")
        encode.print("encode command (inventory, ICODE SLIX assumed)", line)
        desk.print("desk/batch item (tag found by the pad's inventory, layout assumed)", line)
    }

    func timed(_ counting: CountingTransport, _ body: () async throws -> Void) async throws -> (Duration, Int, Int, Int) {
        counting.reset()
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        let (written, read, trips) = counting.totals
        return (elapsed, written, read, trips)
    }

    /// Distinct valid item barcodes: 3319100010 then four digits and a Luhn check digit.
    static func barcode(_ index: Int) -> String {
        let body = "3319100010" + String(format: "%03d", index % 1000)
        return body + String(Luhn.checkDigit(for: body) ?? 0)
    }

    struct Sample {
        var total: Duration = .zero
        var count = 0
        var written = 0, read = 0, trips = 0

        mutating func add(_ m: (Duration, Int, Int, Int)) {
            total += m.0
            count += 1
            (written, read, trips) = (m.1, m.2, m.3)
        }

        func print(_ what: String, _ line: Line) {
            let bytesOnly = Duration.nanoseconds(Int64(written + read) * Int64(line.bitsPerByte) * 1_000_000_000 / Int64(line.settings.baud))
            let bound = bytesOnly + line.settings.interFrameGap * trips
            let perItem = total / max(1, count)
            let ratio = Self.ns(perItem) / Self.ns(bound)
            Swift.print("    \(what): \(trips) round trips (target <= 7), \(written) + \(written == 0 ? 0 : read) bytes")
            Swift.print("      wire time + gaps (baseline) \(bound); per item \(perItem) = \(String(format: "%.2f", ratio))x (target <= 1.1x)")
        }

        static func ns(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds / 1_000_000_000)
        }
    }
}

/// Counts bytes and requests of the last item, to put the time beside the wire time.
final class CountingTransport: ByteTransport {
    private let inner: any ByteTransport
    private let counts = Mutex((written: 0, read: 0, writes: 0))
    var description: String { inner.description }
    init(_ inner: any ByteTransport) { self.inner = inner }
    var totals: (Int, Int, Int) { counts.withLock { ($0.written, $0.read, $0.writes) } }
    func reset() { counts.withLock { $0 = (0, 0, 0) } }

    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(TransportError) {
        try inner.write(bytes, deadline: deadline)
        counts.withLock { $0.written += bytes.count; $0.writes += 1 }
    }

    func read(maxCount: Int, deadline: ContinuousClock.Instant) throws(TransportError) -> [UInt8] {
        let bytes = try inner.read(maxCount: maxCount, deadline: deadline)
        counts.withLock { $0.read += bytes.count }
        return bytes
    }

    func flush() throws(TransportError) { try inner.flush() }
    func close() { inner.close() }
}
