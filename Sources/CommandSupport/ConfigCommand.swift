import ArgumentParser
import Foundation
import SiteConfiguration

/// `config check [FILE]`, the same in every tool: validates the whole site file and prints the
/// effective value of every key with where it came from, so staff can see what a tool will do
/// before a service starts with it.
public struct ConfigCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check the site configuration.", subcommands: [ConfigCheckCommand.self])

    public init() {}
}

public struct ConfigCheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a site file and print every effective value with its source.",
        discussion: """
            Without FILE, checks the file the tools would read: $\(SiteConfiguration.pathVariable), else \
            \(SiteConfiguration.defaultPath) when present, else the built-in defaults. Exit 0 when valid, \
            65 naming the key and line of the first problem, 74 when the file cannot be read.
            """)

    @Argument(help: "The site file to check.") var file: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    public init() {}

    public func run() throws {
        try runReportingFailures(tool: Tool.name) {
            let config = try SiteConfiguration.load(explicitPath: file, readers: SiteOptions.readers)
            if json {
                let values = config.effectiveValues.map {
                    ["key": $0.keyPath, "value": $0.value, "source": $0.source.description]
                }
                let document: [String: Any] = ["file": config.file ?? NSNull(), "valid": true, "values": values]
                let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("\(config.file ?? "no site file: built-in defaults"): valid")
            let width = config.effectiveValues.map { $0.keyPath.count + $0.value.count + 3 }.max() ?? 0
            for value in config.effectiveValues {
                let line = "\(value.keyPath) = \(value.value)"
                print(line.padding(toLength: max(width, line.count), withPad: " ", startingAt: 0) + "  # \(value.source)")
            }
        }
    }
}

/// The running tool's name, for messages from code shared by every tool.
public enum Tool {
    public static var name: String {
        URL(fileURLWithPath: CommandLine.arguments.first ?? "rfid").lastPathComponent
    }
}
