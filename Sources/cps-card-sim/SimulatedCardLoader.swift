import CardSimulator
import Foundation

/// Makes a card from a profile path, keeping its PIN counter in the state folder when there is
/// one; `latency`, when given, replaces the latency the profile names.
enum SimulatedCardLoader {
    static func card(profile path: String, stateFolder: URL?, latency: CardLatency? = nil) throws -> SimulatedCard {
        var profile = try CardProfile(contentsOf: URL(fileURLWithPath: path))
        if let latency { profile.latency = latency }
        let counter = stateFolder?.appendingPathComponent("\(profile.label).pin-tries")
        return try SimulatedCard(profile: profile, pinCounterFile: counter)
    }
}
