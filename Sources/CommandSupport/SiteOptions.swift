import ArgumentParser
import EmulatedReaders
import Foundation
import Logging
import ReaderDrivers
import SiteConfiguration
import Synchronization

/// The options every tool takes for the site: which site file, and how much to log. Loading
/// the file also sets up logging, so a tool cannot read its configuration and forget the
/// `[log]` level.
public struct SiteOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The site file (TOML).",
            discussion: "Default: $\(SiteConfiguration.pathVariable), else \(SiteConfiguration.defaultPath) when present, else built-in defaults.",
            valueName: "file"))
    public var path: String?

    @Option(help: ArgumentHelp("Least severe log message shown on standard error (default: [log] level, notice)."))
    public var logLevel: SiteConfiguration.Log.Level?

    public init() {}

    /// The site configuration, with logging set up from it. Errors are `ConfigurationError`s
    /// (65 for content, 74 for an unreadable file).
    public func load() throws(ConfigurationError) -> SiteConfiguration {
        let config = try SiteConfiguration.load(explicitPath: path, readers: SiteOptions.readers)
        LogSetup.bootstrap(level: logLevel ?? config.log.level)
        LogSetup.logger(Tool.name).debug("site configuration", metadata: ["file": "\(config.file ?? "built-in defaults")"])
        return config
    }
}

extension SiteConfiguration.Log.Level: ExpressibleByArgument {}

extension SiteOptions {
    /// Reader addresses in the site file are checked against every driver, the demo and mock
    /// readers included (a training site names `emulated:`).
    public static var readers: ReaderDriverTable { EmulatedReaders.table }
}

/// swift-log for every tool: one handler on standard error, set up once per process. Log lines
/// say what a tool did (files, counts, UIDs and verdicts at most), never patron data or tag
/// content: callers log metadata they would also print.
public enum LogSetup {
    private static let done = LockedFlag()

    public static func bootstrap(level: SiteConfiguration.Log.Level) {
        guard done.setOnce() else { return }
        let swiftLevel = Logger.Level(rawValue: level.rawValue) ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = swiftLevel
            return handler
        }
    }

    /// A logger for `label` ("rfid-report.ingest").
    public static func logger(_ label: String) -> Logger { Logger(label: label) }
}

/// True the first time only, whichever thread asks.
final class LockedFlag: Sendable {
    private let value = Mutex(false)

    func setOnce() -> Bool {
        value.withLock { set in
            defer { set = true }
            return !set
        }
    }
}

/// Enum options parse the same names the site file uses.
extension SiteConfiguration.Tags.Format: ExpressibleByArgument {}
