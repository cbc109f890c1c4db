import Foundation

/// The published record of a counted campaign (docs/RECORD.md, `pingyi-record-v1`): manifest,
/// ceremony, joint key, every encrypted ballot with its proofs and code in the chain's order,
/// the tally with its decryption shares and totals, and how many texts were counted. No
/// invitation, time or id.
public struct TallyRecord: Codable, Sendable {
    public static let format = "pingyi-record-v1"

    public let format: String
    public let group: String
    public let manifest: Manifest
    public let manifestHash: String
    public let ceremony: Ceremony
    public let ceremonyHash: String
    public let jointKey: Point
    public let electionHash: String
    public let ballots: [EncryptedBallot]
    public let chainEnd: String
    public let tally: [ContestTally]
    public let texts: TextCount

    /// How many sealed texts were counted; the texts themselves are not in the record.
    public struct TextCount: Codable, Sendable {
        public let count: Int
    }

    public init(context: ElectionContext, ballots: [EncryptedBallot], tally: [ContestTally], texts: Int) {
        format = Self.format
        group = "P-256"
        manifest = context.manifest
        manifestHash = Hex.encode(context.manifestHash)
        ceremony = context.ceremony
        ceremonyHash = Hex.encode(context.ceremonyHash)
        jointKey = context.jointKey
        electionHash = Hex.encode(context.electionHash)
        self.ballots = ballots
        chainEnd = Hex.encode(ballots.last?.code ?? TrackingCode.start(electionHash: context.electionHash))
        self.tally = tally
        self.texts = TextCount(count: texts)
    }

    enum CodingKeys: String, CodingKey {
        case format, group, manifest, ceremony, ballots, tally, texts
        case manifestHash = "manifest_hash"
        case ceremonyHash = "ceremony_hash"
        case jointKey = "joint_key"
        case electionHash = "election_hash"
        case chainEnd = "chain_end"
    }

    /// The record as JSON, keys in a stable order.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
