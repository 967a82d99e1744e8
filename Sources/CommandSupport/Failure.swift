import ArgumentParser
import Foundation
import RFIDCommon

/// Every tool ends the same way on failure: one line on standard error naming the tool and what
/// went wrong, and the package-wide exit status. Keeping this in one place is what makes the
/// exit statuses a contract scripts can rely on.
public enum Failure {
    /// Prints `tool: description` on standard error and returns the exit code to throw.
    public static func report(_ error: any UserFacingError, tool: String) -> ExitCode {
        printError("\(tool): \(error.description)")
        return ExitCode(error.exitStatus.rawValue)
    }

    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension ExitCode {
    public init(_ status: ExitStatus) { self.init(status.rawValue) }
}

/// Runs `body`, turning any user-facing error into its message and exit status.
public func runReportingFailures<T>(tool: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as any UserFacingError {
        throw Failure.report(error, tool: tool)
    }
}

/// Async variant of `runReportingFailures`.
public func runReportingFailures<T>(tool: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as any UserFacingError {
        throw Failure.report(error, tool: tool)
    }
}
