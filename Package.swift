// swift-tools-version:6.1
// LibraryRFID: privacy-first RFID software for public libraries.
//
// The target graph mirrors the architecture (see Docs/architecture.md):
//   codec (no I/O)  ->  privacy guard  ->  reader semantics  ->  protocols  ->  transports
// and, apart from the reader stack, the transaction log -> store -> reports chain.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "LibraryRFID",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "rfid-station", targets: ["rfid-station"]),
        .executable(name: "rfid-gated", targets: ["rfid-gated"]),
        .executable(name: "rfid-report", targets: ["rfid-report"]),
        .executable(name: "rfid-emulator", targets: ["rfid-emulator"]),
        .executable(name: "rfid-benchmarks", targets: ["rfid-benchmarks"]),
        .library(name: "TagCodec", targets: ["TagCodec"]),
        .library(name: "TagPrivacy", targets: ["TagPrivacy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The gate daemon: lifecycle, metrics and its loopback HTTP endpoints.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // PostgreSQL for library networks (one database for every branch's stores).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Shared vocabulary: exit statuses, user-facing errors, hex helpers.
        .target(name: "RFIDCommon", swiftSettings: strict),

        // What every command-line tool shares: failure reporting and exit statuses.
        .target(
            name: "CommandSupport",
            dependencies: [
                "RFIDCommon", "SiteConfiguration", "ReaderDrivers", "EmulatedReaders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // Tag memory <-> data elements. Pure: no I/O, no Foundation file access.
        .target(name: "TagCodec", dependencies: ["RFIDCommon"], swiftSettings: strict),
        // Barcode policy and the privacy verdict over decoded tags.
        .target(name: "TagPrivacy", dependencies: ["TagCodec", "RFIDCommon"], swiftSettings: strict),

        // The site file (/etc/libraryrfid/site.toml) every tool reads: strict, with line numbers.
        .target(
            name: "SiteConfiguration",
            dependencies: ["RFIDCommon", "TagCodec", "TagPrivacy", "ReaderCore", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict),

        // Driver layer: transports (bytes), protocols (frames + commands), reader semantics.
        .systemLibrary(
            name: "CLibUSB", pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"])]),
        .target(name: "ReaderTransport", dependencies: ["RFIDCommon", "CLibUSB"], swiftSettings: strict),
        .target(name: "ReaderCore", dependencies: ["RFIDCommon", "TagCodec"], swiftSettings: strict),
        .target(
            name: "ReaderProtocols", dependencies: ["RFIDCommon", "ReaderCore", "ReaderTransport"],
            swiftSettings: strict),
        .target(
            name: "ReaderEmulation", dependencies: ["RFIDCommon", "ReaderCore", "ReaderProtocols", "TagCodec"],
            swiftSettings: strict),
        .target(
            name: "ReaderDrivers",
            dependencies: ["RFIDCommon", "ReaderCore", "ReaderProtocols", "ReaderTransport"],
            swiftSettings: strict),
        // The demo (`emulated:`) and mock readers as driver-table entries, for the programs that
        // want them; production drivers do not depend on the emulators.
        .target(
            name: "EmulatedReaders",
            dependencies: ["ReaderCore", "ReaderDrivers", "ReaderEmulation", "ReaderTransport"],
            swiftSettings: strict),

        // Workflows at the staff station: writing, checking and securing tags through any reader.
        .target(name: "Tagging", dependencies: ["RFIDCommon", "ReaderCore", "TagCodec", "TagPrivacy"], swiftSettings: strict),

        // What a station did, counted by station and hour (no barcode, no patron), and its SQLite store.
        .target(name: "StationActivity", dependencies: ["RFIDCommon"], swiftSettings: strict),
        .target(
            name: "StationActivitySQLite",
            dependencies: ["StationActivity", "SQLiteSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),

        // Security gates: the detection state machine (no I/O), fed by inventory answers and a clock.
        .target(name: "GateDetection", dependencies: ["ReaderCore"], swiftSettings: strict),
        // The gate event store's interface (alarm rows, hourly counts): plain values, no SQL.
        .target(name: "GateEventStore", dependencies: ["RFIDCommon", "GateDetection"], swiftSettings: strict),
        // The per-gate loop over a reader: runs the detector, performs its actions, reconnects
        // with backoff, reports health; every gate of a site under one lifecycle.
        .target(
            name: "GateService",
            dependencies: [
                "RFIDCommon", "ReaderCore", "ReaderDrivers", "TagCodec", "GateDetection", "GateEventStore",
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        // /metrics (Prometheus), /health and /alarms on loopback, through Hummingbird.
        .target(
            name: "GateMonitoring",
            dependencies: [
                "GateService", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The gate event store in a PostgreSQL database a network's gates share.
        .target(
            name: "GateEventStorePostgres",
            dependencies: [
                "GateDetection", "GateEventStore", "PostgresSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        // The station activity store in a PostgreSQL database a network's stations share.
        .target(
            name: "StationActivityPostgres",
            dependencies: ["StationActivity", "PostgresSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict),
        // The least-privilege roles of a shared PostgreSQL database and the setup that makes them.
        .target(
            name: "DatabaseRoles",
            dependencies: ["RFIDCommon", "PostgresSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict),
        // The gate event store in SQLite: the only gate code that writes SQL.
        .target(
            name: "GateEventStoreSQLite",
            dependencies: [
                "GateDetection", "GateEventStore", "SQLiteSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),

        // Transaction log: parse (patron fields dropped inside the parser) -> store -> reports.
        .target(name: "CirculationLog", dependencies: ["RFIDCommon"], swiftSettings: strict),
        // The store's interface and ingest, purge and audit over it: plain values, no SQL.
        .target(name: "CirculationStore", dependencies: ["RFIDCommon", "CirculationLog"], swiftSettings: strict),
        // What every SQLite store shares: location, 0600 files, WAL, secure delete, migrations.
        .target(
            name: "SQLiteSupport",
            dependencies: [
                "RFIDCommon", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        // What every PostgreSQL store shares: the database URL and its password sources, TLS,
        // one blocking session over postgres-nio, versioned migrations. No store logic.
        .target(
            name: "PostgresSupport",
            dependencies: [
                "RFIDCommon", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Which engine a tool's stores live in: `--database` or the site file's `[store] database`,
        // a SQLite path or a postgres:// URL, read the same way by every tool.
        .target(
            name: "StoreSelection", dependencies: ["RFIDCommon", "SiteConfiguration", "SQLiteSupport", "PostgresSupport"],
            swiftSettings: strict),
        // The circulation store in SQLite: the only circulation code that writes SQL.
        .target(
            name: "CirculationStoreSQLite",
            dependencies: [
                "RFIDCommon", "CirculationLog", "CirculationStore", "SQLiteSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),

        // The circulation store in PostgreSQL, for a network's shared database: the same
        // interfaces, every row tagged with its library.
        .target(
            name: "CirculationStorePostgres",
            dependencies: [
                "RFIDCommon", "CirculationLog", "CirculationStore", "PostgresSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),

        // Linear programming (GLPK) for the reports' disclosure audit. Debian's libglpk-dev has
        // no pkg-config file, so the module map links the library by name.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "LinearProgramming", dependencies: ["CGLPK"], swiftSettings: strict),
        .target(
            name: "CirculationReports", dependencies: ["RFIDCommon", "CirculationStore", "LinearProgramming"],
            swiftSettings: strict),

        // Command-line tools. Each is thin: parsing arguments and mapping errors to exit statuses.
        .executableTarget(
            name: "rfid-station",
            dependencies: [
                "RFIDCommon", "CommandSupport", "SiteConfiguration", "TagCodec", "TagPrivacy", "ReaderCore", "ReaderDrivers",
                "ReaderTransport", "EmulatedReaders", "Tagging", "StationActivity", "StationActivitySQLite", "StationActivityPostgres",
                "StoreSelection", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rfid-gated",
            dependencies: [
                "RFIDCommon", "CommandSupport", "SiteConfiguration", "ReaderCore", "ReaderDrivers", "EmulatedReaders",
                "GateDetection", "GateEventStore", "GateEventStoreSQLite", "GateEventStorePostgres", "GateService", "GateMonitoring",
                "StoreSelection", "PostgresSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rfid-report",
            dependencies: [
                "RFIDCommon", "CommandSupport", "SiteConfiguration", "CirculationLog", "CirculationStore",
                "CirculationStoreSQLite", "CirculationStorePostgres", "StoreSelection", "SQLiteSupport", "CirculationReports",
                "StationActivity", "StationActivitySQLite", "TagPrivacy", "GateEventStore", "GateEventStoreSQLite",
                "GateEventStorePostgres", "StationActivityPostgres", "DatabaseRoles", "PostgresSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rfid-emulator",
            dependencies: [
                "RFIDCommon", "CommandSupport", "SiteConfiguration", "ReaderCore", "ReaderEmulation", "ReaderProtocols",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "rfid-benchmarks",
            dependencies: [
                "RFIDCommon", "CommandSupport", "TagCodec", "TagPrivacy", "ReaderCore", "ReaderTransport",
                "ReaderDrivers", "ReaderEmulation", "Tagging", "CirculationLog", "CirculationStore", "CirculationStoreSQLite",
                "CirculationStorePostgres", "PostgresSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                "CirculationReports", "CirculationFixtures", "GateDetection", "GateEventStore", "GateEventStoreSQLite",
                "GateEventStorePostgres", "StationActivity", "StationActivityPostgres", "GateService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/rfid-benchmarks",
            swiftSettings: strict),

        // Tests mirror Sources/.
        // Tests only: umockdev's fake device tree, and a C helper answering usbdevfs ioctls for a
        // fake USB reader, so the USB transport is tested through real libusb without hardware.
        .systemLibrary(
            name: "CUMockdev", path: "Tests/CUMockdev", pkgConfig: "umockdev-1.0",
            providers: [.apt(["libumockdev-dev", "umockdev"])]),
        .target(name: "CUMockdevHelper", dependencies: ["CUMockdev"], path: "Tests/CUMockdevHelper"),
        .target(name: "TestSupport", dependencies: ["RFIDCommon"], path: "Tests/TestSupport", swiftSettings: strict),
        // A fresh database per test on the server scripts/with-postgres started.
        .target(
            name: "PostgresTestSupport", dependencies: ["PostgresSupport", "RFIDCommon"], path: "Tests/PostgresTestSupport",
            swiftSettings: strict),
        // Synthetic SIP2 logs with exactly known counts, for the tests and the ingest benchmark;
        // in no product's library, so the generator never ships inside CirculationLog.
        .target(
            name: "CirculationFixtures", dependencies: ["CirculationLog", "CirculationStore"], path: "Tests/CirculationFixtures",
            swiftSettings: strict),
        .testTarget(
            name: "TagCodecTests",
            dependencies: ["TagCodec", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),
        .testTarget(
            name: "TagPrivacyTests",
            dependencies: [
                "TagPrivacy", "TagCodec", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ReaderTests",
            dependencies: [
                "ReaderCore", "ReaderTransport", "ReaderProtocols", "ReaderEmulation", "ReaderDrivers",
                "EmulatedReaders", "TagCodec", "TestSupport", "CUMockdevHelper",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "CirculationTests",
            dependencies: [
                "CirculationLog", "CirculationStore", "CirculationStoreSQLite", "CirculationStorePostgres", "CirculationReports",
                "LinearProgramming", "CirculationFixtures", "TestSupport", "PostgresTestSupport", "PostgresSupport", "TagPrivacy",
                .product(name: "PropertyBased", package: "swift-property-based"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "StationActivityTests",
            dependencies: [
                "StationActivity", "StationActivitySQLite", "StationActivityPostgres", "PostgresSupport", "PostgresTestSupport",
                "DatabaseRoles", "RFIDCommon", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "TaggingTests",
            dependencies: ["Tagging", "ReaderCore", "ReaderEmulation", "TagCodec", "TagPrivacy", "RFIDCommon"],
            swiftSettings: strict),
        .testTarget(
            name: "SiteConfigurationTests",
            dependencies: ["SiteConfiguration", "TagPrivacy", "ReaderCore", "EmulatedReaders", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "GateTests",
            dependencies: [
                "GateDetection", "GateEventStore", "GateEventStoreSQLite", "GateEventStorePostgres", "CirculationStorePostgres",
                "GateService", "ReaderCore",
                "ReaderDrivers", "ReaderEmulation", "EmulatedReaders", "TestSupport", "rfid-gated", "rfid-report", "rfid-emulator",
                "StationActivity", "StationActivityPostgres", "DatabaseRoles", "PostgresSupport", "PostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "PostgresSupportTests",
            dependencies: ["PostgresSupport", "PostgresTestSupport", "StoreSelection", "SiteConfiguration", "RFIDCommon"],
            swiftSettings: strict),
        .testTarget(
            name: "SQLiteSupportTests",
            dependencies: ["SQLiteSupport", "RFIDCommon", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "CommandLineTests",
            dependencies: [
                "TestSupport", "PostgresTestSupport", "rfid-station", "rfid-report", "rfid-emulator", "rfid-gated", "CirculationLog",
                "CirculationStore", "CirculationStoreSQLite", "CirculationFixtures", "StationActivity",
                "StationActivitySQLite", "StationActivityPostgres",
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
