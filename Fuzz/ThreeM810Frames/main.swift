import ReaderCore
import ReaderProtocols

/// Same contract as the FEIG target for 3M 810 frames and reply parsers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = FrameAssembler<ThreeMScanner>()
    let frames = whole.push(bytes).compactMap { e -> ThreeMFrame? in if case .frame(let f) = e { f } else { nil } }
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var split = FrameAssembler<ThreeMScanner>()
    let again = (split.push(bytes[..<cut]) + split.push(bytes[cut...])).compactMap { e -> ThreeMFrame? in
        if case .frame(let f) = e { f } else { nil }
    }
    precondition(again == frames, "chunking changed the frames")
    for frame in frames {
        var check = FrameAssembler<ThreeMScanner>()
        let round = check.push(frame.encoded()).compactMap { e -> ThreeMFrame? in if case .frame(let f) = e { f } else { nil } }
        precondition(round == [frame])
        guard let reply = try? ThreeMReply(frame: frame, operation: "fuzz") else { continue }
        _ = try? reply.check("fuzz")
        _ = try? ThreeMParse.inventory(reply.fields)
        _ = try? ThreeMParse.blocks(reply.fields, blockSize: Int(frame.payload.last ?? 4) % 33)
        _ = try? ThreeMParse.afi(reply.fields)
    }
    // The stale-reply check, for the requests the driver sends and one taken from the input.
    let uid = TagUID(bytes: [0xE0, 0x04, 0x01, 0x00, 0x46, 0x70, 0x7A, 0x28])!
    var requests: [[UInt8]] = [
        ThreeMCommand.inventory(afi: nil), ThreeMCommand.readMultiple(uid: uid, first: 0, count: 7),
        ThreeMCommand.writeMultiple(uid: uid, first: 0, count: 2, data: Array(repeating: 0, count: 8)),
        ThreeMCommand.writeAFI(uid: uid, afi: 0x07), ThreeMCommand.getAFI(uid: uid), [ThreeMCommand.version],
    ]
    if let first = frames.first { requests.append(first.payload) }
    for frame in frames {
        for request in requests { _ = ThreeMReplyShape.fits(request: request, reply: frame.payload) }
    }
    return 0
}
