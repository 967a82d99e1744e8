import RFIDCommon

/// What was wrong with one input line, said without quoting it: a parser sees patron fields, so
/// its diagnostics carry positions, field codes and reasons only (privacy requirement P4).
public struct LineProblem: Sendable, Equatable, Hashable {
    /// 1-based byte column in the line where the problem was found, when it has one place.
    public var column: Int?
    /// The two-letter SIP2 field code, or the CSV column name from the mapping.
    public var field: String?
    public var reason: String
    /// Lines after the record's first line (a quoted CSV field may span lines); 0 for SIP2.
    public var lineOffset: Int

    public init(column: Int? = nil, field: String? = nil, reason: String, lineOffset: Int = 0) {
        self.column = column
        self.field = field
        self.reason = reason
        self.lineOffset = lineOffset
    }
}

/// A problem located in a file, as ingest prints it: `file:line[:column]: [field XX: ]reason`.
public struct LineIssue: UserFacingError, Equatable, Hashable {
    public enum Severity: String, Sendable {
        case warning
        case error
    }

    public var file: String
    public var line: Int
    public var severity: Severity
    public var problem: LineProblem

    public init(file: String, line: Int, severity: Severity, problem: LineProblem) {
        self.file = file
        self.line = line
        self.severity = severity
        self.problem = problem
    }

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        var text = "\(file):\(line)"
        if let column = problem.column { text += ":\(column)" }
        text += ": \(severity.rawValue): "
        if let field = problem.field { text += "field \(field): " }
        return text + problem.reason
    }
}
