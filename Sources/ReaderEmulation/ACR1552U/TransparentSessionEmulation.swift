import ReaderCore
import ReaderProtocols

/// The reader's side of the PC/SC part 3 transparent session, for `FF C2` APDUs. Failures of
/// one data object are reported in the generic error object `C0 03 <object number> SW1 SW2`
/// with an outer 90 00; a malformed APDU gets an outer status word alone.
///
/// One ACR1552U quirk is kept on purpose: a write sent without a timer object reports
/// "no response" (64 01) although the tag was written, so drivers must verify by reading back.
struct TransparentSessionEmulation {
    private var active = false
    private var iso15693 = false

    mutating func apdu(_ apdu: [UInt8], field: TagField) -> [UInt8] {
        guard apdu.count >= 4 else { return sw(.wrongLength) }
        guard apdu[0] == 0xFF else { return sw(.classNotSupported) }
        guard apdu[1] == 0xC2 else { return sw(.instructionNotSupported) }
        guard apdu[2] == 0x00, let function = TransparentSession.Function(rawValue: apdu[3]) else { return sw(.wrongParameters) }
        var objects: [TLV] = []
        if apdu.count > 4 {
            let lc = Int(apdu[4])
            let rest = apdu.count - 5
            // Le (00) may follow the data; switch protocol is sent without it.
            guard rest == lc || rest == lc + 1 else { return sw(.wrongLength) }
            guard let parsed = try? TLV.parseAll(apdu[5..<(5 + lc)], operation: "apdu") else { return sw(.wrongLength) }
            objects = parsed
        }
        switch function {
        case .manageSession: return manage(objects)
        case .switchProtocol: return switchProtocol(objects)
        case .transparentExchange: return exchange(objects, field)
        }
    }

    func sw(_ s: APDUStatus) -> [UInt8] { [s.sw1, s.sw2] }

    func generic(_ index: Int, _ s: APDUStatus, _ more: [TLV] = []) -> [UInt8] {
        TransparentSession.Reply(objects: [TLV(TransparentSession.Tag.genericError, [UInt8(index), s.sw1, s.sw2])] + more, status: .ok)
            .encoded()
    }

    mutating func manage(_ objects: [TLV]) -> [UInt8] {
        for (i, o) in objects.enumerated() {
            switch o.tag {
            case TransparentSession.Tag.startSession: active = true
            case TransparentSession.Tag.endSession: active = false; iso15693 = false
            default: return generic(i + 1, .functionNotSupported)
            }
        }
        return generic(0, .ok)
    }

    mutating func switchProtocol(_ objects: [TLV]) -> [UInt8] {
        guard active else { return sw(.notAllowed) }
        guard let o = objects.first, o.tag == TransparentSession.Tag.switchProtocol else { return generic(1, .functionNotSupported) }
        guard o.value == [0x02, 0x03] else { return generic(1, .functionNotSupported) }
        iso15693 = true
        return generic(0, .ok)
    }

    func exchange(_ objects: [TLV], _ field: TagField) -> [UInt8] {
        guard active, iso15693 else { return sw(.notAllowed) }
        var timer = false
        for (i, o) in objects.enumerated() {
            switch o.tag {
            case TransparentSession.Tag.timer:
                guard o.value.count == 4 else { return generic(i + 1, .wrongLength) }
                timer = true
            case TransparentSession.Tag.transceive:
                let result = ISO15693TagResponder.answer(o.value, field: field)
                let writes = o.value.count >= 2 && ISO15693Request.Command(rawValue: o.value[1])?.writes == true
                switch result {
                case .silence:
                    return generic(i + 1, .noResponse)
                case .collision:
                    return generic(0, .ok, [framing, TLV(TransparentSession.Tag.responseStatus, [0x02, 0x00]),
                        TLV(TransparentSession.Tag.iccResponse, [])])
                case .response(let bytes):
                    if writes && !timer { return generic(i + 1, .noResponse) }
                    return generic(0, .ok, [framing, TLV(TransparentSession.Tag.responseStatus, [0x00, 0x00]),
                        TLV(TransparentSession.Tag.iccResponse, bytes)])
                }
            default:
                return generic(i + 1, .functionNotSupported)
            }
        }
        return generic(1, .functionNotSupported)
    }

    /// `92 01 00`: the last received byte is complete.
    var framing: TLV { TLV(TransparentSession.Tag.receiveBitFraming, [0x00]) }
}
