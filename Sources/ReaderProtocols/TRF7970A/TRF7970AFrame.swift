import RFIDCommon

/// One host command to the TI TRF7970A EVM firmware: `01 LEN_LSB LEN_MSB 03 04 CMD PARAMS 00 00`,
/// where LEN counts every byte of the frame, sent as uppercase ASCII hex with no line end and no
/// checksum (the chip adds the air CRC). The firmware reads the frame by its length.
public struct TRF7970AFrame: Sendable, Equatable {
    public static let startOfFrame: UInt8 = 0x01
    /// SOF, two length bytes, 03 04, CMD and the two trailing zero bytes.
    public static let overhead = 8
    /// The firmware keeps only the low length byte.
    public static let maximumLength = 255

    public var command: UInt8
    public var parameters: [UInt8]

    public init(command: UInt8, parameters: [UInt8] = []) {
        self.command = command
        self.parameters = parameters
    }

    /// The frame as bytes, before hex encoding.
    public var bytes: [UInt8] {
        let length = parameters.count + Self.overhead
        return [Self.startOfFrame, UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8), 0x03, 0x04, command]
            + parameters + [0x00, 0x00]
    }

    /// What goes on the serial line: the frame in uppercase hex digits.
    public func encoded() -> [UInt8] { Array(Hex.encode(bytes).utf8) }
}

/// Reads host commands the way the EVM firmware does (for the emulator and the fuzzer): the
/// characters `0` `1`, then hex digit pairs until LEN bytes have arrived. Lower-case digits are
/// accepted; anything else inside a frame means this was not a frame start.
public enum TRF7970ARequestScanner: FrameScanner {
    public static func scan(_ chars: ArraySlice<UInt8>) -> FrameScan<TRF7970AFrame> {
        let base = chars.startIndex
        guard let first = chars.first else { return .needMore }
        guard first == UInt8(ascii: "0") else { return .notAFrame }
        guard chars.count >= 2 else { return .needMore }
        guard chars[base + 1] == UInt8(ascii: "1") else { return .notAFrame }
        var bytes: [UInt8] = [TRF7970AFrame.startOfFrame]
        var at = base + 2
        var length = Int.max
        while bytes.count < length {
            guard at + 1 < chars.endIndex else {
                // Validate what is here so garbage is rejected without waiting for more.
                if at < chars.endIndex, TRF7970AHex.nibble(chars[at]) == nil { return .notAFrame }
                return .needMore
            }
            guard let high = TRF7970AHex.nibble(chars[at]), let low = TRF7970AHex.nibble(chars[at + 1]) else {
                return .notAFrame
            }
            bytes.append(high << 4 | low)
            at += 2
            if bytes.count == 2 {
                length = Int(bytes[1])
                guard length >= TRF7970AFrame.overhead else { return .notAFrame }
            }
        }
        let frame = TRF7970AFrame(command: bytes[5], parameters: Array(bytes[6..<(length - 2)]))
        return .frame(frame, length: at - base)
    }
}

enum TRF7970AHex {
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Strict hex (even length, digits only); nil otherwise.
    static func decode<C: Collection>(_ chars: C) -> [UInt8]? where C.Element == UInt8 {
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var high: UInt8?
        for c in chars {
            guard let n = nibble(c) else { return nil }
            if let h = high {
                out.append(h << 4 | n)
                high = nil
            } else {
                high = n
            }
        }
        return out
    }
}
