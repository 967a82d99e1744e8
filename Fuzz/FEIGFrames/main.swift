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
    return 0
}
