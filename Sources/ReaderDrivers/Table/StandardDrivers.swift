import ReaderCore
import ReaderTransport

/// The production drivers, one entry each. Demo and mock readers are not here: they live in
/// `EmulatedReaders`, added by the programs that want them.
extension ReaderDriverTable {
    public static let standard = ReaderDriverTable([.feig, .threeM810, .trf7970a, .acr1552u])
}

extension ReaderDriverEntry {
    public static let feig = ReaderDriverEntry(
        name: "feig", model: "FEIG ID ISC / ID CPR (ISO Host mode)", transports: [.serial, .tcp, .usb],
        serialSettings: .feig,
        usbReaders: [
            // ID CPR40 / CPR74 desktop readers: ISO Host frames over plain bulk endpoints.
            KnownUSBReader(vendorID: 0x0AB1, productID: 0x0004, driver: "feig", model: "FEIG ID CPR40/CPR74")
        ],
        optionNames: FEIGAddressOptions.names, checkOption: { option throws(ReaderAddressError) in try FEIGAddressOptions.check(option) },
        open: { o throws(ReaderFactoryError) in
            let configuration = FEIGAddressOptions.configuration(o.address, retry: o.retryPolicy)
            if case .usb = o.address.kind { return FEIGReader(transport: try o.usbTransport(), configuration: configuration) }
            return FEIGReader(transport: try o.streamTransport(), configuration: configuration)
        })

    public static let threeM810 = ReaderDriverEntry(
        name: "3m810", model: "3M 810 library pad (USB-serial cable)", transports: [.serial, .tcp],
        serialSettings: .threeM810,
        open: { o throws(ReaderFactoryError) in
            ThreeM810Reader(transport: try o.streamTransport(), configuration: .init(retry: o.retryPolicy))
        })

    public static let trf7970a = ReaderDriverEntry(
        name: "trf7970a", model: "TI TRF7970A EVM (CP210x USB-UART)", transports: [.serial], serialSettings: .trf7970a,
        open: { o throws(ReaderFactoryError) in
            TRF7970AReader(transport: try o.streamTransport(), configuration: .init(retry: o.retryPolicy))
        })

    /// CCID messages on the reader's bulk pair; pcscd must not hold the reader.
    public static let acr1552u = ReaderDriverEntry(
        name: "acr1552u", model: "ACS ACR1552U (CCID, PC/SC transparent session)", transports: [.usb],
        usbReaders: [
            // A CCID (smart-card class) reader; ISO 15693 through PC/SC pseudo-APDUs.
            KnownUSBReader(vendorID: 0x072F, productID: 0x2308, driver: "acr1552u", model: "ACS ACR1552U")
        ],
        open: { o throws(ReaderFactoryError) in
            ACR1552UReader(endpoints: try o.usbTransport(), configuration: .init(retry: o.retryPolicy))
        })
}
