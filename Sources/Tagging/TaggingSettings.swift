import TagCodec
import TagPrivacy

/// What a site decides about the tags its station writes (the `[tags]` and `[policy]` sections
/// of the site file), as plain values so the workflow does not depend on how they are read.
public struct TaggingSettings: Sendable, Equatable {
    public var format: TagFormat
    public var policy: BarcodePolicy
    public var afiInStock: UInt8
    public var afiOnLoan: UInt8
    public var useEAS: Bool

    public init(
        format: TagFormat = .iso28560_2, policy: BarcodePolicy = .default, afiInStock: UInt8 = 0x07,
        afiOnLoan: UInt8 = 0xC2, useEAS: Bool = true
    ) {
        self.format = format
        self.policy = policy
        self.afiInStock = afiInStock
        self.afiOnLoan = afiOnLoan
        self.useEAS = useEAS
    }

    /// The AFI's meaning in words, for staff.
    public func meaning(ofAFI afi: UInt8) -> String {
        switch afi {
        case afiInStock: "in stock (gates alarm)"
        case afiOnLoan: "on loan (gates stay quiet)"
        case 0x00: "none (factory default: no gate filters on it)"
        default: "not a value this site uses"
        }
    }
}

/// A tag's memory layout, for readers that cannot report it (the 3M 810 has no system
/// information command): staff give it, as for `dump --blocks`.
public struct TagLayout: Sendable, Equatable {
    public var blockCount: Int
    public var blockSize: Int

    public init(blockCount: Int, blockSize: Int) {
        self.blockCount = blockCount
        self.blockSize = blockSize
    }

    /// ICODE SLIX, the usual library tag: 28 blocks of 4 bytes.
    public static let icodeSLIX = TagLayout(blockCount: 28, blockSize: 4)
}
