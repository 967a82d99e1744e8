import ReaderCore
import ReaderProtocols

/// The address options only FEIG readers take: `address` (the COM-ADR on an RS-485 bus,
/// 0-254) and `family` (`isc` or `cpr`), which decides the Set Output command: ID CPR readers
/// take 0x71, ID ISC readers 0x72, and a reader refuses the other one.
public enum FEIGAddressOptions {
    public enum Family: String, Sendable, CaseIterable { case isc, cpr }

    public static let names = ["address", "family"]

    static func check(_ option: DriverOption) throws(ReaderAddressError) {
        switch option.name {
        case "address": _ = try busAddress(option)
        case "family": _ = try family(option)
        default: break
        }
    }

    static func busAddress(_ option: DriverOption) throws(ReaderAddressError) -> UInt8 {
        guard let a = UInt8(option.value), a <= 254 else { throw option.invalid(.address, "bus address must be 0-254") }
        return a
    }

    static func family(_ option: DriverOption) throws(ReaderAddressError) -> Family {
        guard let f = Family(rawValue: option.value.lowercased()) else {
            throw option.invalid(.family, "\"\(option.value)\" is not a FEIG family (isc or cpr)")
        }
        return f
    }

    /// The family an address means: as given, else ID CPR over USB (`feig-usb:` opens the
    /// CPR40/CPR74, the only FEIG USB ids this build knows) and ID ISC on serial and TCP.
    public static func family(of address: ReaderAddress) -> Family {
        if let f = address.driverOptions["family"].flatMap({ Family(rawValue: $0.lowercased()) }) { return f }
        if case .usb = address.kind { return .cpr }
        return .isc
    }

    /// The bus address an address gives, if any.
    public static func busAddress(of address: ReaderAddress) -> UInt8? {
        address.driverOptions["address"].flatMap { UInt8($0) }.flatMap { $0 <= 254 ? $0 : nil }
    }

    /// COM-ADR, retry policy and Set Output command for a FEIG address.
    public static func configuration(_ address: ReaderAddress, retry: RetryPolicy) -> FEIGReader.Configuration {
        FEIGReader.Configuration(
            address: busAddress(of: address) ?? FEIGFrame.broadcastAddress, retry: retry,
            outputCommand: family(of: address) == .cpr ? FEIGCommand.setOutputCPR : FEIGCommand.setOutputISC)
    }
}

extension ReaderAddressError.Part {
    /// FEIG's bus address option.
    public static let address = Self(rawValue: "address")
    /// FEIG's family option.
    public static let family = Self(rawValue: "family")
}
