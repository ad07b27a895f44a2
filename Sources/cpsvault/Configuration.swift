import Foundation
import VaultCore

/// The `cpsvault` configuration file: which trust material validates card certificates.
/// Relative paths are relative to the file.
struct Configuration: Decodable {
    var trustAnchors: [String] = []
    var intermediates: [String] = []
    var crls: [String] = []
    /// Certificates a restitution export may be encrypted to besides the patient's designated
    /// professionals (an archive service, the patient's new host).
    var restitutionRecipients: [String] = []
    /// The vault, when the configuration names one: a file (relative to the configuration) or a
    /// postgres:// URL.
    var vault: String?

    /// The file named by `--config`, else `$CPSVAULT_CONFIG`, else `~/.config/cpsvault/config.json`
    /// when it exists; an empty configuration when there is none. A named file that is missing is an error.
    static func load(explicitPath: String?) throws -> Configuration {
        let environment = ProcessInfo.processInfo.environment
        let named = explicitPath ?? environment["CPSVAULT_CONFIG"]
        let path = named ?? (environment["XDG_CONFIG_HOME"].map { "\($0)/cpsvault/config.json" }
            ?? "\(NSHomeDirectory())/.config/cpsvault/config.json")
        guard named != nil || FileManager.default.fileExists(atPath: path) else { return Configuration() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(path: path, reason: "it cannot be read (\(error.localizedDescription))")
        }
        var configuration: Configuration
        do {
            configuration = try JSONDecoder().decode(Configuration.self, from: data)
        } catch {
            throw ConfigurationError(path: path, reason: "it is not a valid configuration (\(error))")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func absolute(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
        }
        configuration.trustAnchors = configuration.trustAnchors.map(absolute)
        configuration.intermediates = configuration.intermediates.map(absolute)
        configuration.crls = configuration.crls.map(absolute)
        configuration.restitutionRecipients = configuration.restitutionRecipients.map(absolute)
        configuration.vault = try configuration.vault.map { vault in
            if case .server = try VaultLocation(vault) { return vault }
            return absolute(vault)
        }
        return configuration
    }

    private enum CodingKeys: String, CodingKey { case trustAnchors, intermediates, crls, restitutionRecipients, vault }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trustAnchors = try container.decodeIfPresent([String].self, forKey: .trustAnchors) ?? []
        intermediates = try container.decodeIfPresent([String].self, forKey: .intermediates) ?? []
        crls = try container.decodeIfPresent([String].self, forKey: .crls) ?? []
        vault = try container.decodeIfPresent(String.self, forKey: .vault)
    }
}

/// A configuration file that cannot be used.
struct ConfigurationError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String {
        "The configuration \(path) cannot be used: \(reason). Fix it, or name another with --config."
    }
}
