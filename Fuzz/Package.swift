// swift-tools-version: 6.0
// libFuzzer targets over cpsvault's parsers. Not part of the product build: Scripts/fuzz builds
// them with `-Xswiftc -sanitize=fuzzer,address` in their own scratch path and runs each one.
import PackageDescription

/// The cpsvault package is the folder above; SwiftPM names a path dependency after its folder.
let cpsvault = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() } ?? "cpsvault"

func product(_ name: String) -> Target.Dependency {
    .product(name: name, package: cpsvault)
}

let package = Package(
    name: "cpsvault-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [product("CardSimulator"), product("CPSCard"), product("SmartCard"), product("VaultCrypto")]),
        .executableTarget(name: "fuzz-apdu", dependencies: ["FuzzSupport", product("SmartCard")]),
        .executableTarget(name: "fuzz-tlv", dependencies: ["FuzzSupport", product("CardSimulator"), product("SmartCard")]),
        .executableTarget(name: "fuzz-pkcs15", dependencies: ["FuzzSupport", product("SmartCard")]),
        .executableTarget(name: "fuzz-record", dependencies: ["FuzzSupport", product("VaultCrypto")]),
        .executableTarget(name: "fuzz-agent", dependencies: ["FuzzSupport", product("VaultAgent")]),
        .executableTarget(
            name: "fuzz-card", dependencies: ["FuzzSupport", product("CardSimulator"), product("SmartCard")]),
    ]
)
