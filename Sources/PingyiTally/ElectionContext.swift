/// Everything a ballot is encrypted and a count decrypted against: the manifest, the ceremony,
/// the joint key and the election hash bound into every proof, each trustee's public share.
public struct ElectionContext: Sendable {
    public let manifest: Manifest
    public let ceremony: Ceremony
    public let manifestHash: [UInt8]
    public let ceremonyHash: [UInt8]
    public let jointKey: Point
    /// `H("election"; ceremony_hash, joint_key)`.
    public let electionHash: [UInt8]
    /// `K_i` by trustee index.
    public let publicShares: [Int: Point]
    /// Each contest's position in the manifest, by id.
    public let positions: [String: Int]
    /// Every target (chief or department) the manifest has a contest of.
    public let targets: Set<String>

    /// Refuses a ceremony whose proofs do not hold for this manifest.
    public init(manifest: Manifest, ceremony: Ceremony) throws {
        let manifestHash = manifest.hash
        guard ceremony.holds(manifestHash: manifestHash) else { throw TallyError.ceremonyInvalid }
        self.manifest = manifest
        self.ceremony = ceremony
        self.manifestHash = manifestHash
        ceremonyHash = ceremony.hash(manifestHash: manifestHash)
        jointKey = ceremony.jointKey
        electionHash = TallyHash.digest("election", [ceremonyHash, jointKey.bytes])
        publicShares = Dictionary(uniqueKeysWithValues: ceremony.trustees.map { ($0.index, ceremony.publicShare(of: $0.index)) })
        positions = manifest.positions
        targets = Set(manifest.contests.map(\.target))
    }
}
