import Foundation
import TestSupport
import Testing

/// Shell completions come from the command definitions (swift-argument-parser's generator), so
/// each tool must produce them for every shell `scripts/install-docs` installs.
@Suite("shell completion scripts")
struct CompletionScriptTests {
    static let tools = ["rfid-report", "rfid-station", "rfid-gated", "rfid-emulator"]

    @Test("every tool generates a bash, zsh and fish completion script naming itself", arguments: tools)
    func generates(tool: String) throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try RunTool.run(tool, ["--generate-completion-script", shell])
            #expect(run.status == 0, "\(tool) \(shell): \(run.stderr)")
            #expect(run.stdout.contains(tool), "\(tool) \(shell)")
            #expect(run.stdout.utf8.count > 500, "\(tool) \(shell): a script, not a message")
        }
    }

    @Test("rfid-report's completions offer its subcommands and the new --json")
    func reportSubcommands() throws {
        let run = try RunTool.run("rfid-report", ["--generate-completion-script", "bash"])
        for word in ["ingest", "monthly", "purge", "audit", "--json"] {
            #expect(run.stdout.contains(word), "\(word)")
        }
    }
}
