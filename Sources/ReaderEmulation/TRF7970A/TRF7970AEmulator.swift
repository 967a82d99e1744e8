import RFIDCommon
import ReaderCore
import ReaderProtocols

/// The TI TRF7970A EVM firmware's host mode, as it answers over its USB-UART: ASCII hex
/// commands in, text out (a description line, bracketed results, CR LF). Tags answer through
/// `ISO15693TagResponder`; the RF field is off until a register write turns it on, as on the
/// board after power-up.
public struct TRF7970AEmulator: ProtocolEmulator {
    public static let protocolName = "trf7970a"
    /// The RSSI register value printed after each UID (the board prints whatever it measured).
    public var rssi: UInt8
    public var firmwareRevision: String
    private var assembler = FrameAssembler<TRF7970ARequestScanner>()
    private var rfOn = false
    private static let crlf = "\r\n"

    public init(rssi: UInt8 = 0x4E, firmwareRevision: String = "Firmware Revision 03 from 11/Nov/2013 ") {
        self.rssi = rssi
        self.firmwareRevision = firmwareRevision
    }

    public mutating func resetReceiver() { assembler.reset() }

    public mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        for case .frame(let frame) in assembler.push(bytes) {
            replies.append(Array(answer(frame, field).utf8))
        }
        return replies
    }

    mutating func answer(_ frame: TRF7970AFrame, _ field: TagField) -> String {
        typealias C = TRF7970ACommand
        let p = frame.parameters
        switch frame.command {
        case C.initialise:
            return C.Banner.initialise + Self.crlf + Self.crlf
        case C.registerWrite:
            var i = 0
            while i + 1 < p.count {
                if p[i] == C.chipStatusControl { rfOn = p[i + 1] & 0x20 != 0 }
                i += 2
            }
            return C.Banner.registerWrite + Self.crlf + Self.crlf
        case C.agc:
            return C.Banner.agc + Self.crlf
        case C.amPMInput:
            return C.Banner.amPM + Self.crlf
        case C.firmwareVersion:
            return firmwareRevision + Self.crlf + Self.crlf
        case C.inventory:
            return C.Banner.inventory + Self.crlf + inventory(p, field).map { Self.crlf + $0 }.joined() + Self.crlf
        case C.request:
            return C.Banner.request + Self.crlf + bracket(rfOn ? ISO15693TagResponder.answer(p, field: field) : .silence) + Self.crlf
        default:
            // The firmware prints nothing for commands it does not know, then ends the line.
            return Self.crlf
        }
    }

    func bracket(_ result: AirResult) -> String {
        switch result {
        case .response(let bytes): "[" + Hex.encode(bytes) + "]"
        case .collision: "[z]"
        case .silence: "[]"
        }
    }

    /// The firmware's anticollision: 16 slots chosen by the next 4 UID bits; a slot with one tag
    /// is printed, slots with several are searched again with a longer mask, last collision
    /// first. With the one-slot flag only a lone tag is printed.
    func inventory(_ p: [UInt8], _ field: TagField) -> [String] {
        guard rfOn, let flags = p.first else { return [] }
        var afi: UInt8?
        if flags & ISO15693Request.Flag.afiPresent != 0 {
            guard p.count >= 3 else { return [] }
            afi = p[2]
        }
        let candidates = ISO15693TagResponder.matches(field.tags, afi: afi, maskBits: 0, mask: 0)
        if flags & ISO15693Request.Flag.oneSlot != 0 {
            return candidates.count == 1 ? [line(candidates[0])] : []
        }
        var lines: [String] = []
        search(candidates, maskBits: 0, mask: 0, into: &lines)
        return lines
    }

    func search(_ tags: [EmulatedTag], maskBits: Int, mask: UInt64, into lines: inout [String]) {
        var collided: [UInt64] = []
        for slot in UInt64(0)..<16 {
            let inSlot = tags.filter { (ISO15693TagResponder.airValue($0.uid) >> UInt64(maskBits)) & 0x0F == slot }
            if inSlot.count == 1 { lines.append(line(inSlot[0])) }
            if inSlot.count > 1 { collided.append(slot) }
        }
        guard maskBits + 4 < 61 else { return }
        for slot in collided.reversed() {
            let next = mask | slot << UInt64(maskBits)
            let keep: UInt64 = (1 << UInt64(maskBits + 4)) - 1
            search(tags.filter { ISO15693TagResponder.airValue($0.uid) & keep == next }, maskBits: maskBits + 4, mask: next, into: &lines)
        }
    }

    func line(_ tag: EmulatedTag) -> String { "[" + Hex.encode(tag.uid.leastSignificantFirst) + "," + Hex.encode([rssi]) + "]" }
}
