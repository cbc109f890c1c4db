/// A trustee's secret polynomial of the key ceremony, `P(x) = a0 + a1·x + … + a(k−1)·x^(k−1)`:
/// `a0` is its part of the joint secret, its values at the other trustees' indexes their parts of
/// their shares. It exists only while the ceremony runs.
struct TrusteePolynomial {
    let coefficients: [Scalar]

    init(quorum: Int) {
        coefficients = (0..<quorum).map { _ in Scalar.random() }
    }

    /// `P(x)`, by Horner's rule.
    func value(at x: Int) -> Scalar {
        let point = Scalar(x)
        var result = Scalar.zero
        for coefficient in coefficients.reversed() { result = result * point + coefficient }
        return result
    }

    /// The published commitments with their Schnorr proofs.
    func commitments(index: Int, name: String, ceremonyHash: [UInt8]) -> TrusteeCommitments {
        var points: [Point] = []
        var proofs: [ChaumPedersenProof] = []
        for (l, coefficient) in coefficients.enumerated() {
            let commitment = Point.base(coefficient)
            points.append(commitment)
            proofs.append(
                ChaumPedersenProof.prove(secret: coefficient, base: nil) { h, _ in
                    TrusteeCommitments.challenge(ceremonyHash: ceremonyHash, index: index, coefficient: l, commitment: commitment, h: h)
                })
        }
        return TrusteeCommitments(index: index, name: name, commitments: points, proofs: proofs)
    }
}
