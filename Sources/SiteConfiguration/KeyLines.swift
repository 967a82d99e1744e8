/// Where each key of a TOML document is written: its line, by key path (`station.reader`,
/// `gate[1].debounce`, `policy.accept[0].length`). TOMLKit hands back values without their
/// source positions, and an error that names a key without its line sends staff hunting
/// through the file, so this pass reads the text once more for positions only: it never
/// interprets a value (TOMLKit has already parsed and validated the document by then), it only
/// skips over strings, comments and bracketed values to find where each key starts.
struct KeyLines: Sendable {
    private(set) var lines: [String: Int] = [:]

    /// The line of `path`, else the line of the nearest enclosing table that is written.
    func line(of path: String) -> Int? {
        var candidate = path
        while true {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }

    init(text: String) {
        var arrayCounts: [String: Int] = [:]
        var table = ""
        var scanner = Scanner(Array(text.utf8))
        while let (lineNumber, header, key) = scanner.nextStatement() {
            if let header {
                if header.isArray {
                    let index = arrayCounts[header.path, default: 0]
                    arrayCounts[header.path] = index + 1
                    table = "\(header.path)[\(index)]"
                } else {
                    table = Self.resolve(header.path, arrayCounts)
                }
                if lines[table] == nil { lines[table] = lineNumber }
            } else if let key {
                let full = table.isEmpty ? key : "\(table).\(key)"
                if lines[full] == nil { lines[full] = lineNumber }
            }
        }
    }

    /// `[gate.extra]` after `[[gate]]` belongs to the latest gate: `gate[N].extra`.
    private static func resolve(_ path: String, _ arrays: [String: Int]) -> String {
        var resolved = ""
        for part in path.split(separator: ".") {
            resolved += resolved.isEmpty ? String(part) : ".\(part)"
            if let count = arrays[resolved], count > 0 { resolved += "[\(count - 1)]" }
        }
        return resolved
    }

    struct Header {
        var path: String
        var isArray: Bool
    }

    /// Statement-level reading: a table header or the key of a `key = value` line; values,
    /// however many lines they span, are skipped.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func nextStatement() -> (Int, Header?, String?)? {
            while index < bytes.count {
                skipBlank()
                guard index < bytes.count else { return nil }
                let start = line
                switch bytes[index] {
                case UInt8(ascii: "\n"):
                    advance()
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "["):
                    let isArray = peek(1) == UInt8(ascii: "[")
                    advance(isArray ? 2 : 1)
                    let path = readKey(until: UInt8(ascii: "]"))
                    skipToEndOfLine()
                    return (start, Header(path: path, isArray: isArray), nil)
                default:
                    let key = readKey(until: UInt8(ascii: "="))
                    if index < bytes.count { advance() }  // "="
                    skipValue()
                    return (start, nil, key)
                }
            }
            return nil
        }

        private func peek(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
        }

        private mutating func skipBlank() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
                || bytes[index] == UInt8(ascii: "\r")
            {
                advance()
            }
        }

        private mutating func skipToEndOfLine() {
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
        }

        /// A dotted key, bare or quoted parts, normalised to `a.b.c` without quotes or spaces.
        private mutating func readKey(until terminator: UInt8) -> String {
            var parts: [String] = []
            var current: [UInt8] = []
            while index < bytes.count, bytes[index] != terminator, bytes[index] != UInt8(ascii: "\n") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    advance()
                    while index < bytes.count, bytes[index] != byte, bytes[index] != UInt8(ascii: "\n") {
                        if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") { advance() }
                        if index < bytes.count { current.append(bytes[index]) }
                        advance()
                    }
                    advance()
                } else if byte == UInt8(ascii: ".") {
                    parts.append(String(decoding: current, as: UTF8.self))
                    current = []
                    advance()
                } else {
                    if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { current.append(byte) }
                    advance()
                }
            }
            parts.append(String(decoding: current, as: UTF8.self))
            return parts.joined(separator: ".")
        }

        /// Skips one value: strings (all four kinds), and arrays or inline tables across lines.
        private mutating func skipValue() {
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    advance()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    advance()
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "\n"):
                    if depth <= 0 { return }
                    advance()
                default:
                    advance()
                }
            }
        }

        private mutating func skipString(quote: UInt8) {
            let multiline = peek(1) == quote && peek(2) == quote
            advance(multiline ? 3 : 1)
            while index < bytes.count {
                let byte = bytes[index]
                if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    advance(2)
                    continue
                }
                if byte == quote {
                    if !multiline {
                        advance()
                        return
                    }
                    if peek(1) == quote && peek(2) == quote {
                        advance(3)
                        while index < bytes.count, bytes[index] == quote { advance() }  // """" at the end
                        return
                    }
                }
                if byte == UInt8(ascii: "\n"), !multiline { return }
                advance()
            }
        }
    }
}
