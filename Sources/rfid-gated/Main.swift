import ArgumentParser
import CommandSupport

/// The security-gate event daemon. The daemon itself arrives with its own issue; what is here
/// already is the site file check every tool shares, so a gate's `[[gate]]` tables can be
/// written and validated before the daemon runs them.
@main
struct Main: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-gated",
        abstract: "The security-gate event daemon (not yet available; `config check` validates [[gate]] tables).",
        subcommands: [ConfigCommand.self])
}
