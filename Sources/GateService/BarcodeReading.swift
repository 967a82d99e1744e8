import ReaderCore
import TagCodec

/// Reads an alarming item's barcode, only ever for a gate with `record_items = true`: the
/// tag's memory through the reader, decoded by the codec. Nil when the tag left or its memory
/// holds no readable barcode; the detector then records the UID instead.
enum BarcodeReading {
    static func read(_ uid: TagUID, from reader: any RFIDReader) async -> String? {
        do {
            let info = try await reader.systemInformation(uid: uid)
            let count = min(info.blockCount, 64)
            let memory = try await reader.readBlocks(uid: uid, first: 0, count: count, blockSize: info.blockSize)
            return try TagDecoder.decode(memory, dsfid: info.dsfid).primaryItemIdentifier
        } catch {
            return nil
        }
    }
}
