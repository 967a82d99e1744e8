import CirculationReports
import Foundation

/// Writes a rendered report. The file appears whole or not at all (written beside, then
/// renamed), so a scheduled job never publishes half a report.
enum ReportOutput {
    static func write(_ text: String, directory: String, name: String) throws(ReportError) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
        return path
    }
}
