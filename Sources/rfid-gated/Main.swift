import ArgumentParser
import CommandSupport

/// The security-gate event daemon: `run` (the default) serves every `[[gate]]` of the site
/// file; `alarms` lists what the gate store holds; `config check` validates the site file.
@main
struct Main: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-gated",
        abstract: "The security-gate event daemon.",
        subcommands: [RunCommand.self, AlarmsCommand.self, ConfigCommand.self],
        defaultSubcommand: RunCommand.self)
}
