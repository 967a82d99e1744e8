import RFIDCommon

/// Which faults the emulator injects into its replies, parsed from
/// `crc=0.05,drop=0.02,partial=0.01,garbage=0.02,slow=0.05:200ms,vanish=@10s:3s`.
/// Probabilities apply per reply; `vanish=@T:D` closes the pty T after start for D. A reply
/// fault can also be given times instead of a probability, `drop=@2s+@5s`: the first reply
/// sent at or after each time gets it, so a test can aim a fault at one exchange without
/// searching for a seed.
public struct FaultSpec: Sendable, Equatable {
    /// The faults that alter one reply.
    public enum ReplyFault: String, Sendable, CaseIterable {
        case crc, drop, partial, garbage, slow
    }
    public var crc = 0.0
    public var drop = 0.0
    public var partial = 0.0
    public var garbage = 0.0
    public var slow = 0.0
    public var slowDelay: Duration = .milliseconds(200)
    public var vanishAt: Duration?
    public var vanishFor: Duration = .seconds(3)
    /// Times after start at which the next reply gets the fault, earliest first.
    public var times: [ReplyFault: [Duration]] = [:]

    public init() {}

    public init(parsing text: String) throws(FaultSpecError) {
        var offset = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { offset += item.count + 1 }
            guard let eq = item.firstIndex(of: "=") else { throw FaultSpecError(offset, "expected kind=value") }
            let name = String(item[..<eq])
            let value = String(item[item.index(after: eq)...])
            let valueAt = offset + name.count + 1
            func probability(_ s: String, at p: Int) throws(FaultSpecError) -> Double {
                guard let d = Double(s), (0...1).contains(d) else { throw FaultSpecError(p, "probability must be 0-1") }
                return d
            }
            /// `@T[+@T...]` after start, or nil when the value is a probability.
            func timesIfGiven(_ s: String, at p: Int) throws(FaultSpecError) -> [Duration]? {
                guard s.hasPrefix("@") else { return nil }
                var result: [Duration] = []
                var at = p
                for part in s.split(separator: "+", omittingEmptySubsequences: false) {
                    guard part.hasPrefix("@") else { throw FaultSpecError(at, "expected @time, e.g. @2s+@5s") }
                    result.append(try Self.duration(String(part.dropFirst()), at: at + 1))
                    at += part.count + 1
                }
                return result.sorted()
            }
            func rateOrTimes(_ kind: ReplyFault, _ s: String, at p: Int) throws(FaultSpecError) -> Double {
                if let given = try timesIfGiven(s, at: p) {
                    times[kind] = given
                    return 0
                }
                return try probability(s, at: p)
            }
            switch name {
            case "crc": crc = try rateOrTimes(.crc, value, at: valueAt)
            case "drop": drop = try rateOrTimes(.drop, value, at: valueAt)
            case "partial": partial = try rateOrTimes(.partial, value, at: valueAt)
            case "garbage": garbage = try rateOrTimes(.garbage, value, at: valueAt)
            case "slow":
                let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
                slow = try rateOrTimes(.slow, parts.first ?? "", at: valueAt)
                if parts.count == 2 { slowDelay = try Self.duration(parts[1], at: valueAt + parts[0].count + 1) }
            case "vanish":
                guard value.hasPrefix("@") else { throw FaultSpecError(valueAt, "expected @time:duration, e.g. @10s:3s") }
                let parts = value.dropFirst().split(separator: ":", maxSplits: 1).map(String.init)
                vanishAt = try Self.duration(parts.first ?? "", at: valueAt + 1)
                if parts.count == 2 { vanishFor = try Self.duration(parts[1], at: valueAt + 2 + parts[0].count) }
            default:
                throw FaultSpecError(offset, "unknown fault \"\(name)\" (known: crc, drop, partial, garbage, slow, vanish)")
            }
        }
    }

    /// "200ms", "3s", "1.5s".
    static func duration(_ s: String, at position: Int) throws(FaultSpecError) -> Duration {
        if s.hasSuffix("ms"), let n = Double(s.dropLast(2)), n >= 0 { return .milliseconds(n) }
        if s.hasSuffix("s"), let n = Double(s.dropLast()), n >= 0 { return .milliseconds(n * 1000) }
        throw FaultSpecError(position, "duration must look like 200ms or 3s")
    }
}

public struct FaultSpecError: UserFacingError, Equatable {
    /// Zero-based character offset in the --faults text.
    public var position: Int
    public var reason: String
    init(_ position: Int, _ reason: String) {
        self.position = position
        self.reason = reason
    }
    public var exitStatus: ExitStatus { .usage }
    public var description: String { "--faults at character \(position): \(reason)" }
}
