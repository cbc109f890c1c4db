/// A trustee's share of the decryption of an aggregate `(A, B)`: `M_i = s_i·A` with the
/// Chaum–Pedersen proof that `log_G K_i = log_A M_i`.
public struct DecryptionShare: Codable, Sendable, Equatable {
    public let trustee: Int
    public let share: Point
    public let proof: ChaumPedersenProof

    /// `Hq("share"; election_hash, u32(i), K_i, A, B, M_i, a, b)`.
    static func challenge(
        electionHash: [UInt8], trustee: Int, publicShare: Point, alpha: Point, beta: Point, share: Point, a: Point, b: Point
    ) -> Scalar {
        var hash = TallyHash("share")
        hash.add(electionHash)
        hash.add(count: trustee)
        hash.add(publicShare)
        hash.add(alpha)
        hash.add(beta)
        hash.add(share)
        hash.add(a)
        hash.add(b)
        return hash.scalar()
    }

    /// Whether the proof holds against the ceremony's public share of `trustee`.
    public func holds(alpha: Point, beta: Point, context: ElectionContext) -> Bool {
        guard let publicShare = context.publicShares[trustee] else { return false }
        let (a, b) = proof.commitments(x: publicShare, base: alpha, y: share)
        return proof.c
            == Self.challenge(
                electionHash: context.electionHash, trustee: trustee, publicShare: publicShare, alpha: alpha, beta: beta, share: share,
                a: a, b: b!)
    }
}
