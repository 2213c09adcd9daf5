// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "SchoolNet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "schoolnet", targets: ["schoolnet"]),
        .executable(name: "schoolnet-probe", targets: ["schoolnet-probe"]),
        .library(name: "InventoryModel", targets: ["InventoryModel"]),
        .library(name: "InventoryFormat", targets: ["InventoryFormat"]),
        .library(name: "InventoryStoreSQLite", targets: ["InventoryStoreSQLite"]),
        .library(name: "InventoryWorkbook", targets: ["InventoryWorkbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Domain types, the plan, units and the store protocol. Foundation only.
        .target(name: "InventoryModel"),
        // The interchange folder: CSV and plan.yaml reading and writing, with row-numbered errors.
        .target(
            name: "InventoryFormat",
            dependencies: ["InventoryModel", .product(name: "Yams", package: "Yams")],
            // The reader's hot loop goes through one class per file part, owned by one thread;
            // dynamic exclusivity checks on its fields cost more than the parsing around them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        // The city as one .xlsx workbook, written and read: a sheet per interchange file.
        .target(
            name: "InventoryWorkbook",
            dependencies: [
                "InventoryModel", "InventoryFormat", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The reports as workbooks: a report's rows as a typed sheet, the declaration as the form filed.
        .target(name: "ReportWorkbook", dependencies: ["InventoryModel", "Planner", "InventoryWorkbook"]),
        // The embedded store: one SQLite file through GRDB, WAL, named migrations.
        .target(
            name: "InventoryStoreSQLite",
            dependencies: [
                "InventoryModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The shared store: one PostgreSQL database through postgres-nio's pool, named migrations,
        // measurements partitioned by month, bulk writes through COPY.
        .target(
            name: "InventoryStorePostgres",
            dependencies: [
                "InventoryModel", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The one place that names the backends: a `--db` value opened as `any InventoryStore`.
        .target(
            name: "InventoryStores", dependencies: ["InventoryModel", "InventoryStoreSQLite", "InventoryStorePostgres"]),
        // The compliance solver and, later, renewals and forecasts: pure functions of the model.
        .target(name: "Planner", dependencies: ["InventoryModel"]),
        // A deterministic generator of a realistic city, for the sample and for benchmarks.
        .target(name: "SampleCity", dependencies: ["InventoryModel"]),
        // The planners' web pages: views of the report and plans rendered with Mustache templates
        // that escape by default, and SVG drawn here; no HTTP, so a page is a function of its data.
        .target(
            name: "InventoryPages",
            dependencies: ["InventoryModel", "Planner", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The service: the HTTP API /v1 (Hummingbird), tokens with scopes, ingest, OpenAPI, metrics.
        .target(
            name: "InventoryAPI",
            dependencies: [
                "InventoryModel", "InventoryFormat", "Planner", "InventoryPages", "ReportWorkbook",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The `schoolnet` commands, kept in a library so tests run them in-process.
        .target(
            name: "SchoolNetCLI",
            dependencies: [
                "InventoryModel", "InventoryFormat", "InventoryStores", "InventoryStoreSQLite", "SampleCity", "Planner",
                "InventoryAPI", "InventoryWorkbook", "ReportWorkbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(name: "schoolnet", dependencies: ["SchoolNetCLI"]),
        // libpcap (Debian: libpcap-dev); only PacketCapture imports it.
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        // Live and offline capture, BPF filters, header parsing, per-second rates and 5-minute samples.
        .target(name: "PacketCapture", dependencies: ["CPcap"]),
        // Throughput tests: an iperf3-protocol client and server (the reflector) over TCP.
        .target(name: "LinkTest"),
        // The probe agent: its configuration, the outbox that keeps every result until the
        // service has it, and the capture, test schedule and uploader as services of one group;
        // the doctor that checks each step of the install.
        .target(
            name: "ProbeAgent",
            dependencies: [
                "InventoryModel", "InventoryFormat", "PacketCapture", "LinkTest",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The `schoolnet-probe` commands: they parse, then call the agent, the capture or the tests.
        .target(
            name: "ProbeCLI",
            dependencies: [
                "PacketCapture", "LinkTest", "ProbeAgent", "InventoryModel", "InventoryFormat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "schoolnet-probe", dependencies: ["ProbeCLI"]),
        .testTarget(name: "InventoryModelTests", dependencies: ["InventoryModel"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "InventoryModel", "SampleCity"]),
        .testTarget(
            name: "InventoryPagesTests", dependencies: ["InventoryPages", "Planner", "InventoryModel", "SampleCity"]
        ),
        .testTarget(
            name: "InventoryFormatTests",
            dependencies: ["InventoryModel", "InventoryFormat", "SampleCity"]
        ),
        .testTarget(
            name: "InventoryStoreSQLiteTests",
            dependencies: [
                "InventoryModel", "InventoryFormat", "InventoryStoreSQLite", "SampleCity",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // One suite of the store's behaviour, run on every backend (PostgreSQL: TestSupport's server).
        .testTarget(
            name: "InventoryStoreTests",
            dependencies: [
                "InventoryModel", "InventoryStores", "InventoryStoreSQLite", "InventoryStorePostgres", "SampleCity",
                "TestSupport",
            ]
        ),
        .testTarget(name: "PacketCaptureTests", dependencies: ["PacketCapture"]),
        .testTarget(name: "LinkTestTests", dependencies: ["LinkTest", "TestSupport"]),
        .testTarget(
            name: "ProbeCLITests",
            dependencies: [
                "ProbeCLI", "PacketCapture", "ProbeAgent", "InventoryModel", "TestSupport", "SampleCity",
            ]
        ),
        // What several test targets share: finding and running the built programs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "InventoryAPITests",
            dependencies: [
                "InventoryAPI", "TestSupport", "SampleCity", "InventoryModel", "InventoryFormat",
                "InventoryStoreSQLite", "InventoryStores", "ProbeAgent",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Bounded random mutation of every input a user or client hands over, through the planners.
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "InventoryFormat", "InventoryModel", "Planner", "InventoryAPI", "TestSupport", "SampleCity",
            ]
        ),
        .testTarget(
            name: "InventoryWorkbookTests",
            dependencies: [
                "InventoryWorkbook", "InventoryModel", "InventoryFormat", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "SchoolNetCLITests",
            dependencies: [
                "SchoolNetCLI", "InventoryModel", "InventoryFormat", "InventoryStoreSQLite", "InventoryWorkbook",
                "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
