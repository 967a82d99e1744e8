/// How far the ingest of one file has read, for a progress display. Reported once per block
/// read (4 MiB, or a 1 MiB part parsed ahead), never per line, so that watching costs the
/// reading loop nothing measurable.
public struct IngestProgress: Sendable, Equatable {
    public var file: String
    /// File offset read up to (the committed offset of an earlier run included).
    public var bytesRead: Int
    /// The file's size when this run started reading it.
    public var totalBytes: Int
    /// Where this run started (after what earlier runs counted): the base for a rate.
    public var startOffset: Int
}
