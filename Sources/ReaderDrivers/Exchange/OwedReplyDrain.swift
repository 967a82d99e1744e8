import ReaderProtocols

/// The first step of a request's first attempt: wait for the replies the ledger still owes and
/// throw them away. Each reply taken restarts the settle window; when the window passes with
/// replies still owed they are given up as lost. Only whole, checked frames can be taken, so a
/// garbled reply leaves the ledger waiting longer (safe), never shorter. Pure, like the
/// machines that embed it.
struct OwedReplyDrain<Scanner: FrameScanner>: Sendable {
    private var assembler = FrameAssembler<Scanner>()
    /// When the line will have been quiet for the settle window.
    private(set) var quietUntil: Duration
    let settle: Duration

    init(settle: Duration, at now: Duration) {
        self.settle = settle
        self.quietUntil = now + settle
    }

    /// Takes the frames in `bytes`: `take` marks in the ledger which owed reply a frame was and
    /// says whether it was one. Returns true when nothing is owed any more.
    mutating func received<Entry>(
        _ bytes: [UInt8], at now: Duration, ledger: inout ReplyLedger<Entry>,
        take: (Scanner.Frame, inout ReplyLedger<Entry>) -> Bool
    ) -> Bool {
        for case .frame(let frame) in assembler.push(bytes) where take(frame, &ledger) {
            quietUntil = now + settle
        }
        return ledger.count == 0
    }
}
