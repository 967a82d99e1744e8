import CirculationStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress bar on standard error for `ingest`, drawn only when standard error is a
/// terminal: in a pipeline, a cron mail or the journal (systemd) it would be control
/// characters in a log, so there the summary lines are all that is printed. Redrawn at most
/// five times a second whatever the ingest reports, so a fast ingest spends no time drawing.
final class ProgressBar {
    private var lastDraw: Double = -1
    private var started: (time: Double, bytes: Int)?
    private var currentFile = ""
    private var visible = false
    private var finished = false
    static let interval = 0.2

    /// A bar when standard error is a terminal, else nil (nothing drawn, nothing paid).
    static func forStandardError() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func update(_ progress: IngestProgress) {
        let now = Self.now()
        if progress.file != currentFile {
            currentFile = progress.file
            started = (now, progress.startOffset)
            lastDraw = -1
            finished = false
        }
        let done = progress.bytesRead >= progress.totalBytes
        guard !finished, done || now - lastDraw >= Self.interval else { return }
        finished = done
        lastDraw = now
        draw(progress, now: now)
    }

    /// Clears the bar so that a message can be printed on a clean line (the next update redraws).
    func clear() {
        guard visible else { return }
        write("\r\u{1B}[K")
        visible = false
    }

    private func draw(_ p: IngestProgress, now: Double) {
        let total = max(p.totalBytes, 1)
        let read = min(p.bytesRead, total)
        let fraction = Double(read) / Double(total)
        let elapsed = now - (started?.time ?? now)
        let bytesThisRun = read - (started?.bytes ?? 0)
        let rate = elapsed > 0 ? Double(bytesThisRun) / elapsed : 0
        let eta = rate > 0 ? Double(total - read) / rate : nil
        let name = (p.file == StandardInputLog.displayName || p.file.contains(".ingest-stdin-")) ? StandardInputLog.displayName : (p.file as NSString).lastPathComponent
        let suffix = String(
            format: " %3d%%  %@/s  ETA %@", Int(fraction * 100), Self.size(rate), eta.map(Self.duration) ?? "--:--")
        let width = max(10, min(40, Self.columns() - name.count - suffix.count - 4))
        let filledCells = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filledCells) + String(repeating: "-", count: width - filledCells)
        write("\r\u{1B}[K\(name) [\(bar)]\(suffix)")
        visible = true
        if read >= total { clear() }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    static func size(_ bytesPerSecond: Double) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = bytesPerSecond
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: unit == 0 ? "%.0f %@" : "%.1f %@", value, units[unit])
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
