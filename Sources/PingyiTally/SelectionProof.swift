/// The disjunctive Chaum–Pedersen proof that a selection `(α, β)` encrypts 0 or 1 under the joint
/// key `K` (RECORD.md's `{ "c0", "c1", "v0", "v1" }`): for `k` in 0, 1,
/// `a_k = v_k·G − c_k·α`, `b_k = v_k·K − c_k·(β − k·G)`, and `c0 + c1` is the challenge.
public struct SelectionProof: Codable, Sendable, Equatable {
    public let c0: Scalar
    public let c1: Scalar
    public let v0: Scalar
    public let v1: Scalar

    public init(c0: Scalar, c1: Scalar, v0: Scalar, v1: Scalar) {
        self.c0 = c0
        self.c1 = c1
        self.v0 = v0
        self.v1 = v1
    }

    /// The challenge: `Hq("selection"; election_hash, contest id, u32(o), α, β, a0, b0, a1, b1)`.
    static func challenge(
        electionHash: [UInt8], contestID: String, option: Int, alpha: Point, beta: Point, commitments: [Point]
    ) -> Scalar {
        var hash = TallyHash("selection")
        hash.add(electionHash)
        hash.add(contestID)
        hash.add(count: option)
        hash.add(alpha)
        hash.add(beta)
        for point in commitments { hash.add(point) }
        return hash.scalar()
    }

    /// Proves that `(α, β) = (r·G, m·G + r·K)` with `m` 0 or 1.
    static func prove(
        m: Int, r: Scalar, alpha: Point, beta: Point, key: Point, electionHash: [UInt8], contestID: String, option: Int
    ) -> SelectionProof {
        precondition(m == 0 || m == 1)
        let fake = 1 - m
        let fakeC = Scalar.random()
        let fakeV = Scalar.random()
        let shifted = fake == 0 ? beta : beta - Point.generator
        let fakeA = Point.base(fakeV, plus: -fakeC, times: alpha)
        let fakeB = fakeV * key - fakeC * shifted
        let u = Scalar.random()
        let realA = Point.base(u)
        let realB = u * key
        let commitments = m == 0 ? [realA, realB, fakeA, fakeB] : [fakeA, fakeB, realA, realB]
        let c = challenge(
            electionHash: electionHash, contestID: contestID, option: option, alpha: alpha, beta: beta, commitments: commitments)
        let realC = c - fakeC
        let realV = u + realC * r
        return m == 0
            ? SelectionProof(c0: realC, c1: fakeC, v0: realV, v1: fakeV)
            : SelectionProof(c0: fakeC, c1: realC, v0: fakeV, v1: realV)
    }

    /// Whether the proof holds for `(α, β)` under `key`.
    func holds(alpha: Point, beta: Point, key: Point, electionHash: [UInt8], contestID: String, option: Int) -> Bool {
        let a0 = Point.base(v0, plus: -c0, times: alpha)
        let b0 = v0 * key - c0 * beta
        let a1 = Point.base(v1, plus: -c1, times: alpha)
        let b1 = v1 * key - c1 * (beta - Point.generator)
        let c = Self.challenge(
            electionHash: electionHash, contestID: contestID, option: option, alpha: alpha, beta: beta, commitments: [a0, b0, a1, b1])
        return c0 + c1 == c
    }
}
