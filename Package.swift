// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cpsvault",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cpsvault", targets: ["cpsvault"]),
        .executable(name: "cps-card-sim", targets: ["cps-card-sim"]),
        .library(name: "CPSCard", targets: ["CPSCard"]),
        .library(name: "CardSimulator", targets: ["CardSimulator"]),
        .library(name: "PCSC", targets: ["PCSC"]),
        .library(name: "SmartCard", targets: ["SmartCard"]),
        .library(name: "VaultCrypto", targets: ["VaultCrypto"]),
        .library(name: "VaultStore", targets: ["VaultStore"]),
        .library(name: "VaultStorePostgres", targets: ["VaultStorePostgres"]),
        .library(name: "VaultCore", targets: ["VaultCore"]),
        .library(name: "VaultAgent", targets: ["VaultAgent"]),
        .library(name: "VaultFixtures", targets: ["VaultFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        // Hummingbird's own header types, named for the security headers it has no constant for.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // C libraries, nothing redeclared.
        .systemLibrary(
            name: "CPCSCLite", pkgConfig: "libpcsclite",
            providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CPKCS11", pkgConfig: "p11-kit-1",
            providers: [.apt(["libp11-kit-dev"])]),
        // prctl(2) and mallopt(3), whose forms Swift cannot import.
        .systemLibrary(name: "CProcessControl"),

        // Swift over the C libraries.
        .target(name: "PCSC", dependencies: ["CPCSCLite"]),
        .target(name: "VaultCrypto", dependencies: ["COpenSSL", "CProcessControl"]),
        .target(name: "PKCS11", dependencies: ["CPKCS11", "VaultCrypto"]),

        // ISO 7816-4 and PKCS#15.
        .target(
            name: "SmartCard",
            dependencies: [.product(name: "SwiftASN1", package: "swift-asn1")]),

        // Storage: the protocol and the embedded SQLite backend.
        .target(name: "VaultStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),

        // Storage on a shared PostgreSQL server.
        .target(
            name: "VaultStorePostgres",
            dependencies: ["VaultStore", .product(name: "PostgresNIO", package: "postgres-nio")]),

        // The CPS card profiles and the professional they identify.
        .target(name: "CPSCard", dependencies: ["SmartCard", "VaultCrypto", "PCSC", "PKCS11"]),

        // The domain: vault, sessions, patients, records, grants, policy, audit.
        .target(name: "VaultCore", dependencies: ["CPSCard", "SmartCard", "VaultCrypto", "VaultStore", "VaultStorePostgres"]),

        // What the benchmarks (Benchmarks/) need beyond the public API: vaults at a scale no
        // session builds (placeholder patients, audit entries in bulk) and raw statements on a
        // PostgreSQL server through the store's connections. Never linked into the product.
        .target(name: "VaultFixtures", dependencies: ["VaultCore", "VaultCrypto", "VaultStore", "VaultStorePostgres"]),

        // The cpsvault agent: one card session served to later commands over a Unix socket.
        .target(name: "VaultAgent", dependencies: ["VaultCore", "VaultCrypto"]),

        // The professional's workstation: a local web app bound to one card session.
        .target(
            name: "VaultWeb",
            dependencies: ["VaultCore", "VaultCrypto", "CPSCard",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "HTTPTypes", package: "swift-http-types")],
            resources: [.copy("Assets")]),

        // A software CPS3 card behind vpcd.
        .target(
            name: "CardSimulator",
            dependencies: ["SmartCard", "VaultCrypto",
                           .product(name: "SwiftASN1", package: "swift-asn1")]),

        .executableTarget(
            name: "cps-card-sim",
            dependencies: ["CardSimulator",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "cpsvault",
            dependencies: ["CPSCard", "PCSC", "PKCS11", "SmartCard", "VaultAgent", "VaultCore", "VaultCrypto", "VaultStore",
                           "VaultStorePostgres", "VaultWeb",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Test support: the card stack (pcscd + vpcd + simulator) and the test PKI.
        .target(name: "CardStackTesting", dependencies: ["CardSimulator", "CPSCard", "PCSC", "PKCS11"], path: "Tests/CardStackTesting"),

        .testTarget(name: "SmartCardTests", dependencies: ["SmartCard"]),
        .testTarget(name: "VaultCryptoTests", dependencies: ["VaultCrypto"], resources: [.copy("Vectors")]),
        // The store tests run on both backends, reaching each database directly too.
        .testTarget(
            name: "VaultStoreTests",
            dependencies: ["VaultStore", "VaultStorePostgres", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "VaultCoreTests", dependencies: ["VaultCore", "CPSCard", "CardSimulator", "CardStackTesting", "PCSC", "PKCS11", "VaultCrypto", "VaultFixtures",
                                                    "VaultStore", "VaultStorePostgres", .product(name: "GRDB", package: "GRDB.swift"),
                                                    .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "VaultAgentTests", dependencies: ["VaultAgent", "VaultCore", "CardSimulator", "CardStackTesting", "CPSCard", "VaultCrypto"]),
        .testTarget(name: "PCSCTests", dependencies: ["PCSC", "CardStackTesting"]),
        .testTarget(name: "CPSCardTests", dependencies: ["CPSCard", "CardStackTesting"]),
        .testTarget(name: "CardSimulatorTests", dependencies: ["CardSimulator", "CardStackTesting"]),
        .testTarget(name: "CLITests", dependencies: ["CardStackTesting"]),
        .testTarget(name: "VaultWebTests", dependencies: ["VaultWeb", "CPSCard", "CardStackTesting"]),
    ]
)
