extension ReaderAddress {
    /// Parses `feig:/dev/ttyUSB0?baud=38400&framing=8E1`, `feig+tcp://host:port`,
    /// `feig-usb:` / `feig-usb:0ab1:0004[:serial]`, `mock:/path/state.json`, `emulated:`..., with
    /// the schemes and driver options `vocabulary` (the driver table) knows. Offsets in errors
    /// count characters.
    public init(parsing text: String, vocabulary: some ReaderAddressVocabulary) throws(ReaderAddressError) {
        var parser = AddressParser(text: text, vocabulary: vocabulary)
        self = try parser.parse()
    }

    /// The generic options every driver takes; the rest belong to drivers.
    public static let genericOptions = ["baud", "framing", "parity", "timeout"]
}

private struct AddressParser<Vocabulary: ReaderAddressVocabulary> {
    let text: String
    let chars: [Character]
    let vocabulary: Vocabulary

    init(text: String, vocabulary: Vocabulary) {
        self.text = text
        self.chars = Array(text)
        self.vocabulary = vocabulary
    }

    func fail(_ part: ReaderAddressError.Part, at position: Int, _ reason: String) -> ReaderAddressError {
        ReaderAddressError(address: text, part: part, position: position, reason: reason)
    }

    func string(_ range: Range<Int>) -> String { String(chars[range]) }

    mutating func parse() throws(ReaderAddressError) -> ReaderAddress {
        guard let colon = chars.firstIndex(of: ":") else {
            throw fail(.scheme, at: 0, "missing \"scheme:\" (e.g. feig:/dev/ttyUSB0, mock:state.json, emulated:)")
        }
        let scheme = string(0..<colon).lowercased()
        let queryStart = chars[(colon + 1)...].firstIndex(of: "?")
        let bodyRange = (colon + 1)..<(queryStart ?? chars.count)
        guard let (driver, transport) = vocabulary.resolve(scheme: scheme) else {
            throw fail(.scheme, at: 0, "unknown reader \"\(scheme)\" (known: \(vocabulary.schemes.joined(separator: ", ")))")
        }
        let kind: ReaderAddress.Kind
        switch transport {
        case .inProcess:
            guard bodyRange.isEmpty else { throw fail(.path, at: bodyRange.lowerBound, "\(scheme): takes no path") }
            kind = .inProcess
        case .stateFile: kind = .stateFile(path: try path(bodyRange, what: "state file"))
        case .serial: kind = .serial(path: try path(bodyRange, what: "serial port"))
        case .tcp:
            let (host, port) = try hostPort(bodyRange)
            kind = .tcp(host: host, port: port)
        case .usb: kind = try usb(bodyRange)
        }
        var address = ReaderAddress(driver: driver, kind: kind)
        if let queryStart { try options(from: queryStart + 1, into: &address) }
        return address
    }

    func path(_ range: Range<Int>, what: String) throws(ReaderAddressError) -> String {
        guard !range.isEmpty else { throw fail(.path, at: range.lowerBound, "missing \(what) path") }
        if let bad = range.first(where: { chars[$0].isWhitespace || chars[$0].asciiValue.map { $0 < 0x20 } == true }) {
            throw fail(.path, at: bad, "\(what) path contains a space or control character")
        }
        return string(range)
    }

    func hostPort(_ range: Range<Int>) throws(ReaderAddressError) -> (String, Int) {
        let start = range.lowerBound
        guard range.count >= 2, chars[start] == "/", chars[start + 1] == "/" else {
            throw fail(.host, at: start, "expected \"//host:port\" after the scheme")
        }
        let hostStart = start + 2
        var hostEnd: Int
        var host: String
        if hostStart < range.upperBound, chars[hostStart] == "[" {
            guard let close = chars[hostStart..<range.upperBound].firstIndex(of: "]") else {
                throw fail(.host, at: hostStart, "IPv6 address lacks its closing \"]\"")
            }
            host = string((hostStart + 1)..<close)
            hostEnd = close + 1
        } else {
            hostEnd = chars[hostStart..<range.upperBound].lastIndex(of: ":") ?? range.upperBound
            host = string(hostStart..<hostEnd)
        }
        guard !host.isEmpty else { throw fail(.host, at: hostStart, "missing host name") }
        if let bad = (hostStart..<hostEnd).first(where: {
            let c = chars[$0]
            return !(c.isLetter || c.isNumber || c == "." || c == "-" || c == ":" || c == "[" || c == "]" || c == "_")
        }) {
            throw fail(.host, at: bad, "character \"\(chars[bad])\" is not allowed in a host name")
        }
        guard hostEnd < range.upperBound, chars[hostEnd] == ":" else {
            throw fail(.port, at: hostEnd, "missing \":port\" (FEIG readers usually listen on 10001)")
        }
        let portRange = (hostEnd + 1)..<range.upperBound
        guard let port = Int(string(portRange)), (1...65535).contains(port) else {
            throw fail(.port, at: portRange.lowerBound, "port must be a number 1-65535")
        }
        return (host, port)
    }

    func usb(_ range: Range<Int>) throws(ReaderAddressError) -> ReaderAddress.Kind {
        guard !range.isEmpty else { return .usb(vendorID: nil, productID: nil, serial: nil) }
        let parts = chars[range].split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        var offset = range.lowerBound
        var ids: [UInt16] = []
        for (i, part) in parts.prefix(2).enumerated() {
            let which: ReaderAddressError.Part = i == 0 ? .vendorID : .productID
            guard part.count == 4, let v = UInt16(String(part), radix: 16) else {
                throw fail(which, at: offset, "expected 4 hex digits (e.g. 0ab1:0004)")
            }
            ids.append(v)
            offset += part.count + 1
        }
        guard ids.count == 2 else { throw fail(.productID, at: range.upperBound, "missing \":product id\" after the vendor id") }
        var serial: String?
        if parts.count == 3 {
            guard !parts[2].isEmpty else { throw fail(.serial, at: offset, "empty serial number") }
            serial = String(parts[2])
        }
        return .usb(vendorID: ids[0], productID: ids[1], serial: serial)
    }

    func options(from start: Int, into address: inout ReaderAddress) throws(ReaderAddressError) {
        var offset = start
        guard start < chars.count else { throw fail(.option, at: start, "empty option list after \"?\"") }
        for item in chars[start...].split(separator: "&", omittingEmptySubsequences: false) {
            defer { offset += item.count + 1 }
            guard let eq = item.firstIndex(of: "=") else {
                throw fail(.option, at: offset, "expected name=value")
            }
            let name = String(item[item.startIndex..<eq]).lowercased()
            let value = String(item[(eq + 1)...])
            let valueAt = eq + 1
            switch name {
            case "baud":
                guard let b = Int(value), [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800]
                    .contains(b)
                else { throw fail(.baud, at: valueAt, "\"\(value)\" is not a standard baud rate (e.g. 38400)") }
                address.baud = b
            case "parity", "framing":
                address.framing = try framing(value, at: valueAt)
            case "timeout":
                address.timeout = try timeout(value, at: valueAt)
            default:
                try driverOption(name, value, at: offset, valueAt: valueAt, into: &address)
            }
        }
    }

    /// An option outside the generic ones goes to the driver's entry, which checks its value.
    func driverOption(
        _ name: String, _ value: String, at offset: Int, valueAt: Int, into address: inout ReaderAddress
    ) throws(ReaderAddressError) {
        let own = vocabulary.optionNames(for: address.driver)
        guard own.contains(name) else {
            let others = vocabulary.drivers(taking: name)
            if !others.isEmpty {
                throw fail(
                    .init(rawValue: name), at: offset,
                    "\(name) applies to \(others.map(\.rawValue).joined(separator: ", ")) readers only")
            }
            let known = (ReaderAddress.genericOptions + own).joined(separator: ", ")
            throw fail(.option, at: offset, "unknown option \"\(name)\" (known: \(known))")
        }
        let option = DriverOption(name: name, value: value, address: text, namePosition: offset, valuePosition: valueAt)
        try vocabulary.check(option, for: address.driver)
        address.driverOptions[name] = value
    }

    func framing(_ value: String, at position: Int) throws(ReaderAddressError) -> ReaderAddress.Framing {
        let c = Array(value.uppercased())
        guard c.count == 3, let data = c[0].wholeNumberValue, (5...8).contains(data),
            let parity = ReaderAddress.Framing.Parity(rawValue: c[1]), let stop = c[2].wholeNumberValue,
            (1...2).contains(stop)
        else { throw fail(.framing, at: position, "expected data bits, parity, stop bits like 8E1 or 8N1") }
        return .init(dataBits: data, parity: parity, stopBits: stop)
    }

    func timeout(_ value: String, at position: Int) throws(ReaderAddressError) -> Duration {
        let digits = value.prefix(while: \.isNumber)
        let unit = value.dropFirst(digits.count)
        guard let n = Int64(digits), n > 0, n <= 600_000 else {
            throw fail(.timeout, at: position, "expected a positive duration like 500ms or 2s")
        }
        switch unit {
        case "ms", "": return .milliseconds(n)
        case "s" where n <= 600: return .seconds(n)
        default: throw fail(.timeout, at: position + digits.count, "unit must be ms or s (at most 600 s)")
        }
    }
}
