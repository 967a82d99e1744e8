import ArgumentParser

@main
struct Main: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-report",
        abstract: "Monthly circulation statistics with no patron identity.",
        subcommands: [MonthlyCommand.self])
}
