import ReaderCore

/// One item the EVM prints in square brackets.
public enum TRF7970ABracket: Sendable, Equatable {
    /// `[<hex>]`: a tag's answer in request mode (response flags then data, air CRC removed),
    /// or one register value.
    case data([UInt8])
    /// `[<UID>,<RSSI>]`: a tag found by inventory; the UID is printed as received (LSB first).
    case tag(TagUID, rssi: UInt8)
    /// `[z]`: the receiver saw a collision or a garbled frame.
    case collision
    /// `[]`: nobody answered before the timeout.
    case silence
}

/// One line the EVM prints (lines end with CR LF; the CR is dropped).
public enum TRF7970ALine: Sendable, Equatable {
    case blank
    /// A description such as `Request mode.` or `ISO 15693 Inventory request.`.
    case text(String)
    /// Bracketed items, e.g. `[E004...,4C]` or `[00][04]`; text before the first bracket (the
    /// firmware prints `ISO15693: ` in stand-alone mode) is ignored.
    case results([TRF7970ABracket])
    /// A line with brackets that do not parse (a corrupted reply); `column` is where it failed.
    case garbled(column: Int)
}

/// Splits the EVM's output into lines. Bytes outside printable ASCII cannot begin a line and
/// are skipped, so binary noise on the line costs only itself.
public enum TRF7970AReplyScanner: FrameScanner {
    public static let maximumLineLength = 1024

    public static func scan(_ chars: ArraySlice<UInt8>) -> FrameScan<TRF7970ALine> {
        guard let first = chars.first else { return .needMore }
        guard isLineByte(first) else { return .notAFrame }
        var end = chars.startIndex
        while end < chars.endIndex, chars[end] != 0x0A {
            guard isLineByte(chars[end]) else { return .notAFrame }
            end += 1
            if end - chars.startIndex > maximumLineLength { return .notAFrame }
        }
        guard end < chars.endIndex else { return .needMore }
        var body = chars[chars.startIndex..<end]
        while let last = body.last, last == 0x0D { body = body.dropLast() }
        return .frame(parse(Array(body)), length: end - chars.startIndex + 1)
    }

    static func isLineByte(_ b: UInt8) -> Bool { (0x20...0x7E).contains(b) || b == 0x0D || b == 0x0A }

    /// Classifies one line (without its line end).
    public static func parse(_ line: [UInt8]) -> TRF7970ALine {
        let body = line.filter { $0 != 0x0D }
        if body.isEmpty { return .blank }
        guard let open = body.firstIndex(of: UInt8(ascii: "[")) else {
            if let close = body.firstIndex(of: UInt8(ascii: "]")) { return .garbled(column: close) }
            return .text(String(decoding: body, as: UTF8.self))
        }
        if let stray = body[..<open].firstIndex(of: UInt8(ascii: "]")) { return .garbled(column: stray) }
        var items: [TRF7970ABracket] = []
        var at = open
        while at < body.count {
            guard body[at] == UInt8(ascii: "[") else { return .garbled(column: at) }
            guard let close = body[(at + 1)...].firstIndex(of: UInt8(ascii: "]")) else { return .garbled(column: at) }
            guard let item = bracket(body[(at + 1)..<close]) else { return .garbled(column: at + 1) }
            items.append(item)
            at = close + 1
        }
        return .results(items)
    }

    static func bracket(_ content: ArraySlice<UInt8>) -> TRF7970ABracket? {
        if content.isEmpty { return .silence }
        if content.first == UInt8(ascii: "z") {
            // "[z]" in request mode; "[z,RSSI]" in stand-alone inventory.
            return content.count == 1 || content.dropFirst().first == UInt8(ascii: ",") ? .collision : nil
        }
        if let comma = content.firstIndex(of: UInt8(ascii: ",")) {
            guard let rssi = TRF7970AHex.decode(content[(comma + 1)...]), rssi.count == 1 else { return nil }
            if comma == content.startIndex { return .silence }  // "[,RSSI]": an empty slot
            guard let uid = TRF7970AHex.decode(content[..<comma]), uid.count == 8,
                let tag = TagUID(bytes: uid.reversed())
            else { return nil }
            return .tag(tag, rssi: rssi[0])
        }
        guard let bytes = TRF7970AHex.decode(content) else { return nil }
        return .data(bytes)
    }
}
