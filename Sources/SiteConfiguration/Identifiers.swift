import Foundation
import ReaderCore

/// The shapes of values the site file names things with. Allow-lists: an id is a short code,
/// so nothing else (a name, an e-mail address) can end up as a gate or station label in a log.
enum Identifiers {
    /// Letters, digits, `-`, `_` and `.`, 1 to 32 characters.
    static func isCode(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 32
            && s.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
                    || b == 0x2E
            }
    }

    static func problem(_ s: String) -> String? {
        isCode(s) ? nil : "must be a code of 1 to 32 letters, digits, '-', '_' or '.'"
    }

    /// The host's short name as a code, else "station".
    static var defaultStationID: String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
        return isCode(host) ? host : "station"
    }

    /// Checked against the reader vocabulary (the driver table) the tool gives; without one,
    /// only that it names a scheme, and the driver table checks it when the reader is opened.
    static func readerProblem(_ s: String, _ readers: (any ReaderAddressVocabulary)?) -> String? {
        guard let readers else { return s.contains(":") ? nil : "must be a reader address such as feig:/dev/ttyUSB0" }
        do throws(ReaderAddressError) {
            _ = try ReaderAddress(parsing: s, vocabulary: readers)
            return nil
        } catch {
            return error.description
        }
    }

    static func pathProblem(_ s: String) -> String? {
        if s.isEmpty { return "must not be empty" }
        if s.utf8.contains(where: { $0 < 0x20 }) { return "must not contain control characters" }
        return nil
    }
}

/// `host:port` on the loopback interface: 127.0.0.0/8, [::1] or localhost.
enum LoopbackAddress {
    static func problem(_ s: String) -> String? {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (1...65535).contains(port) else {
            return "must be host:port with a port from 1 to 65535, e.g. \"127.0.0.1:9464\""
        }
        let host = String(s[..<colon])
        if host == "localhost" || host == "[::1]" { return nil }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, parts[0] == "127", parts.allSatisfy({ UInt8($0) != nil }) { return nil }
        return "must be a loopback address (127.0.0.1, [::1] or localhost): metrics are not published beyond this machine"
    }
}
