/// Appending ASCII to a byte buffer without going through `String` formatting: the generators
/// write millions of lines, and formatting each number would take most of their time.
extension [UInt8] {
    mutating func text(_ s: String) { append(contentsOf: s.utf8) }

    /// Decimal digits of `value` (not negative), zero-padded to at least `width`.
    mutating func digits(_ value: Int, _ width: Int) {
        var length = 1
        var probe = value / 10
        while probe > 0 {
            length += 1
            probe /= 10
        }
        length = Swift.max(length, width)
        let end = count + length
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var v = value
        var i = end - 1
        while v > 0 {
            self[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
    }
}
