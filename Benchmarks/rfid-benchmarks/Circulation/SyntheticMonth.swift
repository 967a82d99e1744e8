import CirculationLog
import Foundation

/// Writes a month of SIP2 traffic (requests and responses, with patron identifiers the parser
/// must drop) and, beside it, the same transactions pre-parsed to CSV for the baselines. The
/// counts are known exactly, so the benchmark can check every engine got the same answer.
struct SyntheticMonth {
    struct Totals: Equatable, CustomStringConvertible {
        var checkouts = 0
        var checkins = 0
        var renewals = 0
        var description: String { "checkouts \(checkouts), checkins \(checkins), renewals \(renewals)" }
    }

    let year = 2026
    let month = 10
    let days = 31
    var monthText: String { "2026-10" }

    /// Deterministic generator (xorshift64*), so every run writes the same bytes.
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private mutating func next(_ bound: Int) -> Int {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
    }

    static let branches = (1...12).map { String(format: "BR%02d", $0) }
    /// SIP2 media types, weighted as a public library's circulation roughly is.
    static let mediaTypes = ["001", "001", "001", "001", "001", "006", "005", "005", "002", "009", "000"]
    static let collections = ["ADULT", "JUV", "YA", "REF"]
    static let itemCount = 400_000

    /// Writes `lines` log lines to `logPath` and one CSV row per counted transaction to `csvPath`.
    /// Bytes are assembled directly (no string formatting) so that generating ten million
    /// lines takes seconds, not minutes.
    mutating func write(lines: Int, logPath: String, csvPath: String) throws -> Totals {
        let log = try ChunkedWriter(path: logPath)
        let csv = try ChunkedWriter(path: csvPath)
        csv.append("day,hour,action,branch,location,media_type,collection,source,item\n")
        var totals = Totals()
        var written = 0
        let transactions = max(1, lines / 2)
        let perDay = max(1, (transactions + days - 1) / days)
        var index = 0
        var message: [UInt8] = []
        var line: [UInt8] = []
        var row: [UInt8] = []
        var date: [UInt8] = []
        var stamp: [UInt8] = []
        var item: [UInt8] = []
        var patron: [UInt8] = []
        while written + 2 <= lines {
            let day = min(days, 1 + index / perDay)
            // Opening hours 09:00-20:59, in order through the day.
            let secondOfDay = 9 * 3600 + (index % perDay) * (12 * 3600) / perDay
            let hour = secondOfDay / 3600
            date.removeAll(keepingCapacity: true)
            date.digits(year, 4); date.digits(month, 2); date.digits(day, 2); date.text("    ")
            date.digits(hour, 2); date.digits((secondOfDay / 60) % 60, 2); date.digits(secondOfDay % 60, 2)
            stamp.removeAll(keepingCapacity: true)
            stamp.digits(year, 4); stamp.text("-"); stamp.digits(month, 2); stamp.text("-"); stamp.digits(day, 2)
            stamp.text("T"); stamp.digits(hour, 2); stamp.text(":"); stamp.digits((secondOfDay / 60) % 60, 2)
            stamp.text(":"); stamp.digits(secondOfDay % 60, 2); stamp.text(" ")
            let branch = Self.branches[next(Self.branches.count)]
            let popular = next(1000)
            let itemNumber = popular < 300 ? next(2000) : next(Self.itemCount)
            item.removeAll(keepingCapacity: true)
            item.text("3123400"); item.digits(itemNumber, 7)
            patron.removeAll(keepingCapacity: true)
            patron.text("2123400"); patron.digits(next(90_000), 7)
            let media = Self.mediaTypes[next(Self.mediaTypes.count)]
            let ok = next(100) < 98
            let kind = next(20)
            let action: CirculationAction
            var location = ""
            var collection = ""
            let sequence = index % 10
            func finish(_ body: [UInt8]) {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: stamp)
                line.append(contentsOf: body)
                Self.appendChecksum(to: &line, from: stamp.count, sequence: sequence)
                line.append(UInt8(ascii: "\n"))
                log.append(line)
            }
            message.removeAll(keepingCapacity: true)
            switch kind {
            case 0..<9:
                action = .checkout
                message.text("11YN"); message += date; message.text("                  AO"); message.text(branch)
                message.text("|AA"); message += patron; message.text("|AB"); message += item; message.text("|AC|")
                finish(message)
                message.removeAll(keepingCapacity: true)
                message.text(ok ? "121NUY" : "120NUY"); message += date; message.text("AO"); message.text(branch)
                message.text("|AA"); message += patron; message.text("|AB"); message += item
                message.text("|AJTitle "); message.digits(itemNumber, 1); message.text("|AH"); message += date
                message.text("|CK"); message.text(media); message.text("|")
            case 9..<18:
                action = .checkin
                location = "STACKS"
                collection = Self.collections[next(Self.collections.count)]
                message.text("09N"); message += date; message += date; message.text("AP"); message.text(branch)
                message.text(" desk|AO"); message.text(branch); message.text("|AB"); message += item; message.text("|AC|")
                finish(message)
                message.removeAll(keepingCapacity: true)
                message.text(ok ? "101YNN" : "100YNN"); message += date; message.text("AO"); message.text(branch)
                message.text("|AB"); message += item; message.text("|AQ"); message.text(location)
                message.text("|AJTitle "); message.digits(itemNumber, 1); message.text("|CK"); message.text(media)
                message.text("|CR"); message.text(collection); message.text("|")
            default:
                action = .renewal
                message.text("29NN"); message += date; message.text("                  AO"); message.text(branch)
                message.text("|AA"); message += patron; message.text("|AB"); message += item; message.text("|")
                finish(message)
                message.removeAll(keepingCapacity: true)
                message.text(ok ? "301NUN" : "300NUN"); message += date; message.text("AO"); message.text(branch)
                message.text("|AA"); message += patron; message.text("|AB"); message += item
                message.text("|AJTitle "); message.digits(itemNumber, 1); message.text("|AH"); message += date
                message.text("|CK"); message.text(media); message.text("|")
            }
            finish(message)
            written += 2
            index += 1
            guard ok else { continue }
            switch action {
            case .checkout: totals.checkouts += 1
            case .checkin: totals.checkins += 1
            case .renewal: totals.renewals += 1
            }
            row.removeAll(keepingCapacity: true)
            row.digits(year, 4); row.text("-"); row.digits(month, 2); row.text("-"); row.digits(day, 2)
            row.text(","); row.digits(hour, 1); row.text(","); row.text(action.rawValue); row.text(",")
            row.text(branch); row.text(","); row.text(location); row.text(","); row.text(media); row.text(",")
            row.text(collection); row.text(",self-check,"); row += item; row.text("\n")
            csv.append(row)
        }
        try log.close()
        try csv.close()
        return totals
    }

    /// Appends `AY<seq>AZ<checksum>` to the message that starts at `start` in `line`: the
    /// 16-bit two's complement of the byte sum from the message's first byte through "AZ".
    static func appendChecksum(to line: inout [UInt8], from start: Int, sequence: Int) {
        line.text("AY"); line.digits(sequence, 1); line.text("AZ")
        var sum: UInt32 = 0
        for b in line[start...] { sum &+= UInt32(b) }
        let check = UInt16(truncatingIfNeeded: ~sum &+ 1)
        let hex = Array("0123456789ABCDEF".utf8)
        for shift in [12, 8, 4, 0] { line.append(hex[Int((check >> UInt16(shift)) & 0xF)]) }
    }
}

extension [UInt8] {
    mutating func text(_ s: String) { append(contentsOf: s.utf8) }

    /// Decimal digits of `value`, zero-padded to at least `width`, written in place.
    mutating func digits(_ value: Int, _ width: Int) {
        var length = 1
        var probe = value / 10
        while probe > 0 {
            length += 1
            probe /= 10
        }
        length = Swift.max(length, width)
        let end = count + length
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var v = value
        var i = end - 1
        while v > 0 {
            self[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
    }
}

/// Buffered file output in 1 MiB writes.
final class ChunkedWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchmarkFailure("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ text: String) { append(Array(text.utf8)) }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
