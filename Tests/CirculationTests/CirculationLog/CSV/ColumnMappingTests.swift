import CirculationLog
import Foundation
import Testing

@Suite("Column mapping files")
struct ColumnMappingTests {
    func parse(_ json: String) throws(MappingError) -> ColumnMapping {
        try ColumnMapping.parse(Data(json.utf8), file: "map.json")
    }

    @Test("a mapping names columns by header or number, and maps type values to actions")
    func valid() throws {
        let m = try parse(
            """
            {"delimiter": ";", "columns": {"time": "When", "action": 3, "branch": "Library", "item": "Barcode"},
             "actions": {"CHK": "checkout", "RET": "checkin"}, "ignoredActions": ["FEE"], "source": "staff-station"}
            """)
        #expect(m.delimiter == UInt8(ascii: ";"))
        #expect(m.time == .name("When"))
        #expect(m.action == .number(3))
        #expect(m.actions == ["CHK": .checkout, "RET": .checkin])
        #expect(m.ignoredActions == ["FEE"])
        #expect(m.source == .staffStation)
    }

    @Test("mistakes are refused naming the key", arguments: [
        (#"{"columns": {"time": "t", "action": "a"}}"#, "actions"),
        (#"{"columns": {"time": "t"}, "actions": {"x": "checkout"}}"#, "columns.action"),
        (#"{"columns": {"time": "t", "action": "a", "colour": "c"}, "actions": {"x": "checkout"}}"#, "columns.colour"),
        (#"{"columns": {"time": "t", "action": "a"}, "actions": {"x": "borrow"}}"#, "actions.x"),
        (#"{"columns": {"time": "t", "action": "a"}, "actions": {"x": "checkout"}, "extra": 1}"#, "extra"),
        (#"{"columns": {"time": "t", "action": "a", "item": "borrowernumber"}, "actions": {"x": "checkout"}}"#, "columns.item"),
        (#"{"columns": {"time": "t", "action": "a"}, "actions": {"x": "checkout"}, "delimiter": "\""}"#, "delimiter"),
    ])
    func refused(json: String, key: String) {
        #expect(throws: MappingError.self) { try parse(json) }
        do { _ = try parse(json) } catch { #expect(error.key == key) }
    }

    @Test("Koha's statistics export: borrowernumber is never among the read columns")
    func koha() {
        let m = ColumnMapping.koha
        let read = [m.time, m.action, m.branch, m.location, m.mediaType, m.collection, m.item]
        #expect(!read.contains(.name("borrowernumber")))
        #expect(m.actions == ["issue": .checkout, "return": .checkin, "renew": .renewal])
        #expect(m.ignoredActions.contains("localuse"))
    }
}
