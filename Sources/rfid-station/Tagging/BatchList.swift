import Foundation
import RFIDCommon

/// The barcodes of a retagging list: one a line, or one column of a CSV export. Lines that are
/// empty or start with `#` are not barcodes. Only the chosen column is kept; a list is staff's
/// own export, but nothing else of a line is printed or stored.
struct BatchList {
    struct Entry: Equatable {
        var line: Int
        var barcode: String
    }

    var entries: [Entry]

    enum Column: Equatable {
        case number(Int)
        case name(String)
    }

    /// `header`: the first line names the columns (implied when the column is chosen by name).
    static func read(path: String, column: Column?, header: Bool = false) throws(BatchListError) -> BatchList {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BatchListError(file: path, line: nil, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BatchListError(file: path, line: nil, reason: "is not UTF-8 text")
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        var index: Int?
        var startLine = header ? 1 : 0
        switch column {
        case nil: index = nil
        case .number(let n): index = n - 1
        case .name(let name):
            guard let header = lines.first else { throw BatchListError(file: path, line: 1, reason: "has no header line") }
            let names = fields(header).map { $0.lowercased() }
            guard let i = names.firstIndex(of: name.lowercased()) else {
                throw BatchListError(file: path, line: 1, reason: "has no column named \"\(name)\" in its header")
            }
            index = i
            startLine = 1
        }
        var entries: [Entry] = []
        for (offset, raw) in lines.enumerated().dropFirst(startLine) {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var value = trimmed
            if let index {
                let parts = fields(raw)
                guard index < parts.count else {
                    throw BatchListError(file: path, line: offset + 1, reason: "has no column \(index + 1)")
                }
                value = parts[index].trimmingCharacters(in: .whitespaces)
            }
            if !value.isEmpty { entries.append(Entry(line: offset + 1, barcode: value)) }
        }
        return BatchList(entries: entries)
    }

    /// Comma-separated fields, with double quotes around a field that holds a comma.
    static func fields(_ line: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for ch in line {
            if ch == "\"" {
                quoted.toggle()
            } else if ch == "," && !quoted {
                result.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        result.append(current)
        return result
    }
}

/// The list file is wrong: which file, which line, what (never the line's content).
struct BatchListError: UserFacingError {
    var file: String
    var line: Int?
    var reason: String
    var exitStatus: ExitStatus { reason == "cannot be read" ? .ioError : .dataError }
    var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + reason }
}
