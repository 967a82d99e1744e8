import SQLiteSupport
import Testing

/// `--database` as every store reads it.
@Suite("Store location")
struct StoreLocationTests {
    @Test("no value: the store's own file name in the data directory, from the environment")
    func defaults() throws {
        #expect(
            try StoreLocation.parse(nil, defaultFileName: "gate-events.sqlite", environment: ["LIBRARYRFID_DATA_DIR": "/srv/rfid"])
                == .sqlite(path: "/srv/rfid/gate-events.sqlite"))
        #expect(
            try StoreLocation.parse("", defaultFileName: "c.sqlite", environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
                == .sqlite(path: "/x/libraryrfid/c.sqlite"))
        #expect(
            try StoreLocation.parse(nil, defaultFileName: "c.sqlite", environment: ["HOME": "/home/lib"])
                == .sqlite(path: "/home/lib/.local/share/libraryrfid/c.sqlite"))
    }

    @Test("paths, sqlite: URLs, and the errors of the others")
    func forms() throws {
        #expect(try StoreLocation.parse("/a/b.sqlite", defaultFileName: "x").sqlitePath() == "/a/b.sqlite")
        #expect(try StoreLocation.parse("sqlite:/a/b.sqlite", defaultFileName: "x").sqlitePath() == "/a/b.sqlite")
        #expect(try StoreLocation.parse("sqlite:///a/b.sqlite", defaultFileName: "x").sqlitePath() == "/a/b.sqlite")
        let unknown = #expect(throws: SQLiteStoreError.self) { try StoreLocation.parse("mysql://db/x", defaultFileName: "x") }
        #expect(unknown?.exitStatus == .usage)
        let postgres = try StoreLocation.parse("postgres://u:secretpw@db/x", defaultFileName: "x")
        let refused = #expect(throws: SQLiteStoreError.self) { try postgres.sqlitePath() }
        #expect(refused?.kind == .unsupportedURL)
        #expect(refused?.description.contains("secretpw") == false)
    }
}
