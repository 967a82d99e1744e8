import RFIDCommon

/// Host commands of the EVM firmware that the driver uses, with the description line the
/// firmware prints before its result. Register numbers and values are TRF7970A chip registers.
public enum TRF7970ACommand {
    public static let initialise: UInt8 = 0xFF
    public static let registerWrite: UInt8 = 0x10
    public static let inventory: UInt8 = 0x14
    public static let request: UInt8 = 0x18
    public static let agc: UInt8 = 0xF0
    public static let amPMInput: UInt8 = 0xF1
    public static let firmwareVersion: UInt8 = 0xFE

    /// Chip Status Control (register 0x00): 0x21 = RF field on, 5 V supply; 0x01 = RF off.
    public static let chipStatusControl: UInt8 = 0x00
    public static let rfOnFullPower: UInt8 = 0x21
    public static let rfOff: UInt8 = 0x01
    /// ISO Control (register 0x01): 0x00 = ISO 15693 low data rate, one subcarrier, 1 of 4;
    /// 0x02 = the same at high data rate.
    public static let isoControl: UInt8 = 0x01
    public static let iso15693LowRate: UInt8 = 0x00
    public static let iso15693HighRate: UInt8 = 0x02

    /// What the firmware prints first for each command (then CR LF where shown).
    public enum Banner {
        public static let initialise = "TRF7970A EVM "
        public static let registerWrite = "Register write request."
        public static let inventory = "ISO 15693 Inventory request."
        public static let request = "Request mode."
        public static let agc = "AGC Toggle"
        public static let amPM = "AM PM Toggle"
    }

    public static func initialiseFrame() -> TRF7970AFrame { TRF7970AFrame(command: initialise) }

    /// Register write: address/value pairs.
    public static func registerWrite(_ pairs: [(UInt8, UInt8)]) -> TRF7970AFrame {
        TRF7970AFrame(command: registerWrite, parameters: pairs.flatMap { [$0.0, $0.1] })
    }

    /// Selects ISO 15693 with the RF field on (the reference's `010C00030410002101000000` at low rate).
    public static func selectISO15693(highDataRate: Bool) -> TRF7970AFrame {
        registerWrite([(chipStatusControl, rfOnFullPower), (isoControl, highDataRate ? iso15693HighRate : iso15693LowRate)])
    }

    /// `F0 <p>`: the firmware sets the chip's AGC bit for p = FF and clears it otherwise. TI's GUI
    /// sends `F0 00` during set-up (`0109000304F0000000`), so the driver does the same.
    public static func agcFrame(on: Bool = false) -> TRF7970AFrame { TRF7970AFrame(command: agc, parameters: [on ? 0xFF : 0x00]) }
    /// `F1 FF` selects the AM receiver input (`0109000304F1FF0000`).
    public static func amInput() -> TRF7970AFrame { TRF7970AFrame(command: amPMInput, parameters: [0xFF]) }

    /// Inventory with the EVM's own anticollision; `iso` is the raw inventory request
    /// (flags, 01, [AFI], mask length).
    public static func inventory(_ iso: [UInt8]) -> TRF7970AFrame { TRF7970AFrame(command: inventory, parameters: iso) }

    /// Any raw ISO 15693 request (flags, command, data); the EVM adds the air CRC.
    public static func request(_ iso: [UInt8]) -> TRF7970AFrame { TRF7970AFrame(command: request, parameters: iso) }
}
