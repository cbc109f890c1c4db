/// The key ceremony: `n` trustees, any `k` of whom can decrypt (2 ≤ k ≤ n ≤ 16: no single unit
/// can; the single-key mode is the sealed box, not a ceremony of one). Each trustee's polynomial is made,
/// committed and proven; trustee `i`'s share is the sum of every polynomial at `i`. The
/// polynomials are gone when it returns: what remains is the public `Ceremony` and one
/// `TrusteeShare` per trustee, to be written to that trustee's own file.
public enum KeyCeremony {
    public static func run(manifest: Manifest, trustees names: [String], quorum: Int) throws -> (Ceremony, [TrusteeShare]) {
        // The point is that no single unit can count: two trustees at least, two needed at least.
        guard names.count >= 2, names.count <= 16 else { throw TallyError.trusteeCount(names.count) }
        guard quorum >= 2, quorum <= names.count else { throw TallyError.quorum(quorum, trustees: names.count) }
        guard Set(names).count == names.count, names.allSatisfy({ !$0.isEmpty }) else { throw TallyError.trusteeNames }
        let ceremonyHash = Ceremony.hash(
            manifestHash: manifest.hash, trustees: names.enumerated().map { ($0.offset + 1, $0.element) }, quorum: quorum)
        let polynomials = names.map { _ in TrusteePolynomial(quorum: quorum) }
        let commitments = zip(names, polynomials).enumerated().map { offset, pair in
            pair.1.commitments(index: offset + 1, name: pair.0, ceremonyHash: ceremonyHash)
        }
        let shares = names.enumerated().map { offset, name in
            let index = offset + 1
            let secret = polynomials.reduce(Scalar.zero) { $0 + $1.value(at: index) }
            return TrusteeShare(campaign: manifest.campaign, ceremonyHash: ceremonyHash, index: index, name: name, secret: secret)
        }
        return (Ceremony(quorum: quorum, trustees: commitments), shares)
    }
}
