import Foundation
import GateDetection

/// The site's external alarm command (`alarm_command`), run on each alarm after the reader's
/// outputs were fired. It learns the gate and the direction from its environment
/// (LIBRARYRFID_GATE, LIBRARYRFID_DIRECTION) and nothing about the item. It runs on its own
/// thread, so a slow command never holds up the next inventory.
struct AlarmCommand: Sendable {
    let argv: [String]

    func run(gate: String, direction: PassDirection, onFailure: @escaping @Sendable (String) -> Void) {
        guard let program = argv.first else { return }
        let arguments = Array(argv.dropFirst())
        DispatchQueue.global().async {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["LIBRARYRFID_GATE"] = gate
            environment["LIBRARYRFID_DIRECTION"] = direction.rawValue
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            do {
                try process.run()
                process.waitUntilExit()
                if process.terminationStatus != 0 { onFailure("exit status \(process.terminationStatus)") }
            } catch {
                onFailure("\(error.localizedDescription)")
            }
        }
    }
}
