import CardSimulator
import Foundation

/// Makes a card from a profile path, keeping its PIN counter in the state folder when there is one.
enum SimulatedCardLoader {
    static func card(profile path: String, stateFolder: URL?) throws -> SimulatedCard {
        let profile = try CardProfile(contentsOf: URL(fileURLWithPath: path))
        let counter = stateFolder?.appendingPathComponent("\(profile.label).pin-tries")
        return try SimulatedCard(profile: profile, pinCounterFile: counter)
    }
}
