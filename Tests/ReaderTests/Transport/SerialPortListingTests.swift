import Foundation
import ReaderTransport
import Testing

@Suite("Serial port listing for rfid-station readers")
struct SerialPortListingTests {
    @Test func listsTerminalsByNameSkipsImpostorsAndMarksPortsInUse() throws {
        let free = try #require(PtyPair())
        let held = try #require(PtyPair())
        defer { withExtendedLifetime((free, held)) {} }
        let dir = NSTemporaryDirectory() + "dev-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        try fm.createSymbolicLink(atPath: dir + "/ttyUSB0", withDestinationPath: free.slavePath)
        try fm.createSymbolicLink(atPath: dir + "/ttyACM0", withDestinationPath: held.slavePath)
        try fm.createSymbolicLink(atPath: dir + "/console-not-a-reader", withDestinationPath: free.slavePath)
        try Data([0]).write(to: URL(fileURLWithPath: dir + "/ttyUSB9"))  // a file, not a tty
        let port = try SerialPort(path: held.slavePath, settings: .feig)
        defer { port.close() }
        #expect(SerialPortListing.ports(in: dir) == [
            .init(path: dir + "/ttyACM0", inUse: true),
            .init(path: dir + "/ttyUSB0", inUse: false),
        ])
    }
}
