import ReaderCore
import ReaderProtocols

/// Bulk-IN bytes from a CCID reader are outside input: any stream, in any chunking, must give
/// the same messages; each message must re-encode to itself; response APDUs must parse into
/// data objects or a typed error, and parsed objects must survive re-encoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var whole = FrameAssembler<CCIDScanner>()
    let messages = whole.push(bytes).compactMap { e -> CCIDMessage? in if case .frame(let m) = e { m } else { nil } }
    var split = FrameAssembler<CCIDScanner>()
    let again = (split.push(bytes[..<cut]) + split.push(bytes[cut...])).compactMap { e -> CCIDMessage? in
        if case .frame(let m) = e { m } else { nil }
    }
    precondition(again == messages, "chunking changed the messages")
    for message in messages {
        precondition(CCIDScanner.scan(message.encoded()[...]).isFrame(message), "a message did not survive re-encoding")
        _ = message.status.errorSummary
        guard let reply = try? TransparentSession.parse(message.data, operation: "fuzz") else { continue }
        let reparsed = try? TransparentSession.parse(reply.encoded(), operation: "fuzz")
        precondition(reparsed == reply, "data objects did not survive re-encoding")
        _ = reply.status.error(operation: "fuzz")
        _ = reply.genericError
        if let answer = reply.first(TransparentSession.Tag.iccResponse)?.value {
            _ = try? ISO15693Response.inventory(answer)
            _ = try? ISO15693Response.systemInformation(answer)
        }
    }
    return 0
}

extension FrameScan where Frame == CCIDMessage {
    func isFrame(_ expected: CCIDMessage) -> Bool {
        if case .frame(let m, _) = self { return m == expected }
        return false
    }
}
