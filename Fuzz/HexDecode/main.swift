import RFIDCommon

/// Hex text arrives from staff, state files and the command line: any bytes must either parse or
/// give a ParseError, and a parse must round-trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let bytes = try? Hex.decode(text) {
        precondition((try? Hex.decode(Hex.encode(bytes))) == bytes)
    }
    return 0
}
