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
    }
    return 0
}
