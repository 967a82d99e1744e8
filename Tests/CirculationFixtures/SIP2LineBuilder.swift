import CirculationLog

/// Builds SIP2 log lines byte by byte into one reused buffer (the generators write millions).
struct SIP2LineBuilder {
    var bytes: [UInt8] = []
    private var messageStart = 0

    init() { bytes.reserveCapacity(512) }

    mutating func begin(timestamp: LocalClock?) {
        bytes.removeAll(keepingCapacity: true)
        if let t = timestamp {
            number(t.year, 4)
            byte("-")
            number(t.month, 2)
            byte("-")
            number(t.day, 2)
            byte("T")
            number(t.hour, 2)
            byte(":")
            number(t.minute, 2)
            byte(":")
            number(t.second, 2)
            byte(" ")
        }
        messageStart = bytes.count
    }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func byte(_ c: Unicode.Scalar) { bytes.append(UInt8(ascii: c)) }

    /// `value` in decimal, zero-padded to at least `width` digits.
    mutating func number(_ value: Int, _ width: Int) { bytes.digits(value, width) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// An 18-byte SIP2 date with a blank zone: YYYYMMDD    HHMMSS.
    mutating func date(_ t: LocalClock) {
        number(t.year, 4)
        number(t.month, 2)
        number(t.day, 2)
        text("    ")
        number(t.hour, 2)
        number(t.minute, 2)
        number(t.second, 2)
    }

    mutating func field(_ code: String, _ value: String) {
        text(code)
        text(value)
        byte("|")
    }

    mutating func field(_ code: String, _ value: [UInt8]) {
        text(code)
        append(value)
        byte("|")
    }

    /// Appends `AY<seq>AZ<checksum>`; a wrong checksum when `corrupt` is set.
    mutating func trailer(sequence: Int, corrupt: Bool) {
        text("AY")
        number(sequence % 10, 1)
        text("AZ")
        let sum = bytes.withUnsafeBytes {
            SIP2Checksum.compute(UnsafeRawBufferPointer(rebasing: $0[messageStart...]))
        }
        let value = corrupt ? sum &+ 1 : sum
        let digits = Array("0123456789ABCDEF".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(digits[Int((value >> UInt16(shift)) & 0xF)]) }
    }

    mutating func end() { bytes.append(10) }
}

/// A wall-clock instant in the synthetic month.
struct LocalClock {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    var localTime: LocalTime { LocalTime(year: year, month: month, day: day, hour: hour) }
}
