import ArgumentParser

@main
struct Main: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-station",
        abstract: "Not yet available: this tool arrives with its issue.")
}
