import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Set when the task waiting for a blocking transport call is cancelled. The call itself runs
/// on a thread of its own (`TransportIO.run` in ReaderDrivers), where task cancellation cannot
/// be seen; the flag carries it there, so a daemon stopping on SIGTERM does not wait out every
/// deadline.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public func cancel() { cancelled.store(true, ordering: .releasing) }
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
}

/// The cancellation flag of the blocking call running on this thread. Transports check it
/// between the slices of their waits (100 ms at most), and throw `.cancelled` once it is set.
public enum TransportCancellation {
    /// The flag of the blocking call on this thread, if it runs under one.
    public static var current: CancellationFlag? {
        pthread_getspecific(key).map { Unmanaged<CancellationFlag>.fromOpaque($0).takeUnretainedValue() }
    }

    public static var isCancelled: Bool { current?.isCancelled ?? false }

    /// Runs `body` on this thread with `flag` as its cancellation flag.
    public static func with<T, E: Error>(_ flag: CancellationFlag, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(flag).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return try withExtendedLifetime(flag) { () throws(E) -> T in try body() }
    }

    /// Throws `.cancelled` if the call on this thread was cancelled.
    public static func check(_ endpoint: String) throws(TransportError) {
        if isCancelled { throw TransportError(.cancelled, endpoint: endpoint, "cancelled while waiting") }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
