// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pingyi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pingyi", targets: ["pingyi"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libpq, from Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libxlsxwriter, from Debian's libxlsxwriter-dev.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // libqrencode, from Debian's libqrencode-dev.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // OpenSSL 3's libcrypto, from Debian's libssl-dev (P-256 points and scalars).
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The count no single office can read: exponential ElGamal on P-256 with its proofs, the
        // trustees' key ceremony, tracking codes, the published record. The only code that
        // touches libcrypto.
        .target(
            name: "PingyiTally",
            dependencies: ["CLibCrypto", "PingyiCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The QR codes of the printed letters: the only code that touches libqrencode.
        .target(name: "PingyiQR", dependencies: ["CQREncode"]),
        // The .xlsx exports: a PingyiCore Spreadsheet written with libxlsxwriter.
        .target(name: "PingyiXLSX", dependencies: ["CXLSXWriter", "PingyiCore"]),
        // The only code that touches libpq.
        .target(
            name: "PingyiPostgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The pure domain: no I/O.
        .target(
            name: "PingyiCore",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What Pingyi takes from its environment, read once by the CLI and passed down.
        .target(
            name: "PingyiConfiguration",
            dependencies: ["PingyiCore", .product(name: "Logging", package: "swift-log")]
        ),
        // Repositories: SQL in, domain values out.
        .target(
            name: "PingyiStore",
            dependencies: [
                "PingyiPostgres",
                "PingyiCore",
                "PingyiTally",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The web application: buildApplication, controllers, middleware, Mustache views.
        .target(
            name: "PingyiServer",
            dependencies: [
                "PingyiStore",
                "PingyiCore",
                "PingyiTally",
                "PingyiConfiguration",
                "PingyiPostgres",
                "PingyiXLSX",
                "PingyiWorkflows",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        // The use cases the CLI and the console share: import a file, issue links into a private
        // file, letters (a Mustache template), export a table, the office's messages.
        .target(
            name: "PingyiWorkflows",
            dependencies: [
                "PingyiStore", "PingyiCore", "PingyiPostgres", "PingyiXLSX", "PingyiQR", "PingyiTally",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("DocumentTemplates"), .copy("LetterTemplates")]
        ),
        // The demo county: seeding and simulated respondents, out of the production path.
        .target(
            name: "PingyiDemo",
            dependencies: [
                "PingyiWorkflows", "PingyiStore", "PingyiCore", "PingyiPostgres",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "pingyi",
            dependencies: [
                "PingyiServer",
                "PingyiConfiguration",
                "PingyiWorkflows",
                "PingyiDemo",
                "PingyiTally",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                "PingyiStore",
                "PingyiCore",
                "PingyiPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Helpers shared by the database tests: a private database per suite.
        .target(
            name: "PingyiTestSupport",
            dependencies: [
                "PingyiPostgres",
                "PingyiTally",
                "PingyiStore",
                "PingyiCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/PingyiTestSupport"
        ),
        .testTarget(name: "PingyiCoreTests", dependencies: ["PingyiCore"]),
        // The C layers' own tests, no database: a QR code's matrix, a workbook's XML read back.
        .testTarget(name: "PingyiQRTests", dependencies: ["PingyiQR"]),
        // The count's arithmetic and proofs, no database: OpenSSL's P-256 against known answers.
        .testTarget(
            name: "PingyiTallyTests",
            dependencies: ["PingyiTally", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PingyiXLSXTests",
            dependencies: ["PingyiXLSX", "PingyiCore", "PingyiWorkflows", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Letters and links files without a database; the import workflow and the demo county on one each.
        .testTarget(
            name: "PingyiWorkflowsTests",
            dependencies: ["PingyiWorkflows", "PingyiCore", "PingyiXLSX", "PingyiPostgres", "PingyiTestSupport"]
        ),
        .testTarget(name: "PingyiDemoTests", dependencies: ["PingyiDemo", "PingyiCore", "PingyiPostgres", "PingyiTestSupport"]),
        // The command-line tool's own pieces (files it writes).
        .testTarget(
            name: "pingyiTests",
            dependencies: [
                "pingyi", "PingyiServer", "PingyiConfiguration", "PingyiWorkflows", .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "PingyiPostgresTests", dependencies: ["PingyiPostgres", "PingyiTestSupport"]),
        .testTarget(name: "PingyiStoreTests", dependencies: ["PingyiStore", "PingyiCore", "PingyiPostgres", "PingyiTestSupport"]),
        .testTarget(
            name: "PingyiServerTests",
            dependencies: [
                "PingyiConfiguration",
                "PingyiServer", "PingyiStore", "PingyiCore", "PingyiPostgres", "PingyiTestSupport", "PingyiWorkflows", "PingyiTally",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
