import CirculationLog
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a SIP2 log ahead of the ingest and parses it on the other cores, in parts cut at line
/// boundaries, so that the ingest's own thread only counts: parsing a line (framing, checksum,
/// dates, allow-lists) is as much work as counting it, and the machine has more than one core.
///
/// A part is handed back only after every part before it, with each line's end and its
/// `SIP2LineParser` result in file order, so the ingest counts exactly what, and in the order
/// that, it would have parsed itself: line numbers, malformed-line records, warnings, resend
/// tracking and batch boundaries do not depend on how the file was cut. The parser has no state
/// between lines, which is what makes the parts independent.
///
/// A part ends after its last line end (an LF, or a CR not followed by LF). Every such position
/// starts a line whichever way the bytes before it were read, so a line is parsed from the same
/// bytes as a single reader would see. A line that fills the whole buffer without a line end is
/// handed back as `.overlong` and stepped over up to the next LF, as the single reader does.
final class ParseAhead: @unchecked Sendable {
    /// One line of a part: where it lies in the part's buffer and what the parser made of it.
    struct Line {
        var start: Int
        var end: Int
        var next: Int
        var parsed: SIP2LineParser.ParsedLine
        /// The hash of a transaction's counter key (`BatchAggregator.HashedKey`), 0 otherwise.
        var counterHash: Int
    }

    enum Content {
        /// Complete lines; `unterminated` when the file ends in a line without a line end
        /// (its bytes follow the last line).
        case lines([Line], unterminated: Bool)
        /// No line end in a full buffer: a line longer than the buffer, starting at `fileStart`.
        case overlong
        /// Bytes of an overlong line stepped over up to `to` (a file offset); `lineEnded` when
        /// its LF was found there.
        case skipped(to: Int, lineEnded: Bool)
        /// The file could not be read.
        case failed(IngestFileError)
    }

    final class Part: @unchecked Sendable {
        let buffer: UnsafeMutableRawBufferPointer
        /// File offset of `buffer[0]`, the valid bytes, and how far the file had been read.
        let fileStart: Int
        let count: Int
        let readUpTo: Int
        var content: Content
        fileprivate let done = DispatchSemaphore(value: 0)

        init(buffer: UnsafeMutableRawBufferPointer, fileStart: Int, count: Int, readUpTo: Int, content: Content) {
            self.buffer = buffer
            self.fileStart = fileStart
            self.count = count
            self.readUpTo = readUpTo
            self.content = content
        }

        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }

        deinit { buffer.deallocate() }
    }

    private let file: InputFile
    private let parser: SIP2LineParser
    private let capacity: Int
    private let partBytes: Int
    private let reader = DispatchQueue(label: "librfid.ingest.read")
    /// One serial queue per parsing thread; parts go to them in turn.
    private let parsers: [DispatchQueue]
    private var published = 0
    /// Parts read and not yet taken, at most `window`: bounds memory whatever the file size.
    private let slots: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)
    private let lock = DispatchSemaphore(value: 1)
    private var queue: [Part] = []
    private var stopped = false

    /// Starts reading `file` from `offset`. `capacity` is the longest line kept whole (the
    /// single reader's buffer), `partBytes` how much each part reads, `threads` how many parts
    /// are parsed at once.
    init(file: InputFile, from offset: Int, parser: SIP2LineParser, capacity: Int, partBytes: Int, threads: Int) {
        self.file = file
        self.parser = parser
        self.capacity = capacity
        self.partBytes = max(1, min(partBytes, capacity))
        parsers = (0..<max(1, threads)).map { DispatchQueue(label: "librfid.ingest.parse-\($0)") }
        // Created at 0 and raised to the window: libdispatch traps when a semaphore is freed
        // below the value it was created with, which is how an ingest that stops early (a
        // conflict, a store error) leaves this one, with parts still read and not taken.
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<max(2, threads * 3) { slots.signal() }
        reader.async { [self] in readAll(from: offset) }
    }

    /// The next part in file order, parsed; nil after the last.
    func next() -> Part? {
        ready.wait()
        lock.wait()
        guard !queue.isEmpty else {
            lock.signal()
            ready.signal()  // stays readable for a repeated call
            return nil
        }
        let part = queue.removeFirst()
        lock.signal()
        part.done.wait()
        slots.signal()
        return part
    }

    /// Stops reading (the ingest failed or finished) and waits until the reader has returned;
    /// parts still being parsed finish on their own. One slot given back is enough: the reader
    /// checks `stopped` after every wait for a slot, and never waits for anything else.
    func stop() {
        lock.wait()
        stopped = true
        lock.signal()
        slots.signal()
        reader.sync {}
    }

    private var isStopped: Bool {
        lock.wait()
        defer { lock.signal() }
        return stopped
    }

    private func publish(_ part: Part, parse: Bool) {
        lock.wait()
        queue.append(part)
        lock.signal()
        ready.signal()
        if parse {
            // Only the reader publishes, so `published` needs no lock.
            let target = parsers[published % parsers.count]
            published += 1
            target.async { [self] in
                if case .lines = part.content {
                    part.content = parseLines(part)
                }
                part.done.signal()
            }
        } else {
            part.done.signal()
        }
    }

    /// After the last part: `next` finds the queue empty and returns nil.
    private func finish() {
        ready.signal()
    }

    /// The reader's loop: cuts the file into parts at line ends and hands each to a parser.
    private func readAll(from start: Int) {
        defer { finish() }
        var offset = start  // file offset of the first byte not yet in a part
        var carry: [UInt8] = []  // bytes after the last part's last line end
        var atEnd = false
        var skipping = false
        while !atEnd {
            slots.wait()
            if isStopped { return }
            let size = skipping ? partBytes : min(capacity, max(partBytes, carry.count + partBytes))
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
            var filled = 0
            if !skipping && !carry.isEmpty {
                carry.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[0..<$0.count]).copyMemory(from: $0) }
                filled = carry.count
            }
            let fileStart = skipping ? offset : offset - carry.count
            // Read until a line end is in the buffer (or it is full, or the file ends).
            var cut: Int? = nil
            while true {
                let n: Int
                do {
                    n = try file.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<size]), at: fileStart + filled)
                } catch {
                    publish(
                        Part(buffer: buffer, fileStart: fileStart, count: 0, readUpTo: fileStart + filled, content: .failed(error)),
                        parse: false)
                    return
                }
                if n == 0 { atEnd = true }
                filled += n
                if skipping { break }
                cut = Self.lastLineBoundary(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), atEnd: atEnd)
                if cut != nil || atEnd || filled == size { break }
            }
            let readUpTo = fileStart + filled
            func part(_ content: Content, count: Int = 0) -> Part {
                Part(buffer: buffer, fileStart: fileStart, count: count, readUpTo: readUpTo, content: content)
            }
            if skipping {
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
                if let nl = FileRun.nextNewline(bytes, from: 0) {
                    skipping = false
                    offset = fileStart + nl + 1
                    publish(part(.skipped(to: offset, lineEnded: true)), parse: false)
                } else {
                    offset = readUpTo
                    publish(part(.skipped(to: offset, lineEnded: false)), parse: false)
                }
                carry = []
                continue
            }
            if atEnd {
                // The rest of the file: complete lines, then perhaps one without a line end.
                publish(part(.lines([], unterminated: false), count: filled), parse: true)
                return
            }
            guard let cut else {
                // A full buffer without a line end.
                if size == capacity {
                    publish(part(.overlong), parse: false)
                    skipping = true
                    offset = readUpTo
                    carry = []
                } else {
                    // The part size is below the capacity: keep the bytes, read on.
                    carry = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                    offset = readUpTo
                    buffer.deallocate()
                    slots.signal()
                }
                continue
            }
            carry = Array(UnsafeRawBufferPointer(rebasing: buffer[cut..<filled]))
            offset = readUpTo
            publish(part(.lines([], unterminated: false), count: cut), parse: true)
        }
    }

    /// The position after the last line end in `bytes` at which a line surely starts: after an
    /// LF, or after a CR whose next byte is known and is not LF (at the end of the bytes read so
    /// far, an LF may follow). Nil when there is none.
    static func lastLineBoundary(_ bytes: UnsafeRawBufferPointer, atEnd: Bool) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            let b = bytes[i]
            if b == 10 { return i + 1 }
            if b == 13 {
                if i + 1 < bytes.count { return i + 1 }  // the next byte is not LF (checked above)
                if atEnd { return i + 1 }
            }
            i -= 1
        }
        return nil
    }

    /// Parses every complete line of a part, exactly as the single reader steps through them.
    /// A part other than the last ends in a line end whose next byte is known (not an LF after
    /// a CR), so its last line ends as it would in one long buffer: every part is read as if
    /// the input ended there. In the last part, bytes after the last line end are a line
    /// without its end (`unterminated`).
    private func parseLines(_ part: Part) -> Content {
        let bytes = part.bytes
        var lines: [Line] = []
        lines.reserveCapacity(part.count / 96 + 1)
        var pos = 0
        while pos < bytes.count {
            guard let (end, next) = FileRun.sip2LineEnd(bytes, from: pos, atEnd: true) else { break }
            let parsed = parser.parse(UnsafeRawBufferPointer(rebasing: bytes[pos..<end]))
            var hash = 0
            if case .transaction(let event) = parsed.outcome { hash = BatchAggregator.CounterKey(event).mixedHash }
            lines.append(Line(start: pos, end: end, next: next, parsed: parsed, counterHash: hash))
            pos = next
        }
        return .lines(lines, unterminated: pos < bytes.count)
    }
}
