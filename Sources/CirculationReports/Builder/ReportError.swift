import CirculationStore
import RFIDCommon

/// Why a report could not be made. Descriptions name the setting, table or argument at fault
/// and never quote stored values other than dates and hours.
public enum ReportError: UserFacingError, Equatable {
    /// `--month` is not a calendar month written YYYY-MM.
    case invalidMonth(String)
    /// `--fiscal-year` is not a year written YYYY.
    case invalidFiscalYear(String)
    /// The fiscal year asked for has not begun on the report's date.
    case fiscalYearNotStarted(String)
    /// The suppression threshold is below 3 (`MonthlyReportBuilder.minimumThreshold`). It comes
    /// from the site file, so it is a settings error (exit 65), like any other bad setting.
    case invalidThreshold(Int)
    /// The store could not be read.
    case store(StoreError)
    /// The store returned a row that cannot belong to the month asked for.
    case inconsistentStore(String)
    /// Writing the rendered report failed.
    case cannotWrite(path: String, reason: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidMonth, .invalidFiscalYear, .fiscalYearNotStarted: .usage
        case .invalidThreshold: .dataError
        case .store(let error): error.exitStatus
        case .inconsistentStore: .dataError
        case .cannotWrite: .ioError
        }
    }

    public var description: String {
        switch self {
        case .invalidMonth(let text):
            "--month must be a calendar month written YYYY-MM, e.g. 2026-10 (got \"\(text.prefix(20))\")"
        case .invalidFiscalYear(let text):
            "--fiscal-year must be the year written YYYY in which the fiscal year ends, e.g. 2026 for July 2025 to June 2026 (got \"\(text.prefix(20))\")"
        case .fiscalYearNotStarted(let year):
            "\(year) has not begun yet (it starts in July of the year before); there is nothing to report"
        case .invalidThreshold(let n):
            "suppression_threshold (site file, [store]) must be 3 or more: smaller counts would be easy to work out from the report (got \(n))"
        case .store(let error): error.description
        case .inconsistentStore(let detail): "the store returned inconsistent data: \(detail)"
        case .cannotWrite(let path, let reason): "\(path): cannot write the report: \(reason)"
        }
    }
}
