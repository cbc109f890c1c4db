/// The product (in additive terms, the sum) of every counted ciphertext of a contest, option by
/// option: `A = Σ α`, `B = Σ β`. Only these are ever decrypted.
public struct Aggregate: Sendable {
    public let id: String
    public let ballots: Int
    public let alphas: [Point]
    public let betas: [Point]

    /// Each manifest contest's aggregate over `ballots`, in manifest order (a contest no ballot
    /// holds aggregates to `O`).
    public static func of(_ ballots: [EncryptedBallot], context: ElectionContext) -> [Aggregate] {
        var counts = [Int](repeating: 0, count: context.manifest.contests.count)
        var alphas = context.manifest.contests.map { [[Point]](repeating: [], count: $0.options.count) }
        var betas = alphas
        for ballot in ballots {
            for contest in ballot.contests {
                guard let position = context.positions[contest.id] else { continue }
                counts[position] += 1
                for (option, selection) in contest.selections.enumerated() where option < alphas[position].count {
                    alphas[position][option].append(selection.alpha)
                    betas[position][option].append(selection.beta)
                }
            }
        }
        return context.manifest.contests.enumerated().map { position, contest in
            Aggregate(
                id: contest.id, ballots: counts[position], alphas: alphas[position].map { Point.sum($0) },
                betas: betas[position].map { Point.sum($0) })
        }
    }
}
