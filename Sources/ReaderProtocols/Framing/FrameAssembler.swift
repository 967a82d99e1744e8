/// What a protocol's frame scanner found at the start of a buffer.
public enum FrameScan<Frame: Sendable>: Sendable {
    /// A whole, checked frame occupying the first `length` bytes.
    case frame(Frame, length: Int)
    /// The bytes so far are a plausible frame prefix; wait for more.
    case needMore
    /// The first byte cannot start a frame (wrong start byte, impossible length).
    case notAFrame
    /// A complete frame whose checksum is wrong; `length` is the length it claimed.
    case checksumMismatch(length: Int)
}

/// A protocol's framing rules, kept free of transport and of command meaning so the same
/// scanner serves drivers, emulators and fuzzers.
public protocol FrameScanner: SendableMetatype {
    associatedtype Frame: Sendable
    static func scan(_ bytes: ArraySlice<UInt8>) -> FrameScan<Frame>
}

/// One thing the assembler learned from the bytes pushed into it.
public enum FrameEvent<Frame: Sendable>: Sendable {
    case frame(Frame)
    /// A frame-shaped run of bytes with a bad checksum, at this offset in the whole stream.
    case checksumError(streamOffset: Int)
    /// Bytes that could not start a frame and were skipped, at this stream offset.
    case skipped(streamOffset: Int, count: Int)
}

/// Turns arbitrarily chunked bytes into frames. Resynchronises by dropping one byte and
/// rescanning whenever the head of the buffer is not a valid frame, so garbage before or
/// between frames costs only those bytes, and the frames produced do not depend on how the
/// transport happened to split the stream.
public struct FrameAssembler<Scanner: FrameScanner>: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Stream offset of `buffer[start]`, for error reports.
    private var consumed = 0

    public init() {}

    /// Bytes received but not yet part of a frame.
    public var pendingCount: Int { buffer.count - start }

    public mutating func reset() {
        consumed += pendingCount
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    public mutating func push<C: Collection>(_ bytes: C) -> [FrameEvent<Scanner.Frame>] where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        var events: [FrameEvent<Scanner.Frame>] = []
        var skippedAt: Int?
        var skippedCount = 0
        func flushSkipped() {
            if let at = skippedAt { events.append(.skipped(streamOffset: at, count: skippedCount)) }
            skippedAt = nil
            skippedCount = 0
        }
        scanning: while start < buffer.count {
            switch Scanner.scan(buffer[start...]) {
            case .frame(let frame, let length):
                flushSkipped()
                events.append(.frame(frame))
                advance(by: max(1, length))
            case .needMore:
                break scanning
            case .notAFrame:
                if skippedAt == nil { skippedAt = consumed }
                skippedCount += 1
                advance(by: 1)
            case .checksumMismatch:
                flushSkipped()
                events.append(.checksumError(streamOffset: consumed))
                advance(by: 1)
            }
        }
        flushSkipped()
        if start > 4096 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return events
    }

    private mutating func advance(by n: Int) {
        start += n
        consumed += n
    }
}
