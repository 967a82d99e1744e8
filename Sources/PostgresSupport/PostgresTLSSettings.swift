import NIOSSL
import PostgresNIO

/// How a connection is encrypted and whom it trusts, as libpq's `sslmode` and `sslrootcert` say.
/// The default is `verify-full`: the stores travel between branches, and a connection that does
/// not check the server's name can be intercepted by anyone on the path. A loopback or socket
/// server without TLS needs `sslmode=disable` said out loud.
public struct PostgresTLSSettings: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, unverified (libpq's default; never ours).
        case prefer
        /// TLS required; the certificate is checked only when `sslrootcert` is given (as libpq):
        /// protects against eavesdropping, not against an impostor.
        case require
        /// TLS, the certificate chained to the trusted roots; any name.
        case verifyCA = "verify-ca"
        /// TLS, the certificate chained to the trusted roots and naming the host dialled.
        case verifyFull = "verify-full"

        public var requiresTLS: Bool { self != .disable && self != .prefer }
    }

    public var mode: Mode
    /// A PEM file of the certificate authorities trusted; nil: the system's trust store.
    public var rootCertificate: String?

    public init(mode: Mode, rootCertificate: String? = nil) {
        self.mode = mode
        self.rootCertificate = rootCertificate
    }

    static func parse(mode text: String?, rootCertificate: String?, location: String) throws(PostgresStoreError) -> Self {
        var mode = Mode.verifyFull
        if let text {
            guard let parsed = Mode(rawValue: text) else {
                throw PostgresStoreError(
                    .badURL, location: location,
                    "sslmode must be one of \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            mode = parsed
        }
        if let rootCertificate, rootCertificate.isEmpty {
            throw PostgresStoreError(.badURL, location: location, "sslrootcert must name a PEM file")
        }
        return Self(mode: mode, rootCertificate: rootCertificate)
    }

    /// postgres-nio's TLS setting for this mode, with a NIOSSL context that verifies as asked.
    func connectionTLS(location: String) throws(PostgresStoreError) -> PostgresConnection.Configuration.TLS {
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv12
        switch mode {
        case .disable:
            return .disable
        case .prefer:
            config.certificateVerification = .none
        case .require:
            config.certificateVerification = rootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA:
            config.certificateVerification = .noHostnameVerification
        case .verifyFull:
            config.certificateVerification = .fullVerification
        }
        if let rootCertificate {
            // Read here, so a missing or malformed file is reported as such rather than as a
            // failed handshake.
            do {
                config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw PostgresStoreError(
                    .tls, location: location, "cannot read the CA certificates in \(rootCertificate) (sslrootcert): \(error)")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: config)
        } catch {
            throw PostgresStoreError(.tls, location: location, "cannot set up TLS: \(error)")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }
}
