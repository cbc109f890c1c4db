/// A non-interactive proof with one challenge and one response (RECORD.md's `{ "c", "v" }`):
/// the Schnorr proofs of the ceremony's coefficients, the contest proofs (a vector holds exactly
/// one 1) and the decryption shares' proofs (Chaum–Pedersen: two discrete logarithms are equal).
public struct ChaumPedersenProof: Codable, Sendable, Equatable {
    public let c: Scalar
    public let v: Scalar

    public init(c: Scalar, v: Scalar) {
        self.c = c
        self.v = v
    }

    /// Proves knowledge of `x` with `X = x·G` and `Y = x·base` (for a Schnorr proof, no `base`).
    /// `challenge` hashes the commitments `a = u·G` (and `b = u·base`).
    static func prove(secret x: Scalar, base: Point?, challenge: (Point, Point?) -> Scalar) -> ChaumPedersenProof {
        let u = Scalar.random()
        let a = Point.base(u)
        let b = base.map { u * $0 }
        let c = challenge(a, b)
        return ChaumPedersenProof(c: c, v: u + c * x)
    }

    /// The commitments a proof implies: `a = v·G − c·X`, and `b = v·base − c·Y` when there is a
    /// `base`. The proof holds when the challenge of these equals `c`.
    func commitments(x: Point, base: Point?, y: Point?) -> (Point, Point?) {
        let a = Point.base(v, plus: -c, times: x)
        guard let base, let y else { return (a, nil) }
        return (a, v * base - c * y)
    }
}
