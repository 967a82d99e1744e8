import ReaderCore

/// Set Output (0x71 CPR / 0x72 ISC): `CMD 01 <count> { OUT-NR OUT-S TIME_HI TIME_LO }`.
/// OUT-NR carries the output type in the high nibble (0 LED, 1 buzzer, 2 relay) and its
/// number in the low nibble; OUT-S is 01 on, 00 off; TIME counts 100 ms, 0xFFFF = continuous.
public enum FEIGOutputs {
    public static func payload(command: UInt8, _ commands: [OutputCommand]) throws(ReaderError) -> [UInt8] {
        guard !commands.isEmpty, commands.count <= 16 else {
            throw ReaderError(.invalidRequest, operation: "set outputs", "give between 1 and 16 outputs, not \(commands.count)")
        }
        var bytes: [UInt8] = [command, 0x01, UInt8(commands.count)]
        for c in commands {
            let number: UInt8
            switch c.output {
            case .led(let n) where (1...15).contains(n): number = UInt8(n)
            case .buzzer: number = 0x10 | 1
            case .relay(let n) where (1...15).contains(n): number = 0x20 | UInt8(n)
            default:
                throw ReaderError(.invalidRequest, operation: "set outputs", "output \(c.output) does not exist (numbers 1...15)")
            }
            var time: UInt16 = 0xFFFF
            if let d = c.duration {
                let tenths = d.components.seconds * 10 + d.components.attoseconds / 100_000_000_000_000_000
                time = UInt16(clamping: max(1, min(tenths, 0xFFFE)))
            }
            bytes += [number, c.on ? 0x01 : 0x00, UInt8(time >> 8), UInt8(time & 0xFF)]
        }
        return bytes
    }
}
