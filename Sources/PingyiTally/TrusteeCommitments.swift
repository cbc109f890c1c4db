/// What a trustee publishes at the key ceremony: the commitments `C(j,l) = a(j,l)·G` to its
/// polynomial's coefficients, each with a Schnorr proof of knowledge.
public struct TrusteeCommitments: Codable, Sendable, Equatable {
    public let index: Int
    public let name: String
    public let commitments: [Point]
    public let proofs: [ChaumPedersenProof]

    /// `Hq("coefficient"; ceremony_hash, u32(j), u32(l), C, h)`.
    static func challenge(ceremonyHash: [UInt8], index: Int, coefficient: Int, commitment: Point, h: Point) -> Scalar {
        var hash = TallyHash("coefficient")
        hash.add(ceremonyHash)
        hash.add(count: index)
        hash.add(count: coefficient)
        hash.add(commitment)
        hash.add(h)
        return hash.scalar()
    }

    /// Whether every coefficient's proof holds, and there are `quorum` of them.
    public func holds(ceremonyHash: [UInt8], quorum: Int) -> Bool {
        guard commitments.count == quorum, proofs.count == quorum else { return false }
        for (l, (commitment, proof)) in zip(commitments, proofs).enumerated() {
            let (h, _) = proof.commitments(x: commitment, base: nil, y: nil)
            let c = Self.challenge(ceremonyHash: ceremonyHash, index: index, coefficient: l, commitment: commitment, h: h)
            guard c == proof.c else { return false }
        }
        return true
    }

    /// `Σ_l i^l · C(j,l)`: this trustee's part of trustee `i`'s public share.
    func evaluate(at i: Int) -> Point {
        var power = Scalar.one
        var terms: [Point] = []
        let x = Scalar(i)
        for commitment in commitments {
            terms.append(power * commitment)
            power = power * x
        }
        return Point.sum(terms)
    }
}
