import ReaderCore
import ReaderProtocols

/// The reader side of FEIG ISO Host, as an ID ISC.MR/CPR firmware answers it: request frames
/// in, reply frames out, tag rules enforced by the tags in the field.
public struct FEIGEmulator: ProtocolEmulator {
    public static let protocolName = "feig"
    /// FEIG reader statuses the firmware uses for malformed requests.
    static let unknownCommand: UInt8 = 0x80
    static let lengthError: UInt8 = 0x81

    /// This reader's COM-ADR; it also answers 0xFF.
    public var address: UInt8
    /// Software version bytes answered to 0x65: SW-REV (2), D-REV, HW-TYPE, SW-TYPE, TR-TYPE (2).
    public var versionData: [UInt8]
    /// False emulates tags without ISO Write Multiple Blocks (only one block per command).
    public var writeMultipleSupported = true
    /// Called with every request the emulator answers, so a test (or `rfid-emulator --record`)
    /// can check what a driver sent: a gate must never send an unfiltered inventory.
    public var recorder: (@Sendable (FEIGCommandRecord) -> Void)?
    /// The antenna the last RF output command (0x6A) selected; nil (none yet, or RF off): the
    /// tags at every antenna answer, as on a one-antenna reader.
    public private(set) var selectedAntenna: Int?
    private var assembler = FrameAssembler<FEIGScanner>()

    public init(address: UInt8 = 0x00, versionData: [UInt8] = [0x03, 0x04, 0x00, 0x49, 0x71, 0x00, 0x03]) {
        self.address = address
        self.versionData = versionData
    }

    public mutating func resetReceiver() { assembler.reset() }

    public mutating func receive(_ bytes: [UInt8], field: TagField) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        for case .frame(let frame) in assembler.push(bytes) {
            guard frame.address == address || frame.address == FEIGFrame.broadcastAddress,
                let command = frame.payload.first
            else { continue }
            let args = Array(frame.payload.dropFirst())
            recorder?(FEIGCommandRecord(command: command, arguments: args))
            if command == FEIGCommand.rfOutput, args.count == 1, args[0] <= 2 {
                selectedAntenna = args[0] == 0 ? nil : Int(args[0])
            }
            let (status, data) = answer(command, args, field)
            replies.append(FEIGFrame(address: address, payload: [command, status] + data, advanced: frame.advanced).encoded())
        }
        return replies
    }

    func answer(_ command: UInt8, _ args: [UInt8], _ field: TagField) -> (UInt8, [UInt8]) {
        switch command {
        case FEIGCommand.softwareVersion: return (0x00, versionData)
        case FEIGCommand.rfOutput: return args.count == 1 && args[0] <= 2 ? (0x00, []) : (Self.lengthError, [])
        case FEIGCommand.setOutputCPR, FEIGCommand.setOutputISC: return outputs(args)
        case FEIGCommand.isoHost:
            if !writeMultipleSupported, args.first == FEIGCommand.ISO.writeMultiple.rawValue, args.count > 11, args[11] > 1 {
                return (FEIGISOHost.isoError, [EmulatedTag.TagErrorCode.notSupported.rawValue])
            }
            return FEIGISOHost.answer(args, field, antenna: selectedAntenna)
        case FEIGCommand.nxpCustom: return FEIGISOHost.nxp(args, field, antenna: selectedAntenna)
        default: return (Self.unknownCommand, [])
        }
    }

    private func outputs(_ args: [UInt8]) -> (UInt8, [UInt8]) {
        guard args.count >= 2, args[0] == 0x01, args.count == 2 + Int(args[1]) * 4 else { return (Self.lengthError, []) }
        return (0x00, [])
    }
}
