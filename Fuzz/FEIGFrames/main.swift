import ReaderCore
import ReaderProtocols

/// Reader replies are outside input: any byte stream, in any chunking, must give frames or
/// typed errors, and every decoded frame must re-encode to bytes that decode to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = FrameAssembler<FEIGScanner>()
    let frames = whole.push(bytes).compactMap { event -> FEIGFrame? in if case .frame(let f) = event { f } else { nil } }
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var split = FrameAssembler<FEIGScanner>()
    let again = (split.push(bytes[..<cut]) + split.push(bytes[cut...])).compactMap { e -> FEIGFrame? in
        if case .frame(let f) = e { f } else { nil }
    }
    precondition(again == frames, "chunking changed the frames")
    for frame in frames {
        var check = FrameAssembler<FEIGScanner>()
        let round = check.push(frame.encoded()).compactMap { e -> FEIGFrame? in if case .frame(let f) = e { f } else { nil } }
        precondition(round.map(\.payload) == [frame.payload])
        guard let reply = try? FEIGReply(frame: frame, operation: "fuzz") else { continue }
        _ = try? reply.check("fuzz", tolerating: [.rfCommunicationError, .moreData])
        _ = try? FEIGParse.inventory(reply.data)
        _ = try? FEIGParse.systemInformation(reply.data)
        _ = try? FEIGParse.blocks(reply.data)
        _ = try? FEIGParse.version(reply.data)
    }
    // The stale-reply check judges any reply against the request it waits for: never trap,
    // whatever the reply, for the requests the drivers send and for requests taken from the input.
    let uid = TagUID(bytes: [0xE0, 0x04, 0x01, 0x00, 0x46, 0x70, 0x7A, 0x28])!
    var requests: [[UInt8]] = [
        FEIGCommand.inventory(afi: nil), FEIGCommand.inventory(afi: 0x07), FEIGCommand.addressed(.systemInformation, uid),
        FEIGCommand.readMultiple(uid: uid, first: 0, count: 28), FEIGCommand.addressed(.writeAFI, uid, [0x07]),
        FEIGCommand.writeMultiple(uid: uid, first: 0, count: 2, blockSize: 4, data: Array(repeating: 0, count: 8)),
        FEIGCommand.nxp(.easAlarm, uid: uid), [FEIGCommand.softwareVersion],
    ]
    if let first = frames.first { requests.append(first.payload) }
    for frame in frames {
        for request in requests { _ = FEIGReplyShape.fits(request: request, reply: frame.payload) }
    }
    return 0
}
