import TagCodec
import TagPrivacy

/// Tag memory arrives over the air from any tag a gate or station sees. The first input byte is
/// the DSFID the reader reported; the rest is user memory. Every input must decode or fail with
/// a TagCodecError, the verdict must never trap, and any identifier the encoder accepts must
/// read back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let dsfid = bytes[0]
    let memory = Array(bytes.dropFirst())
    for hint in [Optional(dsfid), nil] {
        guard let tag = try? TagDecoder.decode(memory, dsfid: hint) else { continue }
        precondition(tag.endOfData <= memory.count)
        _ = PrivacyGuard.verdict(for: tag)
        if let id = tag.primaryItemIdentifier, !id.isEmpty,
            let image = try? ISO28560Part2.encode(primaryItemIdentifier: id, blockSize: 4, blockCount: 64)
        {
            precondition((try? ISO28560Part2.decode(image))?.primaryItemIdentifier == id)
        }
    }
    _ = try? ISO28560Part2.decode(memory)
    _ = try? ISO28560Part3.decode(memory)
    _ = try? Legacy3M.decode(memory)
    return 0
}
