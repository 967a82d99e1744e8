/// The fixed part of each SIP2 2.00 message type: how many bytes follow the 2-digit code before
/// the variable fields start, and where the transaction date sits in them.
struct SIP2MessageLayout: Sendable {
    enum Counted: Sendable {
        /// Not a transaction (requests, status, patron and item queries).
        case no
        /// A response that records a transaction when its ok flag (first fixed byte) is 1.
        case when(CirculationAction)
    }

    var fixedLength: Int
    /// Offset of the 18-byte `YYYYMMDDZZZZHHMMSS` date within the fixed part, if any.
    var dateOffset: Int?
    var counted: Counted

    private static let table: [SIP2MessageLayout?] = {
        var t = [SIP2MessageLayout?](repeating: nil, count: 100)
        func set(_ code: Int, _ fixed: Int, date: Int?, _ counted: Counted = .no) {
            t[code] = SIP2MessageLayout(fixedLength: fixed, dateOffset: date, counted: counted)
        }
        set(1, 19, date: 1)  // block patron: card retained, date
        set(9, 37, date: 1)  // checkin: no block, date, return date
        set(10, 22, date: 4, .when(.checkin))  // ok, resensitize, magnetic, alert, date
        set(11, 38, date: 2)  // checkout: renewal policy, no block, date, nb due date
        set(12, 22, date: 4, .when(.checkout))  // ok, renewal ok, magnetic, desensitize, date
        set(15, 19, date: 1)  // hold: mode, date
        set(16, 20, date: 2)  // hold response: ok, available, date
        set(17, 18, date: 0)  // item information: date
        set(18, 24, date: 6)  // item information response: status, security, fee type, date
        set(19, 18, date: 0)  // item status update: date
        set(20, 19, date: 1)  // item status update response: properties ok, date
        set(23, 21, date: 3)  // patron status: language, date
        set(24, 35, date: 17)  // patron status response: status 14, language, date
        set(25, 18, date: 0)  // patron enable: date
        set(26, 35, date: 17)  // patron enable response
        set(29, 38, date: 2)  // renew: third party, no block, date, nb due date
        set(30, 22, date: 4, .when(.renewal))  // as 12
        set(35, 18, date: 0)  // end patron session: date
        set(36, 19, date: 1)  // end session response: end session, date
        set(37, 25, date: 0)  // fee paid: date, fee type, payment type, currency
        set(38, 19, date: 1)  // fee paid response: accepted, date
        set(63, 31, date: 3)  // patron information: language, date, summary
        set(64, 59, date: 17)  // patron information response: status, language, date, 6 counts
        set(65, 18, date: 0)  // renew all: date
        set(66, 27, date: 9)  // renew all response: ok, renewed 4, unrenewed 4, date
        set(93, 2, date: nil)  // login: UID algorithm, PWD algorithm
        set(94, 1, date: nil)  // login response: ok
        set(96, 0, date: nil)  // request SC resend
        set(97, 0, date: nil)  // request ACS resend
        set(98, 34, date: 12)  // ACS status: 6 flags, timeout, retries, date, version
        set(99, 8, date: nil)  // SC status: status, print width, version
        return t
    }()

    static func layout(code: Int) -> SIP2MessageLayout? {
        guard code >= 0, code < table.count else { return nil }
        return table[code]
    }
}

/// Variable fields the parser keeps. Every other field is skipped byte by byte without being
/// read into a value, which is how patron fields (AA, AD, AE, BD, BE, BF, CY, DA, PB, XI, CO,
/// AC, AF, AG, and any unknown extension) never reach memory that outlives the parse.
enum SIP2KeptField: Sendable {
    case institution  // AO
    case item  // AB
    case currentLocation  // AP
    case permanentLocation  // AQ
    case mediaType  // CK
    case collection  // CR

    @inline(__always)
    static func from(_ a: UInt8, _ b: UInt8) -> SIP2KeptField? {
        switch (a, b) {
        case (65, 79): .institution  // "AO"
        case (65, 66): .item  // "AB"
        case (65, 80): .currentLocation  // "AP"
        case (65, 81): .permanentLocation  // "AQ"
        case (67, 75): .mediaType  // "CK"
        case (67, 82): .collection  // "CR"
        default: nil
        }
    }
}
