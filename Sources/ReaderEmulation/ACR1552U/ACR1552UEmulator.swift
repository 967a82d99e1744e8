import ReaderCore
import ReaderProtocols

/// An ACS ACR1552U as its USB bulk endpoints see it: CCID command messages in, CCID replies
/// out, with the PC/SC transparent session carrying raw ISO 15693 frames to the tags. The slot
/// holds a "card" while any tag is in the field; taking the last tag away powers it down.
public struct ACR1552UEmulator: ProtocolEmulator {
    public static let protocolName = "acr1552u"
    /// ACS vendor id and the ACR1552U product id.
    public static let usbID: (vendor: UInt16, product: UInt16) = (0x072F, 0x2308)

    private var assembler = FrameAssembler<CCIDScanner>()
    private var powered = false
    private var session = TransparentSessionEmulation()

    public init() {}

    public mutating func resetReceiver() { assembler.reset() }

    public mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        for case .frame(let message) in assembler.push(bytes) {
            replies.append(answer(message, field).encoded())
        }
        return replies
    }

    /// The ATR a PC/SC part 3 reader builds for an ISO 15693 part 3 tag: 3B 8F 80 01 80 4F 0C,
    /// the PC/SC RID A0 00 00 03 06, standard 0B, card name 00 00, four RFU bytes, TCK.
    public static let atr: [UInt8] = {
        let body: [UInt8] = [0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x0B, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00]
        return body + [body.dropFirst().reduce(0, ^)]
    }()

    mutating func answer(_ m: CCIDMessage, _ field: TagField) -> CCIDMessage {
        func reply(_ kind: CCIDMessage.Kind, _ s: CCIDSlotStatus, third: UInt8 = 0, _ data: [UInt8] = []) -> CCIDMessage {
            CCIDMessage(kind: kind, slot: m.slot, sequence: m.sequence, specific: (s.status, s.error, third), data: data)
        }
        if field.tags.isEmpty {
            // The tag was taken away: the reader powers the slot down and forgets the session.
            powered = false
            session = TransparentSessionEmulation()
        }
        let card: CCIDSlotStatus.Card = field.tags.isEmpty ? .absent : (powered ? .presentActive : .presentInactive)
        let failedKind: CCIDMessage.Kind = m.kind == .escape ? .escapeReply : (m.kind == .xfrBlock || m.kind == .iccPowerOn ? .dataBlock : .slotStatus)
        guard m.slot == 0 else {
            return reply(failedKind, CCIDSlotStatus(card: card, command: .failed, error: CCIDSlotStatus.badSlot))
        }
        switch m.kind {
        case .iccPowerOn:
            guard card != .absent else {
                return reply(.dataBlock, CCIDSlotStatus(card: .absent, command: .failed, error: CCIDSlotStatus.iccMute))
            }
            powered = true
            return reply(.dataBlock, CCIDSlotStatus(card: .presentActive, command: .ok), Self.atr)
        case .iccPowerOff:
            powered = false
            session = TransparentSessionEmulation()
            return reply(.slotStatus, CCIDSlotStatus(card: card == .absent ? .absent : .presentInactive, command: .ok))
        case .getSlotStatus, .abort:
            return reply(.slotStatus, CCIDSlotStatus(card: card, command: .ok))
        case .xfrBlock:
            guard card == .presentActive else {
                return reply(.dataBlock, CCIDSlotStatus(card: card, command: .failed, error: CCIDSlotStatus.iccMute))
            }
            return reply(.dataBlock, CCIDSlotStatus(card: card, command: .ok), session.apdu(m.data, field: field))
        case .escape, .dataBlock, .slotStatus, .escapeReply:
            return reply(failedKind, CCIDSlotStatus(card: card, command: .failed, error: CCIDSlotStatus.commandNotSupported))
        }
    }
}
