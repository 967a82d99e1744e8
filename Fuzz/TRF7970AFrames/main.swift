import ReaderCore
import ReaderProtocols

/// The EVM's printed replies and the host's ASCII commands are outside input: any byte stream,
/// in any chunking, must give the same lines or frames, typed errors for bad tag answers, and
/// every decoded command must re-encode to text that decodes to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)

    var whole = FrameAssembler<TRF7970AReplyScanner>()
    let lines = whole.push(bytes).compactMap { e -> TRF7970ALine? in if case .frame(let l) = e { l } else { nil } }
    var split = FrameAssembler<TRF7970AReplyScanner>()
    let again = (split.push(bytes[..<cut]) + split.push(bytes[cut...])).compactMap { e -> TRF7970ALine? in
        if case .frame(let l) = e { l } else { nil }
    }
    precondition(again == lines, "chunking changed the reply lines")
    for case .results(let items) in lines {
        for case .data(let answer) in items {
            _ = try? ISO15693Response.payload(answer, operation: "fuzz")
            _ = try? ISO15693Response.inventory(answer)
            _ = try? ISO15693Response.systemInformation(answer)
            _ = try? ISO15693Response.blocks(answer, expected: max(0, answer.count - 1))
        }
    }

    var requests = FrameAssembler<TRF7970ARequestScanner>()
    let frames = requests.push(bytes).compactMap { e -> TRF7970AFrame? in if case .frame(let f) = e { f } else { nil } }
    var requestsSplit = FrameAssembler<TRF7970ARequestScanner>()
    let framesAgain = (requestsSplit.push(bytes[..<cut]) + requestsSplit.push(bytes[cut...])).compactMap { e -> TRF7970AFrame? in
        if case .frame(let f) = e { f } else { nil }
    }
    precondition(framesAgain == frames, "chunking changed the commands")
    for frame in frames {
        var check = FrameAssembler<TRF7970ARequestScanner>()
        let round = check.push(frame.encoded()).compactMap { e -> TRF7970AFrame? in if case .frame(let f) = e { f } else { nil } }
        precondition(round == [frame], "a command did not survive re-encoding")
    }
    return 0
}
