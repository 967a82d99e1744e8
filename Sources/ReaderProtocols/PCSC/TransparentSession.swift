import ReaderCore

/// PC/SC 2.02 part 3 "transparent session" pseudo-APDUs (`FF C2 00 <function> Lc <data objects> 00`)
/// and the BER-TLV data objects a reader answers with. The ISO 15693 frames inside are raw
/// requests; the reader adds and checks the air CRC.
public enum TransparentSession {
    public enum Function: UInt8, Sendable {
        case manageSession = 0x00, transparentExchange = 0x01, switchProtocol = 0x02
    }

    public enum Tag {
        public static let startSession: UInt16 = 0x81
        public static let endSession: UInt16 = 0x82
        public static let switchProtocol: UInt16 = 0x8F
        public static let transceive: UInt16 = 0x95
        public static let timer: UInt16 = 0x5F46
        // Response objects.
        public static let genericError: UInt16 = 0xC0
        public static let receiveBitFraming: UInt16 = 0x92
        public static let responseStatus: UInt16 = 0x96
        public static let iccResponse: UInt16 = 0x97
    }

    /// `FF C2 00 00 02 81 00 00`
    public static let startSession: [UInt8] = apdu(.manageSession, [TLV(Tag.startSession, [])])
    /// `FF C2 00 00 02 82 00 00`
    public static let endSession: [UInt8] = apdu(.manageSession, [TLV(Tag.endSession, [])])
    /// `FF C2 00 02 04 8F 02 02 03`: ISO 15693 (02), layer 3 (03). This one has no Le byte.
    public static let switchToISO15693: [UInt8] = apdu(.switchProtocol, [TLV(Tag.switchProtocol, [0x02, 0x03])], le: false)

    /// `5F 46 04 <microseconds, little-endian>`: how long the reader waits for the tag.
    public static func timer(microseconds: UInt32) -> TLV {
        TLV(Tag.timer, [UInt8(microseconds & 0xFF), UInt8((microseconds >> 8) & 0xFF), UInt8((microseconds >> 16) & 0xFF), UInt8(microseconds >> 24)])
    }

    /// `FF C2 00 01 Lc [5F 46 04 t t t t] 95 <len> <ISO frame> 00`.
    public static func exchange(_ iso: [UInt8], timerMicroseconds: UInt32? = nil) -> [UInt8] {
        var objects: [TLV] = []
        if let t = timerMicroseconds { objects.append(timer(microseconds: t)) }
        objects.append(TLV(Tag.transceive, iso))
        return apdu(.transparentExchange, objects)
    }

    public static func apdu(_ function: Function, _ objects: [TLV], le: Bool = true) -> [UInt8] {
        let body = objects.flatMap { $0.encoded() }
        return [0xFF, 0xC2, 0x00, function.rawValue, UInt8(truncatingIfNeeded: body.count)] + body + (le ? [0x00] : [])
    }

    /// A response APDU split into data objects and the closing status word.
    public struct Reply: Sendable, Equatable {
        public var objects: [TLV]
        public var status: APDUStatus

        public init(objects: [TLV], status: APDUStatus) {
            self.objects = objects
            self.status = status
        }

        public func first(_ tag: UInt16) -> TLV? { objects.first { $0.tag == tag } }

        /// The generic error object's status (`C0 03 <object index> SW1 SW2`), 90 00 when absent.
        public var genericError: (index: UInt8, status: APDUStatus)? {
            guard let c0 = first(Tag.genericError), c0.value.count == 3 else { return nil }
            return (c0.value[0], APDUStatus(c0.value[1], c0.value[2]))
        }

        public func encoded() -> [UInt8] { objects.flatMap { $0.encoded() } + [status.sw1, status.sw2] }
    }

    /// Parses a response APDU. The status word must be present; the data before it must be
    /// well-formed TLV, or the error names the byte offset where it breaks.
    public static func parse(_ response: [UInt8], operation: String) throws(ReaderError) -> Reply {
        guard response.count >= 2 else {
            throw ReaderError(.protocolViolation, operation: operation, "response APDU of \(response.count) bytes has no status word")
        }
        let status = APDUStatus(response[response.count - 2], response[response.count - 1])
        let objects = try TLV.parseAll(response.dropLast(2), operation: operation)
        return Reply(objects: objects, status: status)
    }
}

/// One BER-TLV data object with a one- or two-byte tag.
public struct TLV: Sendable, Equatable {
    public var tag: UInt16
    public var value: [UInt8]

    public init(_ tag: UInt16, _ value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = tag > 0xFF ? [UInt8(tag >> 8), UInt8(tag & 0xFF)] : [UInt8(tag)]
        switch value.count {
        case ..<0x80: out.append(UInt8(value.count))
        case ..<0x100: out += [0x81, UInt8(value.count)]
        default: out += [0x82, UInt8(truncatingIfNeeded: value.count >> 8), UInt8(truncatingIfNeeded: value.count)]
        }
        return out + value
    }

    public static func parseAll(_ bytes: ArraySlice<UInt8>, operation: String) throws(ReaderError) -> [TLV] {
        var objects: [TLV] = []
        var at = bytes.startIndex
        func fail(_ what: String) -> ReaderError {
            ReaderError(.protocolViolation, operation: operation, "response data object at byte \(at - bytes.startIndex): \(what)")
        }
        while at < bytes.endIndex {
            let start = at
            var tag = UInt16(bytes[at])
            at += 1
            if bytes[start] & 0x1F == 0x1F {
                guard at < bytes.endIndex else { at = start; throw fail("two-byte tag cut short") }
                tag = tag << 8 | UInt16(bytes[at])
                at += 1
            }
            guard at < bytes.endIndex else { at = start; throw fail("missing length") }
            var length = Int(bytes[at])
            at += 1
            if length == 0x81 || length == 0x82 {
                let n = length - 0x80
                guard bytes.endIndex - at >= n else { at = start; throw fail("long length cut short") }
                length = bytes[at..<(at + n)].reduce(0) { $0 << 8 | Int($1) }
                at += n
            } else if length > 0x80 {
                at = start
                throw fail("length form 0x\(String(length, radix: 16)) is not supported")
            }
            guard bytes.endIndex - at >= length else {
                let have = bytes.endIndex - at
                at = start
                throw fail("value of \(length) bytes but only \(have) remain")
            }
            objects.append(TLV(tag, Array(bytes[at..<(at + length)])))
            at += length
        }
        return objects
    }
}
