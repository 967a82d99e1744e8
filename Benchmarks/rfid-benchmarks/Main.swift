import ArgumentParser

/// Benchmarks print each figure beside a baseline measured in the same run, because these
/// machines are shared and noisy: the ratio to the baseline is what compares across runs.
@main
struct Benchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfid-benchmarks",
        abstract: "Performance benchmarks (build with -c release).",
        subcommands: [
            CodecBenchmark.self, TaggingBenchmark.self, ReportBenchmark.self, SuppressionAuditBenchmark.self, AnnualSuppressionBenchmark.self,
            GateBenchmark.self, PostgresWritersBenchmark.self,
        ])
}
