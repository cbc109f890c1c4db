import Foundation

/// Joint decryption of the aggregates: each trustee present gives its decryption shares (made
/// from its share file), every share's proof is checked against the ceremony, the shares of the
/// trustees present are combined with Lagrange coefficients at 0, and each small total is found
/// by baby-step giant-step. Nothing but the aggregates is ever decrypted.
public enum TallyDecryptor {
    /// Trustee `share`'s decryption shares of every aggregate, contest by contest, option by
    /// option. Refuses, naming the trustee, a share that is not this ceremony's.
    public static func shares(
        of aggregates: [Aggregate], by share: TrusteeShare, context: ElectionContext
    ) throws
        -> [[DecryptionShare]]
    {
        try share.check(against: context)
        return concurrentMap(aggregates) { aggregate in
            zip(aggregate.alphas, aggregate.betas).map { share.decrypt(alpha: $0, beta: $1, context: context) }
        }
    }

    /// `λ_i = Π_{j≠i} j / (j − i)` for the trustees present.
    static func lagrange(_ indexes: [Int]) -> [Int: Scalar] {
        var coefficients: [Int: Scalar] = [:]
        for i in indexes {
            var numerator = Scalar.one
            var denominator = Scalar.one
            for j in indexes where j != i {
                numerator = numerator * Scalar(j)
                denominator = denominator * Scalar(j - i)
            }
            coefficients[i] = numerator * denominator.inverse!
        }
        return coefficients
    }

    /// The tally: checks every trustee's shares, combines those of the trustees present (at least
    /// the quorum) and recovers each total.
    public static func combine(
        aggregates: [Aggregate], shares: [Int: [[DecryptionShare]]], context: ElectionContext
    ) throws
        -> [ContestTally]
    {
        let present = shares.keys.sorted()
        guard present.count >= context.ceremony.quorum else {
            throw TallyError.quorumNotMet(present: present.count, quorum: context.ceremony.quorum)
        }
        for index in present {
            let name = context.ceremony.trustee(index)?.name ?? "#\(index)"
            guard context.publicShares[index] != nil else { throw TallyError.unknownTrustee(trustee: name) }
            let given = shares[index]!
            guard given.count == aggregates.count,
                zip(given, aggregates).allSatisfy({ $0.count == $1.alphas.count && $0.allSatisfy { $0.trustee == index } })
            else { throw TallyError.sharesIncomplete(trustee: name) }
            let holds = concurrentMap(Array(zip(given, aggregates))) { pair in
                zip(pair.0, zip(pair.1.alphas, pair.1.betas)).allSatisfy { $0.holds(alpha: $1.0, beta: $1.1, context: context) }
            }
            guard holds.allSatisfy({ $0 }) else { throw TallyError.shareProofFailed(trustee: name) }
        }
        let lambda = lagrange(present)
        let bound = aggregates.map(\.ballots).max() ?? 0
        let log = DiscreteLog(bound: bound)
        let results = concurrentMap(Array(aggregates.enumerated())) { position, aggregate -> ContestTally? in
            var selections: [TallySelection] = []
            for option in aggregate.alphas.indices {
                let optionShares = present.map { shares[$0]![position][option] }
                let combined = Point.sum(optionShares.map { lambda[$0.trustee]! * $0.share })
                guard let total = log.solve(aggregate.betas[option] - combined, bound: aggregate.ballots) else { return nil }
                selections.append(
                    TallySelection(alpha: aggregate.alphas[option], beta: aggregate.betas[option], total: total, shares: optionShares))
            }
            return ContestTally(id: aggregate.id, ballots: aggregate.ballots, selections: selections)
        }
        return try zip(results, aggregates).map { result, aggregate in
            guard let result else { throw TallyError.totalNotFound(contest: aggregate.id) }
            guard result.totals.reduce(0, +) == aggregate.ballots else { throw TallyError.totalNotFound(contest: aggregate.id) }
            return result
        }
    }
}

/// `transform` over `items` on every core, results in order.
func concurrentMap<T: Sendable, U>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
    let lanes = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(items.count, 1))
    if lanes == 1 || items.count < 64 { return items.map(transform) }
    var results = [U?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = UnsafeMutableBufferPointerBox(buffer)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            while index < items.count {
                out.buffer[index] = transform(items[index])
                index += lanes
            }
        }
    }
    return results.map { $0! }
}

/// Lanes write disjoint indexes of one buffer.
private struct UnsafeMutableBufferPointerBox<U>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<U?>
    init(_ buffer: UnsafeMutableBufferPointer<U?>) { self.buffer = buffer }
}
