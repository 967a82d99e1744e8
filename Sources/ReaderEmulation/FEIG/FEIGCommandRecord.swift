import RFIDCommon
import ReaderProtocols

/// One request as the FEIG emulator received it, described for a person or a test: the command
/// byte, what it asked, and for an inventory the AFI filter if it had one. `rfid-emulator
/// --record FILE` writes one a line, so a gate test can assert that no unfiltered inventory was
/// ever sent and that an item on loan was never addressed.
public struct FEIGCommandRecord: Sendable, Equatable {
    public var command: UInt8
    public var arguments: [UInt8]

    public init(command: UInt8, arguments: [UInt8]) {
        self.command = command
        self.arguments = arguments
    }

    /// For an inventory, its AFI filter (nil: unfiltered); nil for other commands.
    public var isInventory: Bool { command == FEIGCommand.isoHost && arguments.first == FEIGCommand.ISO.inventory.rawValue }

    public var inventoryAFI: UInt8? {
        guard isInventory, arguments.count >= 3, arguments[1] & FEIGCommand.inventoryModeAFI != 0 else { return nil }
        return arguments[2]
    }

    /// "B0 inventory afi=07", "B0 inventory unfiltered", "6A antenna 2", "72 outputs relay1:on:2.0s",
    /// "B0 read-blocks uid=E004...", "B1 eas-alarm".
    public var description: String {
        Hex.encode([command]) + " " + what
    }

    private var what: String {
        switch command {
        case FEIGCommand.isoHost:
            if isInventory { return "inventory " + (inventoryAFI.map { "afi=" + Hex.encode([$0]) } ?? "unfiltered") }
            let names: [UInt8: String] = [
                0x23: "read-blocks", 0x24: "write-blocks", 0x27: "write-afi", 0x29: "write-dsfid", 0x2B: "system-info",
            ]
            let name = arguments.first.flatMap { names[$0] } ?? "iso-" + Hex.encode(Array(arguments.prefix(1)))
            return name + uidText(at: 2)
        case FEIGCommand.nxpCustom:
            let names: [UInt8: String] = [0xA2: "set-eas", 0xA3: "reset-eas", 0xA5: "eas-alarm"]
            let name = arguments.count > 1 ? names[arguments[1]] ?? "nxp-" + Hex.encode([arguments[1]]) : "nxp"
            return name + uidText(at: 3)
        case FEIGCommand.rfOutput:
            guard let n = arguments.first else { return "rf" }
            return n == 0 ? "rf off" : "antenna \(n)"
        case FEIGCommand.setOutputCPR, FEIGCommand.setOutputISC:
            return "outputs " + outputs.joined(separator: " ")
        case FEIGCommand.softwareVersion:
            return "version"
        default:
            return "command"
        }
    }

    /// The outputs of a Set Output request as "relay1:on:2.0s" (time in tenths, "continuous").
    public var outputs: [String] {
        guard command == FEIGCommand.setOutputCPR || command == FEIGCommand.setOutputISC, arguments.count >= 2 else { return [] }
        var result: [String] = []
        var at = 2
        while at + 4 <= arguments.count {
            let number = arguments[at], state = arguments[at + 1]
            let time = Int(arguments[at + 2]) << 8 | Int(arguments[at + 3])
            let kind = ["led", "buzzer", "relay"][safe: Int(number >> 4)] ?? "out"
            let name = kind == "buzzer" ? "buzzer" : kind + "\(number & 0x0F)"
            let length = time == 0xFFFF ? "continuous" : "\(time / 10).\(time % 10)s"
            result.append("\(name):\(state == 0 ? "off" : "on"):\(length)")
            at += 4
        }
        return result
    }

    private func uidText(at offset: Int) -> String {
        // Addressed mode carries the UID, MSB first, after the mode byte.
        guard arguments.count >= offset + 8, arguments[offset - 1] == FEIGCommand.modeAddressed else { return "" }
        return " uid=" + Hex.encode(Array(arguments[offset..<(offset + 8)]))
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
