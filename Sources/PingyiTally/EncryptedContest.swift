/// A contest of an encrypted ballot: one selection per option, and the proof that exactly one of
/// them encrypts 1 (`Hq("contest"; election_hash, id, A, B, a, b)`, `A`, `B` the sums).
public struct EncryptedContest: Codable, Sendable, Equatable {
    public let id: String
    public let selections: [EncryptedSelection]
    public let proof: ChaumPedersenProof

    static func challenge(electionHash: [UInt8], id: String, alpha: Point, beta: Point, a: Point, b: Point) -> Scalar {
        var hash = TallyHash("contest")
        hash.add(electionHash)
        hash.add(id)
        hash.add(alpha)
        hash.add(beta)
        hash.add(a)
        hash.add(b)
        return hash.scalar()
    }

    /// Encrypts the choice of `option` among `count` options, with its proofs.
    static func encrypt(id: String, option chosen: Int, count: Int, context: ElectionContext) -> EncryptedContest {
        let key = context.jointKey
        var selections: [EncryptedSelection] = []
        var nonces: [Scalar] = []
        for option in 0..<count {
            let r = Scalar.random()
            let m = option == chosen ? 1 : 0
            let alpha = Point.base(r)
            let beta = m == 1 ? Point.base(.one, plus: r, times: key) : r * key
            let proof = SelectionProof.prove(
                m: m, r: r, alpha: alpha, beta: beta, key: key, electionHash: context.electionHash, contestID: id, option: option)
            selections.append(EncryptedSelection(alpha: alpha, beta: beta, proof: proof))
            nonces.append(r)
        }
        let total = nonces.reduce(Scalar.zero, +)
        let sumAlpha = Point.sum(selections.map(\.alpha))
        let sumBeta = Point.sum(selections.map(\.beta))
        let proof = ChaumPedersenProof.prove(secret: total, base: key) { a, b in
            challenge(electionHash: context.electionHash, id: id, alpha: sumAlpha, beta: sumBeta, a: a, b: b!)
        }
        return EncryptedContest(id: id, selections: selections, proof: proof)
    }

    /// Whether every selection's proof and the contest's proof hold.
    func holds(context: ElectionContext) -> Bool {
        guard let position = context.positions[id], context.manifest.contests[position].options.count == selections.count else {
            return false
        }
        let key = context.jointKey
        for (option, selection) in selections.enumerated() {
            guard
                selection.proof.holds(
                    alpha: selection.alpha, beta: selection.beta, key: key, electionHash: context.electionHash, contestID: id,
                    option: option)
            else { return false }
        }
        let sumAlpha = Point.sum(selections.map(\.alpha))
        let sumBeta = Point.sum(selections.map(\.beta))
        let (a, b) = proof.commitments(x: sumAlpha, base: key, y: sumBeta - Point.generator)
        return proof.c == Self.challenge(electionHash: context.electionHash, id: id, alpha: sumAlpha, beta: sumBeta, a: a, b: b!)
    }
}
