/// The public outcome of a key ceremony (RECORD.md's `ceremony`): the quorum `k` and every
/// trustee's commitments. The joint key and each trustee's public share follow from it.
public struct Ceremony: Codable, Sendable, Equatable {
    public let quorum: Int
    public let trustees: [TrusteeCommitments]

    /// `H("ceremony"; manifest_hash, u32(n), u32(k), for each trustee by index: u32(index), name)`:
    /// the trustees' names are bound into every proof.
    public static func hash(manifestHash: [UInt8], trustees: [(index: Int, name: String)], quorum: Int) -> [UInt8] {
        var hash = TallyHash("ceremony")
        hash.add(manifestHash)
        hash.add(count: trustees.count)
        hash.add(count: quorum)
        for trustee in trustees.sorted(by: { $0.index < $1.index }) {
            hash.add(count: trustee.index)
            hash.add(trustee.name)
        }
        return hash.digest()
    }

    public func hash(manifestHash: [UInt8]) -> [UInt8] {
        Self.hash(manifestHash: manifestHash, trustees: trustees.map { ($0.index, $0.name) }, quorum: quorum)
    }

    /// `K = Σ_j C(j,0)`.
    public var jointKey: Point { Point.sum(trustees.map { $0.commitments[0] }) }

    /// `K_i = Σ_j Σ_l i^l·C(j,l)`: what trustee `i`'s share times `G` must be.
    public func publicShare(of i: Int) -> Point { Point.sum(trustees.map { $0.evaluate(at: i) }) }

    /// The trustee numbered `index`, if there is one.
    public func trustee(_ index: Int) -> TrusteeCommitments? { trustees.first { $0.index == index } }

    /// Whether the ceremony is well formed and every proof holds.
    public func holds(manifestHash: [UInt8]) -> Bool {
        let indexes = trustees.map(\.index)
        guard quorum >= 1, quorum <= trustees.count, Set(indexes) == Set(1...trustees.count),
            trustees.allSatisfy({ $0.commitments.allSatisfy { !$0.isInfinity } }), !jointKey.isInfinity
        else { return false }
        let ceremonyHash = hash(manifestHash: manifestHash)
        return trustees.allSatisfy { $0.holds(ceremonyHash: ceremonyHash, quorum: quorum) }
    }
}
