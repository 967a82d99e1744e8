/// bStatus and bError of a CCID reply (CCID 1.1 section 6.2.6).
public struct CCIDSlotStatus: Sendable, Equatable {
    public enum Card: Sendable, Equatable {
        case presentActive, presentInactive, absent, reserved
    }

    public enum Command: Sendable, Equatable {
        case ok, failed, timeExtension, reserved
    }

    public var status: UInt8
    public var error: UInt8

    public init(status: UInt8, error: UInt8) {
        self.status = status
        self.error = error
    }

    public init(card: Card, command: Command, error: UInt8 = 0) {
        let c: UInt8 = switch card {
        case .presentActive: 0
        case .presentInactive: 1
        case .absent: 2
        case .reserved: 3
        }
        let k: UInt8 = switch command {
        case .ok: 0
        case .failed: 1
        case .timeExtension: 2
        case .reserved: 3
        }
        self.init(status: k << 6 | c, error: error)
    }

    public var card: Card {
        switch status & 0x03 {
        case 0: .presentActive
        case 1: .presentInactive
        case 2: .absent
        default: .reserved
        }
    }

    public var command: Command {
        switch status >> 6 {
        case 0: .ok
        case 1: .failed
        case 2: .timeExtension
        default: .reserved
        }
    }

    /// bError values (meaningful when the command failed).
    public static let iccMute: UInt8 = 0xFE
    public static let commandAborted: UInt8 = 0xFF
    public static let hardwareError: UInt8 = 0xFB
    public static let slotBusy: UInt8 = 0xE0
    public static let commandNotSupported: UInt8 = 0x00
    public static let badSlot: UInt8 = 0x05

    public var errorSummary: String {
        switch error {
        case Self.iccMute: "no tag answered (ICC mute)"
        case Self.commandAborted: "command aborted"
        case Self.hardwareError: "reader hardware error"
        case Self.slotBusy: "slot busy"
        case Self.commandNotSupported: "command not supported by the reader"
        case Self.badSlot: "no such slot"
        default: "CCID error 0x" + String(error, radix: 16, uppercase: true)
        }
    }
}
