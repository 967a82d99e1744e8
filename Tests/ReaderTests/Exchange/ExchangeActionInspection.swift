import ReaderCore
import ReaderDrivers

/// Reading an exchange machine's action in a test without a switch per line.
extension ExchangeAction {
    var isFlush: Bool {
        if case .flush = self { return true }
        return false
    }

    var write: (bytes: [UInt8], deadline: Duration)? {
        if case .write(let bytes, let deadline) = self { return (bytes, deadline) }
        return nil
    }

    var readUntil: Duration? {
        if case .read(let until) = self { return until }
        return nil
    }

    var delivered: Reply? {
        if case .deliver(let reply) = self { return reply }
        return nil
    }

    var failure: ReaderError? {
        if case .fail(let error) = self { return error }
        return nil
    }
}

extension Duration {
    static func ms(_ n: Int) -> Duration { .milliseconds(n) }
}
