import CommandSupport
import Foundation
import ReaderEmulation

/// `--record FILE`: every command the emulated reader received, one line each, written as it
/// arrives (a test reads the file while the emulator runs, or after it was killed). Outputs the
/// driver switches on are also shown on standard error, as the lamps of a real reader would.
enum CommandRecorder {
    static func feig(path: String?) throws -> (@Sendable (FEIGCommandRecord) -> Void) {
        let file = try path.map(RecordFile.init)
        let start = ContinuousClock.now
        let logger = LogSetup.logger("rfid-emulator")
        return { record in
            if let file {
                let elapsed = ContinuousClock.now - start
                let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                file.append(String(format: "%lld.%03lld ", ms / 1000, ms % 1000) + record.description + "\n")
            }
            if !record.outputs.isEmpty {
                logger.notice("outputs \(record.outputs.joined(separator: " "))")
            }
        }
    }
}

/// An append-only file written with one `write` per line, so lines never interleave or wait in
/// a buffer when the process is killed.
final class RecordFile: Sendable {
    let descriptor: Int32

    init(_ path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw EmulatorCommandError.recordUnwritable(path) }
    }

    func append(_ line: String) {
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    deinit { close(descriptor) }
}
