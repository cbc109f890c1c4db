import Foundation
import PingyiCore
import PingyiPostgres
import PingyiTally
import Synchronization

/// The joint count's manifest and ceremony of a campaign, read and checked once per process:
/// they never change after the campaign opens, so they are kept by their SHA-256 (the
/// campaign's `jointTally`). Bounded as `TemplateCache` is.
enum JointContextCache {
    static let capacity = 16
    private static let contexts = Mutex<[String: ElectionContext]>([:])

    /// The stored manifest and ceremony, as JSON.
    struct Stored: Codable {
        let manifest: Manifest
        let ceremony: Ceremony
    }

    /// `campaign`'s context: from the cache, else read from its row and checked.
    static func context(for campaign: Campaign, on connection: Connection) throws -> ElectionContext {
        guard let sha256 = campaign.jointTally else { throw CampaignError.notJoint(campaign.id) }
        if let cached = contexts.withLock({ $0[sha256] }) { return cached }
        let text: String = try connection.query("SELECT tally::text AS tally FROM campaigns WHERE id = \(campaign.id)")[0].decode("tally")
        let stored = try JSONDecoder().decode(Stored.self, from: Data(text.utf8))
        let context = try ElectionContext(manifest: stored.manifest, ceremony: stored.ceremony)
        keep(context, sha256: sha256)
        return context
    }

    static func keep(_ context: ElectionContext, sha256: String) {
        contexts.withLock { contexts in
            if contexts.count >= capacity { contexts.removeAll() }
            contexts[sha256] = context
        }
    }
}
