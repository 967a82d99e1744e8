#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses one SIP2 log line (one message, optionally after an ISO-8601 timestamp) straight from
/// its bytes. Only the fields a statistic needs are ever turned into values; everything else,
/// patron fields included, is stepped over. Lines are independent, so the parser has no state.
public struct SIP2LineParser: Sendable {
    public typealias Outcome = RecordOutcome

    public struct ParsedLine: Sendable, Equatable {
        public var outcome: Outcome
        public var checksum: SIP2Checksum.Verdict
        /// Fields of a counted transaction whose values an allow-list refused: the transaction
        /// counts without its item, or under `CodeAllowList.unknown`. Ingest warns once per file
        /// and field, naming the field and the line, never the value.
        public var withheld: WithheldFields = []
        /// When the item was withheld because it looked like personal data: which kind (the
        /// warning then says so), and the 1-based column of the field.
        public var itemPersonalData: ItemPersonalData? = nil
        public var itemColumn: Int? = nil
        /// Where the SIP2 message starts in the line (after any timestamp): a resent response is
        /// the same message under a new timestamp.
        public var messageStart = 0
        /// A 97 (request ACS resend): the next response repeats the last one.
        public var isResendRequest = false
    }

    /// Who produced the log being parsed (a log from self-check machines, or from staff stations).
    public var source: TransactionSource
    /// What the parser may keep of a transaction; nothing else leaves it.
    public var allowLists: IngestAllowLists

    /// Without allow-lists, no item is kept and codes must have the shape of a code.
    public init(source: TransactionSource, allowLists: IngestAllowLists = IngestAllowLists(items: .keepNone)) {
        self.source = source
        self.allowLists = allowLists
    }

    public func parse(_ line: [UInt8]) -> ParsedLine {
        line.withUnsafeBytes { parse($0) }
    }

    public func parse(_ line: UnsafeRawBufferPointer) -> ParsedLine {
        var end = line.count
        while end > 0 && (line[end - 1] == 13 || line[end - 1] == 10) { end -= 1 }
        var start = 0
        while start < end && (line[start] == 32 || line[start] == 9) { start += 1 }
        if start == end { return ParsedLine(outcome: .blank, checksum: .absent) }

        var stamp: LocalTime? = nil
        if end - start >= 5, line[start + 4] == UInt8(ascii: "-"), Digits.value(line, start, 4) != nil {
            guard let (time, next) = ISOTimestamp.parse(line, from: start, to: end) else {
                return malformed(start, nil, "the leading timestamp is not ISO-8601 (YYYY-MM-DDThh:mm:ss)")
            }
            guard next < end, line[next] == 32 || line[next] == 9 else {
                return malformed(next, nil, "the timestamp must be followed by a space and the message")
            }
            stamp = time
            start = next
            while start < end && (line[start] == 32 || line[start] == 9) { start += 1 }
            if start == end { return malformed(start, nil, "a timestamp without a message") }
        }
        guard end - start >= 2, let code = Digits.value(line, start, 2) else {
            return malformed(start, nil, "the message does not start with a 2-digit SIP2 command code")
        }

        // Error-detection trailer: [AY<digit>]AZ<4 hex> at the very end.
        var bodyEnd = end
        var verdict = SIP2Checksum.Verdict.absent
        if end - start >= 8, line[end - 6] == UInt8(ascii: "A"), line[end - 5] == UInt8(ascii: "Z") {
            var stated: UInt16 = 0
            var isHex = true
            for k in (end - 4)..<end {
                guard let v = SIP2Checksum.hexValue(line[k]) else {
                    isHex = false
                    break
                }
                stated = stated << 4 | v
            }
            guard isHex else { return malformed(end - 4, "AZ", "the checksum is not 4 hex digits") }
            let computed = SIP2Checksum.compute(UnsafeRawBufferPointer(rebasing: line[start..<(end - 4)]))
            verdict = computed == stated ? .valid : .invalid
            bodyEnd = end - 6
            if bodyEnd - start >= 5, line[bodyEnd - 3] == UInt8(ascii: "A"), line[bodyEnd - 2] == UInt8(ascii: "Y"),
                line[bodyEnd - 1] &- 48 < 10
            {
                bodyEnd -= 3
            }
        }

        func fail(_ at: Int, _ field: String?, _ reason: String) -> ParsedLine {
            ParsedLine(outcome: .malformed(LineProblem(column: at + 1, field: field, reason: reason)), checksum: verdict)
        }

        guard let layout = SIP2MessageLayout.layout(code: code) else {
            return fail(start, nil, "the command code is not a SIP2 2.00 command code")
        }
        let fixedStart = start + 2
        let variableStart = fixedStart + layout.fixedLength
        guard variableStart <= bodyEnd else {
            return fail(
                bodyEnd, nil,
                "the message needs \(layout.fixedLength) bytes of fixed fields, it has \(bodyEnd - fixedStart)"
            )
        }

        var action: CirculationAction? = nil
        if case .when(let a) = layout.counted {
            switch line[fixedStart] {
            case UInt8(ascii: "1"): action = a
            case UInt8(ascii: "0"): break
            default: return fail(fixedStart, nil, "the ok flag must be 0 or 1")
            }
        }

        // Variable fields: validate the framing of every field, keep only the wanted ones.
        var kept = KeptRanges()
        var i = variableStart
        while i < bodyEnd {
            guard bodyEnd - i >= 2 else { return fail(i, nil, "a field code is cut short") }
            let a = line[i]
            let b = line[i + 1]
            guard Self.isCodeByte(a), Self.isCodeByte(b) else {
                return fail(i, nil, "a field does not start with a 2-character field code")
            }
            let j = Self.nextPipe(line, from: i + 2, to: bodyEnd)
            if action != nil, let field = SIP2KeptField.from(a, b) {
                kept.set(field, (i + 2)..<j)
            }
            i = j + 1
        }

        guard let action else {
            return ParsedLine(outcome: .other, checksum: verdict, messageStart: start, isResendRequest: code == 97)
        }

        var time = stamp
        if let offset = layout.dateOffset {
            let at = fixedStart + offset
            switch Self.sip2Date(line, at: at) {
            case .blank: break
            case .invalid: return fail(at, nil, "the transaction date is not YYYYMMDDZZZZHHMMSS")
            case .valid(let t): time = t
            }
        }
        guard let time else {
            return fail(fixedStart, nil, "no transaction date: the date field is blank and the line has no timestamp")
        }

        func text(_ range: Range<Int>?) -> String {
            guard let range, !range.isEmpty else { return "" }
            return String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
        }
        // AB is meant to hold an item barcode, but a misconfigured self-check or a staff typo can
        // put a library card number or an e-mail address there. Kept, it would reach the per-item
        // counts and the most-circulated list; dropped with the whole line, the transaction
        // would go missing from the counters. So the transaction counts without its item. The
        // shapes name the reason; the site's barcode policy is what decides (an allow-list).
        var parsed = ParsedLine(outcome: .other, checksum: verdict, messageStart: start)
        var item = ""
        if let range = kept.item, !range.isEmpty {
            if let personal = PersonalDataShapes.personalData(inItem: UnsafeRawBufferPointer(rebasing: line[range])) {
                parsed.itemPersonalData = personal
                parsed.itemColumn = range.lowerBound + 1
                parsed.withheld.insert(.item)
            } else {
                item = text(range)
                if !allowLists.items.accepts(item) {
                    item = ""
                    parsed.itemColumn = range.lowerBound + 1
                    parsed.withheld.insert(.item)
                }
            }
        }
        var branch = text(kept.institution)
        if !allowLists.branches.accepts(branch) {
            branch = CodeAllowList.unknown
            parsed.withheld.insert(.branch)
        }
        var location = text(kept.permanentLocation ?? kept.currentLocation)
        if !allowLists.locations.accepts(location) {
            location = CodeAllowList.unknown
            parsed.withheld.insert(.location)
        }
        var mediaType = text(kept.mediaType)
        if !allowLists.acceptsMediaType(mediaType) {
            mediaType = ""
            parsed.withheld.insert(.mediaType)
        }
        var collection = text(kept.collection)
        if !allowLists.collections.accepts(collection) {
            collection = CodeAllowList.unknown
            parsed.withheld.insert(.collection)
        }
        parsed.outcome = .transaction(
            CirculationEvent(
                action: action, day: time.dayText, hour: time.hour, branch: branch, location: location,
                mediaType: mediaType, collection: collection, source: source, item: item))
        return parsed
    }

    private func malformed(_ at: Int, _ field: String?, _ reason: String) -> ParsedLine {
        ParsedLine(outcome: .malformed(LineProblem(column: at + 1, field: field, reason: reason)), checksum: .absent)
    }

    /// The index of the next "|" in `from..<to`, or `to`.
    @inline(__always)
    static func nextPipe(_ line: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
        guard from < to, let base = line.baseAddress, let hit = memchr(base + from, 124, to - from) else { return to }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Field codes are upper-case letters or digits (AO, CK, and extensions such as XI or PB).
    @inline(__always)
    static func isCodeByte(_ b: UInt8) -> Bool { b &- 65 < 26 || b &- 48 < 10 }

    static func twoDigits(_ code: Int) -> String { code < 10 ? "0\(code)" : "\(code)" }

    enum DateField {
        case blank
        case invalid
        case valid(LocalTime)
    }

    /// `YYYYMMDDZZZZHHMMSS`; ZZZZ (a zone name or spaces) is not interpreted.
    static func sip2Date(_ line: UnsafeRawBufferPointer, at: Int) -> DateField {
        guard at + 18 <= line.count else { return .invalid }
        var allBlank = true
        for k in at..<(at + 18) where line[k] != 32 {
            allBlank = false
            break
        }
        if allBlank { return .blank }
        guard let y = Digits.value(line, at, 4), let mo = Digits.value(line, at + 4, 2),
            let d = Digits.value(line, at + 6, 2), let h = Digits.value(line, at + 12, 2),
            let mi = Digits.value(line, at + 14, 2), let s = Digits.value(line, at + 16, 2),
            let time = LocalTime.make(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        else { return .invalid }
        return .valid(time)
    }
}

/// Where the kept fields lie in the line; the first occurrence of each wins.
private struct KeptRanges {
    var institution: Range<Int>?
    var item: Range<Int>?
    var currentLocation: Range<Int>?
    var permanentLocation: Range<Int>?
    var mediaType: Range<Int>?
    var collection: Range<Int>?

    @inline(__always)
    mutating func set(_ field: SIP2KeptField, _ range: Range<Int>) {
        switch field {
        case .institution: if institution == nil { institution = range }
        case .item: if item == nil { item = range }
        case .currentLocation: if currentLocation == nil { currentLocation = range }
        case .permanentLocation: if permanentLocation == nil { permanentLocation = range }
        case .mediaType: if mediaType == nil { mediaType = range }
        case .collection: if collection == nil { collection = range }
        }
    }
}
