import ArgumentParser
import Foundation
import ReaderCore
import ReaderDrivers
import ReaderEmulation
import ReaderTransport
import Synchronization

/// The full tagging sequence a station runs per book (inventory, system information, one
/// multi-block write, AFI, read-back) with the FEIG driver against the FEIG emulator on a pty
/// paced at 38400 baud 8E1. The baseline is the wire time of the bytes actually exchanged, in
/// the same run: the driver's overhead is the ratio (target <= 1.1x), and round trips (target 5).
struct TaggingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagging", abstract: "Tagging sequence: FEIG driver vs wire time over a paced pty.")

    @Option(help: "Books to tag.") var iterations = 20
    @Option(help: "Baud rate the emulator paces at.") var baud = 38400

    func run() async throws {
        let link = NSTemporaryDirectory() + "tagging-\(getpid()).pty"
        let stop = StopFlag()
        let uid = DemoTags.blank.uid
        var config = EmulatorHost<FEIGEmulator>.Configuration()
        config.baud = baud
        config.bitsPerByte = 11
        config.link = link
        let hostConfig = config
        Thread.detachNewThread {
            let host = EmulatorHost(emulator: FEIGEmulator(), field: TagField(DemoTags.all), configuration: hostConfig)
            try? host.run(until: stop)
        }
        defer { stop.stop() }
        // The product serial port, so its 5 ms inter-frame gap is part of what is measured.
        let settings = SerialSettings(baud: baud, parity: .even, interFrameGap: SerialSettings.feig.interFrameGap)
        var port: SerialPort?
        let deadline = ContinuousClock.now + .seconds(5)
        while port == nil, ContinuousClock.now < deadline {
            port = try? SerialPort(path: link, settings: settings)
            if port == nil { usleep(10_000) }
        }
        guard let port else { throw ValidationError("the emulator did not come up at \(link)") }
        let counting = CountingTransport(port)
        let reader = FEIGReader(transport: counting)
        let image: [UInt8] = [0x11, 0x06, 0x1E, 0x2F, 0xE1, 0xC5, 0x63, 0x88]
        var total: Duration = .zero
        for _ in 0..<iterations {
            counting.reset()
            let start = ContinuousClock.now
            let tags = try await reader.inventory(afi: nil, antenna: nil)
            guard tags.contains(where: { $0.uid == uid }) else { throw ValidationError("demo blank tag missing") }
            let info = try await reader.systemInformation(uid: uid)
            try await reader.writeBlocks(uid: uid, first: 0, data: image, blockSize: info.blockSize)
            try await reader.writeAFI(uid: uid, afi: 0x07)
            let back = try await reader.readBlocks(uid: uid, first: 0, count: 2, blockSize: info.blockSize)
            guard back == image else { throw ValidationError("read-back differs") }
            total += ContinuousClock.now - start
        }
        await reader.close()
        let (written, read, trips) = counting.totals
        // Baseline: the bytes' wire time plus the quiet gap the FEIG protocol requires before
        // each request (no FEIG line can carry the sequence faster). The bytes alone are shown too.
        let bytesOnly = Duration.nanoseconds(Int64(written + read) * 11 * 1_000_000_000 / Int64(baud))
        let wire = bytesOnly + settings.interFrameGap * trips
        let perBook = total / iterations
        func nanoseconds(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds / 1_000_000_000)
        }
        let ratio = nanoseconds(perBook) / nanoseconds(wire)
        print("tagging, FEIG driver vs emulator on a pty at \(baud) baud 8E1, \(iterations) books")
        print("  bytes per book: \(written) out + \(read) in; round trips: \(trips) (target 5)")
        print("  wire time + \(trips) x \(settings.interFrameGap) inter-frame gaps (baseline): \(wire)")
        print("  wire time of the bytes alone: \(bytesOnly)")
        print("  time per book:        \(perBook)  = \(String(format: "%.2f", ratio))x the baseline (target <= 1.1x), "
            + "\(String(format: "%.2f", nanoseconds(perBook) / nanoseconds(bytesOnly)))x the bytes alone")
    }
}

/// Counts bytes and requests of the last book, to put the time beside the wire time.
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
