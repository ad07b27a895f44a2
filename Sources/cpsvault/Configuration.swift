import CPSCard
import Foundation
import VaultCore

/// The `cpsvault` configuration file: which trust material validates card certificates, and
/// which PKCS#11 module reaches the card when PC/SC is not to be used. Relative paths are
/// relative to the file.
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
    /// The folder `cpsvault trust refresh` installs CRLs in and card validation reads, besides
    /// `crls`; nil for the default, `$XDG_DATA_HOME/cpsvault/crls` or `~/.local/share/cpsvault/crls`.
    var crlDirectory: String?

    /// The CRL folder: `crlDirectory`, else the default.
    var revocationListFolder: RevocationListFolder {
        let environment = ProcessInfo.processInfo.environment
        let data = environment["XDG_DATA_HOME"] ?? "\(NSHomeDirectory())/.local/share"
        return RevocationListFolder(path: crlDirectory ?? "\(data)/cpsvault/crls")
    }

    /// The PKCS#11 module (a card middleware's shared library) card commands reach the card
    /// through, when the configuration names one; `--pkcs11-module` overrides it.
    var pkcs11Module: String?

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
        } catch let error as ConfigurationKeyError {
            throw ConfigurationError(path: path, reason: error.description)
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw ConfigurationError(path: path, reason: "\"\(context.codingPath[0].stringValue)\" has the wrong type (a list of file names, or a string for \"vault\", \"crlDirectory\" and \"pkcs11Module\")")
        } catch DecodingError.dataCorrupted {
            throw ConfigurationError(path: path, reason: "it is not valid JSON")
        } catch {
            throw ConfigurationError(path: path, reason: "it is not a JSON object")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func absolute(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
        }
        configuration.trustAnchors = configuration.trustAnchors.map(absolute)
        configuration.intermediates = configuration.intermediates.map(absolute)
        configuration.crls = configuration.crls.map(absolute)
        configuration.restitutionRecipients = configuration.restitutionRecipients.map(absolute)
        configuration.crlDirectory = configuration.crlDirectory.map(absolute)
        configuration.pkcs11Module = configuration.pkcs11Module.map(absolute)
        configuration.vault = try configuration.vault.map { vault in
            if case .server = try VaultLocation(vault) { return vault }
            return absolute(vault)
        }
        return configuration
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case trustAnchors, intermediates, crls, restitutionRecipients, vault, crlDirectory, pkcs11Module
    }

    init() {}

    /// Decodes the known keys; an unknown one (a misspelt key would otherwise be ignored, and
    /// its setting silently lost) is refused, naming the closest known key.
    init(from decoder: any Decoder) throws {
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where CodingKeys(stringValue: key.stringValue) == nil {
            let closest = ClosestName.to(key.stringValue, among: CodingKeys.allCases.map(\.stringValue)) ?? ""
            throw ConfigurationKeyError(key: key.stringValue, closest: closest)
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trustAnchors = try container.decodeIfPresent([String].self, forKey: .trustAnchors) ?? []
        intermediates = try container.decodeIfPresent([String].self, forKey: .intermediates) ?? []
        crls = try container.decodeIfPresent([String].self, forKey: .crls) ?? []
        restitutionRecipients = try container.decodeIfPresent([String].self, forKey: .restitutionRecipients) ?? []
        vault = try container.decodeIfPresent(String.self, forKey: .vault)
        crlDirectory = try container.decodeIfPresent(String.self, forKey: .crlDirectory)
        pkcs11Module = try container.decodeIfPresent(String.self, forKey: .pkcs11Module)
    }

    /// Any key of a JSON object, to find those the configuration does not know.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A configuration key that is not one of the known keys.
private struct ConfigurationKeyError: Error, CustomStringConvertible {
    var key: String
    var closest: String
    var description: String { "\"\(key)\" is not a configuration key (did you mean \"\(closest)\"?)" }
}

/// A configuration file that cannot be used: missing, unreadable, not JSON, or with an unknown
/// key or a value of the wrong type (exit status 78).
struct ConfigurationError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String {
        "The configuration \(path) cannot be used: \(reason). Fix it, or name another with --config."
    }
}
