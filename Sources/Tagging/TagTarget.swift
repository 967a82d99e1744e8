import ReaderCore

/// What a tag must hold when a station is done with it: the memory image (the barcode alone,
/// every other byte zero), the DSFID of the format, and the security state.
public struct TagTarget: Sendable, Equatable {
    public var image: [UInt8]
    public var blockSize: Int
    public var dsfid: UInt8
    /// Nil: the AFI is left as it is (scrub keeps a tag's security state).
    public var afi: UInt8?
    /// Nil: EAS is left as it is (the site does not use it, the reader cannot set it, or the
    /// security state is kept).
    public var eas: Bool?

    public init(image: [UInt8], blockSize: Int, dsfid: UInt8, afi: UInt8?, eas: Bool?) {
        self.image = image
        self.blockSize = blockSize
        self.dsfid = dsfid
        self.afi = afi
        self.eas = eas
    }

    public var blockCount: Int { image.count / blockSize }
    public var layout: TagLayout { TagLayout(blockCount: blockCount, blockSize: blockSize) }

    /// Blocks whose bytes differ from the image in `memory`.
    public func differingBlocks(in memory: [UInt8]) -> [Int] {
        (0..<blockCount).filter { block in
            let range = (block * blockSize)..<((block + 1) * blockSize)
            return range.upperBound > memory.count || !image[range].elementsEqual(memory[range])
        }
    }
}

/// Exactly what a tag holds compared with its target, in the words staff read at the desk:
/// "barcode written, secured", "barcode written, not secured", "partly written: blocks 0-3 of
/// 28". Built from a read-back, never from what the station meant to write.
public struct TagState: Sendable, Equatable, CustomStringConvertible {
    public enum Memory: Sendable, Equatable {
        /// Every byte equals the image.
        case written
        /// These blocks (sorted) equal the image; the others do not.
        case partly(matching: [Int], of: Int)
        /// No block equals the image (a tag whose old content happens to share zero blocks
        /// with the image counts those as matching: what matters is what it holds now).
        case notWritten(blocks: Int)
    }

    public var memory: Memory
    /// Nil when the reader cannot tell.
    public var dsfidMatches: Bool?
    public var afi: UInt8?
    public var eas: Bool?
    public var target: TagTarget

    public init(readback: TagReadback, target: TagTarget) {
        let differing = Set(target.differingBlocks(in: readback.memory))
        let matching = (0..<target.blockCount).filter { !differing.contains($0) }
        if differing.isEmpty {
            memory = .written
        } else if matching.isEmpty {
            memory = .notWritten(blocks: target.blockCount)
        } else {
            memory = .partly(matching: matching, of: target.blockCount)
        }
        dsfidMatches = readback.dsfid.map { $0 == target.dsfid }
        afi = readback.afi
        eas = readback.eas
        self.target = target
    }

    /// Memory and DSFID as targeted.
    public var dataWritten: Bool { memory == .written && dsfidMatches != false }

    /// AFI and EAS as targeted; nil when the reader cannot tell or nothing was targeted.
    public var secured: Bool? {
        guard let wantedAFI = target.afi else { return nil }
        guard let afi else { return nil }
        if afi != wantedAFI { return false }
        guard let wanted = target.eas else { return true }
        guard let eas else { return nil }
        return eas == wanted
    }

    /// Everything as targeted, as far as the reader can tell.
    public var complete: Bool { dataWritten && secured != false }

    public var description: String {
        var parts: [String] = []
        switch memory {
        case .written: parts.append(dsfidMatches == false ? "barcode written, DSFID not set" : "barcode written")
        case .partly(let matching, let total): parts.append("partly written: blocks \(Self.runs(matching)) of \(total)")
        case .notWritten: parts.append("barcode not written")
        }
        switch (secured, target.afi) {
        case (true?, _): parts.append("secured")
        case (false?, _): parts.append("not secured")
        case (nil, nil): parts.append("security state unchanged")
        case (nil, _?): parts.append("security state unknown (the reader cannot read it)")
        }
        var registers: [String] = []
        if let afi { registers.append("AFI \(Self.hex(afi))") }
        if let eas { registers.append("EAS \(eas ? "on" : "off")") }
        return parts.joined(separator: ", ") + (registers.isEmpty ? "" : " (\(registers.joined(separator: ", ")))")
    }

    /// "0-3, 7, 9-27"
    static func runs(_ blocks: [Int]) -> String {
        var result: [String] = []
        var start: Int?
        var previous = -2
        for block in blocks.sorted() {
            if block != previous + 1 {
                if let s = start { result.append(s == previous ? "\(s)" : "\(s)-\(previous)") }
                start = block
            }
            previous = block
        }
        if let s = start { result.append(s == previous ? "\(s)" : "\(s)-\(previous)") }
        return result.joined(separator: ", ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
