// swift-tools-version: 6.0
// cpsvault-bench, the performance figures against same-run baselines (Scripts/bench,
// docs/PERFORMANCE.md). A package of its own over the public API of cpsvault's libraries (and the
// bulk fixtures of VaultFixtures), never part of the product build: Scripts/bench builds it in
// release, Scripts/test in debug so that it keeps compiling.
import PackageDescription

/// The cpsvault package is the folder above; SwiftPM names a path dependency after its folder.
let cpsvault = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() } ?? "cpsvault"

func product(_ name: String) -> Target.Dependency {
    .product(name: name, package: cpsvault)
}

let package = Package(
    name: "cpsvault-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // OpenSSL's EVP interface for the raw AES-256-GCM baseline.
        .systemLibrary(
            name: "CBenchOpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),

        .executableTarget(
            name: "cpsvault-bench",
            dependencies: ["CBenchOpenSSL",
                           product("CardSimulator"), product("CPSCard"), product("PCSC"), product("SmartCard"),
                           product("VaultAgent"), product("VaultCore"), product("VaultCrypto"), product("VaultFixtures"),
                           product("VaultStore"), product("VaultStorePostgres"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
