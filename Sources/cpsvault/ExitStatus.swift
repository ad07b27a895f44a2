import ArgumentParser
import CPSCard
import Foundation
import PCSC
import PKCS11
import VaultAgent
import VaultCore
import VaultCrypto
import VaultStore

/// The exit statuses of `cpsvault`, in one place: each error type maps to a documented number,
/// and the message printed says what happened and what to do.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case pcscUnavailable = 10
    case noReader = 11
    case noCard = 12
    case cardRemoved = 13
    case unsupportedCard = 14
    case cardFailure = 15
    case noAgent = 16
    case contactlessInterface = 17
    case moduleCannotPerform = 18
    case pkcs11Module = 19
    case wrongPIN = 20
    case pinBlocked = 21
    case lastTryRefused = 22
    case pinUnreadable = 23
    case certificateUntrusted = 30
    case certificateExpired = 31
    case certificateRevoked = 32
    case revocationUnknown = 33
    case keyUsage = 34
    case cardNotAuthentic = 35
    case auditTampered = 40
    case keyDoesNotOpen = 41
    case noVault = 50
    case vaultExists = 51
    case notEnrolled = 52
    case notAnAdmin = 53
    case accessDenied = 54
    case notFound = 55
    case duplicate = 56
    case secondAdministratorNeeded = 57
    case keyStillNeeded = 58
    case storage = 60
    case badInput = 65
    case exportIncomplete = 66
    case trustPartlyRefreshed = 70
    case trustNotRefreshed = 71
    case configuration = 78

    /// The status for an error thrown by any layer.
    init(for error: any Error) {
        switch error {
        case let error as PCSCError: self.init(error)
        case let error as CPSCardError: self.init(error)
        case let error as PKCS11Error: self.init(error)
        case let error as CertificateRejection: self.init(error)
        case let error as VaultError: self.init(error)
        case let error as ExportError: self.init(error)
        case let failure as AgentFailure: self = ExitStatus(rawValue: failure.status) ?? .failure
        case let error as AgentError: self.init(error)
        case let error as VaultStoreError: self.init(error)
        case let error as TrustError: self.init(error)
        case is ConfigurationError: self = .configuration
        case is CryptoError: self = .configuration
        default: self = .failure
        }
    }

    private init(_ error: PCSCError) {
        switch error {
        case .serviceUnavailable: self = .pcscUnavailable
        case .noReaders, .readerNotFound, .readerUnavailable: self = .noReader
        case .noCard: self = .noCard
        case .cardRemoved, .cardReset: self = .cardRemoved
        case .unresponsiveCard, .unsupportedCard: self = .unsupportedCard
        default: self = .cardFailure
        }
    }

    private init(_ error: CPSCardError) {
        switch error {
        case .cardNotRecognised: self = .unsupportedCard
        case .contactlessInterface: self = .contactlessInterface
        case .noReaderWithCard: self = .noCard
        case .severalCards, .readerIndexOutOfRange: self = .noReader
        case .malformedPIN, .pinUnreadable, .newPINLength, .newPINMismatch: self = .pinUnreadable
        case .wrongPIN: self = .wrongPIN
        case .pinBlocked: self = .pinBlocked
        case .lastTryRefused: self = .lastTryRefused
        case .certificateRejected(let rejection): self.init(rejection)
        case .challengeNotSigned: self = .cardNotAuthentic
        case .cardRefused, .malformedCardData, .missingCardObject: self = .cardFailure
        case .noTrustAnchors: self = .configuration
        case .noToken: self = .noCard
        case .moduleCannotPerform: self = .moduleCannotPerform
        }
    }

    private init(_ error: PKCS11Error) {
        switch error {
        case .moduleNotFound, .notAModule, .initializationFailed: self = .pkcs11Module
        case .sessionClosed: self = .cardRemoved
        case .callFailed: self = .cardFailure
        }
    }

    private init(_ error: VaultError) {
        switch error {
        case .keyDoesNotOpen: self = .keyDoesNotOpen
        case .notInitialized: self = .noVault
        case .alreadyInitialized, .alreadyEnrolled: self = .vaultExists
        case .notEnrolled: self = .notEnrolled
        case .notAnAdmin: self = .notAnAdmin
        case .accessDenied: self = .accessDenied
        case .noSuchPatient, .noSuchRecord, .noSuchTeam, .noSuchAuditEntry, .noSignedTreeHead: self = .notFound
        case .duplicatePatient: self = .duplicate
        case .sessionEnded: self = .cardRemoved
        case .malformedIdentity, .malformedContentType, .malformedIdentifier: self = .badInput
        case .recordTampered, .tampered: self = .auditTampered
        case .secondAdministratorNeeded: self = .secondAdministratorNeeded
        case .vaultKeyInUse, .currentVaultKey, .lastAdministrator, .tooFewAdministrators: self = .keyStillNeeded
        case .noRecoveryCertificate, .wrongRecoveryKey: self = .keyDoesNotOpen
        case .changedMeanwhile: self = .storage
        }
    }

    private init(_ error: ExportError) {
        switch error {
        case .invalidStudy, .thresholdTooLow: self = .badInput
        case .contentChanged, .recordTooLarge, .outputFailed, .outputExists, .outputRefused: self = .exportIncomplete
        }
    }

    private init(_ error: TrustError) {
        switch error {
        case .endEntityCertificate: self = .badInput
        case .noCertificateAuthorities, .noTrustFile, .folderUnusable: self = .configuration
        }
    }

    private init(_ error: VaultStoreError) {
        switch error {
        case .exposed, .unsafeFolder, .notAFile, .empty: self = .configuration
        default: self = .storage
        }
    }

    private init(_ error: AgentError) {
        switch error {
        case .noAgent, .otherOwner, .alreadyRunning, .alreadyServing, .otherVault: self = .noAgent
        case .unsafeFolder, .socketPathTooLong, .noSocketPath: self = .configuration
        case .connectionLost, .unknownFrameKind, .oversizedFrame, .truncatedFrame, .unsupportedVersion, .unknownRequest,
             .protocolViolation, .system: self = .failure
        }
    }

    private init(_ rejection: CertificateRejection) {
        switch rejection {
        case .untrustedIssuer, .invalidSignature, .invalidChain: self = .certificateUntrusted
        case .expired, .notYetValid: self = .certificateExpired
        case .revoked: self = .certificateRevoked
        case .revocationUnknown: self = .revocationUnknown
        case .missingKeyUsage: self = .keyUsage
        }
    }

    private var meaning: String {
        switch self {
        case .success: "success"
        case .failure: "any other failure"
        case .pcscUnavailable: "pcscd is not running"
        case .noReader: "no such reader, or the reader is ambiguous"
        case .noCard: "no card in the reader"
        case .cardRemoved: "the card was removed or reset during the command"
        case .unsupportedCard: "not a CPS card: unknown ATR, and it answered neither as a CPS3 nor as a CPS4"
        case .cardFailure: "the card refused a command or answered malformed data"
        case .contactlessInterface: "a CPS3 read through its contactless interface: use the contact slot"
        case .moduleCannotPerform: "the PKCS#11 module cannot do this operation with this card (nothing written): the message says what to use"
        case .pkcs11Module: "the PKCS#11 module named does not exist, is not a PKCS#11 module, or failed to start"
        case .noAgent: "no cpsvault agent answers for this vault at the socket named (or one already does, for agent start)"
        case .wrongPIN: "wrong PIN (not retried)"
        case .pinBlocked: "PIN blocked"
        case .lastTryRefused: "one PIN try left: refused without --force-last-try"
        case .pinUnreadable: "the PIN could not be read, is not 4 to 8 digits, or (change-pin) the new PIN is refused before sending"
        case .certificateUntrusted: "certificate not issued under a trust anchor"
        case .certificateExpired: "certificate expired or not yet valid"
        case .certificateRevoked: "certificate revoked"
        case .revocationUnknown: "no current CRL to check revocation"
        case .keyUsage: "certificate without the key usage the vault needs"
        case .cardNotAuthentic: "the card's key does not match its certificate"
        case .auditTampered: "the audit log or a record failed verification: the vault was tampered with"
        case .keyDoesNotOpen: "a sealed key does not open with this card"
        case .noVault: "no vault at that path"
        case .vaultExists: "the vault or the enrolment already exists"
        case .notEnrolled: "the card holder is not enrolled"
        case .notAnAdmin: "the card holder is not an administrator"
        case .accessDenied: "refused by the access policy (audited)"
        case .notFound: "no such patient, record or care team among those you may open"
        case .duplicate: "a patient with this INS already exists"
        case .secondAdministratorNeeded: "the vault's two-person rule needs a second administrator's card"
        case .keyStillNeeded: "the key is still needed: in use, current, or held by no other administrator"
        case .storage: "the vault database failed (corrupt, full disk, unreadable)"
        case .badInput: "the input is malformed (an identity, a content type, or a patient, record or team id that is not 32 hexadecimal digits)"
        case .exportIncomplete: "an export or output file stopped (dossier changed, output unwritable) or refused (exists without --force, a folder): no new file under that name"
        case .trustPartlyRefreshed: "trust refresh: some CRLs could not be fetched or did not verify; the ones installed before were kept"
        case .trustNotRefreshed: "trust refresh: no CRL could be fetched and verified; the ones installed before were kept"
        case .configuration: "configuration or trust files missing, unreadable or malformed; the vault's or agent's place unsafe or not a vault file"
        }
    }

    /// The table printed in `cpsvault --help`.
    static var table: String {
        "Exit statuses:\n" + allCases.map { "  \($0.rawValue)\t\($0.meaning)" }.joined(separator: "\n")
    }

    /// Runs a command body; on error prints the error's message and exits with its status.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            let status = ExitStatus(for: error)
            // Messages carry paths and identifiers as given: their control characters are escaped.
            Output.note("\(error)")
            throw ExitCode(status.rawValue)
        }
    }
}
