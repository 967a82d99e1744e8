/// Durations as staff write them in the site file: a whole number and a unit, "500ms", "3s",
/// "2m", "1h". Whole units only, so what the file says is exactly what the daemon waits.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, milliseconds) in units where text.hasSuffix(unit) {
            let number = text.dropLast(unit.count)
            guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), let n = Int64(number), n <= 1_000_000_000 else {
                return nil
            }
            return .milliseconds(n * milliseconds)
        }
        return nil
    }

    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if ms % 3_600_000 == 0, ms > 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0, ms > 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
