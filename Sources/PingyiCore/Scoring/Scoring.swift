import Foundation

/// The scoring engine: pure functions from a `ScoringInput` to one `ChiefScore` per chief.
/// Every number is the policy's; every flag carries its evidence.
public enum Scoring {
    /// Scores every chief of the input, ordered by rank (unranked last, then by department and
    /// employee number).
    public static func score(_ input: ScoringInput) -> [ChiefScore] {
        let policy = input.policy
        var scores = input.tallies.map { tally in baseScore(tally, input: input) }

        // Rank the chiefs with enough valid answers by composite, ties sharing a rank.
        let ranked = scores.indices.filter { !scores[$0].insufficientData && scores[$0].composite != nil }
        assignRanks(ranked, in: &scores, to: \.rank)
        // Each department's chiefs in one pass (filtering the ranked chiefs once per department
        // was a fifth of scoring a province's 1,500 departments).
        let byDepartment = Dictionary(grouping: ranked) { scores[$0].departmentCode }
        for chiefs in byDepartment.values {
            assignRanks(chiefs, in: &scores, to: \.departmentRank)
        }

        // The bottom of the ranking: the `count` lowest composites, ties at the edge included.
        let bottomCount =
            policy.flags.compactMap { rule -> Int? in
                if case .bottomRank(let count) = rule { return count } else { return nil }
            }.max() ?? 0
        let byComposite = ranked.sorted { scores[$0].composite! < scores[$1].composite! }
        if bottomCount > 0, !byComposite.isEmpty {
            let edge = scores[byComposite[min(bottomCount, byComposite.count) - 1]].composite!
            for index in byComposite where scores[index].composite! <= edge + 1e-9 {
                scores[index].bottom = true
            }
        }

        for index in scores.indices where !scores[index].insufficientData {
            scores[index].flags = flags(for: scores[index], policy: policy, rankedCount: ranked.count)
            if scores[index].flagged {
                (scores[index].action, scores[index].actionReason) = followUp(
                    for: scores[index], policy: policy, year: input.year, history: input.history[scores[index].employeeNumber])
            }
        }
        return scores.sorted(by: order)
    }

    /// The components of one chief, before ranking.
    static func baseScore(_ tally: ChiefTally, input: ScoringInput) -> ChiefScore {
        let policy = input.policy
        var n = 0
        var points = 0.0
        var unsatisfied = 0
        for option in input.options {
            let count = tally.counts[option.id] ?? 0
            guard let value = option.points else { continue }
            n += count
            points += value * Double(count)
            if option.unsatisfied { unsatisfied += count }
        }
        let merchantScore = n > 0 ? points / Double(n) : nil
        let stars = input.stars[tally.departmentCode]
        let ownAssessment = input.chiefAssessments[tally.employeeNumber]
        let assessment = ownAssessment ?? input.departmentAssessments[tally.departmentCode]
        let assessmentScore = assessment?.weighted(by: policy.assessment)

        let parts: [(ScoreComponent, Double?, Fraction)] = [
            (.merchantReview, merchantScore, policy.weights.merchantReview),
            (.starRating, stars?.score, policy.weights.starRating),
            (.assessment, assessmentScore, policy.weights.assessment),
        ]
        let present = parts.filter { $0.1 != nil && $0.2.numerator > 0 }
        let weightSum = present.reduce(0.0) { $0 + $1.2.value }
        var composite: Double?
        var note: String?
        if weightSum > 0 {
            composite = present.reduce(0.0) { $0 + $1.1! * $1.2.value } / weightSum
            let missing = parts.filter { $0.1 == nil && $0.2.numerator > 0 }.map(\.0.label)
            if !missing.isEmpty {
                let used = present.map { "\($0.0.label) \(Figures.percent($0.2.value / weightSum))" }.joined(separator: "、")
                note = "缺少\(missing.joined(separator: "、"))，按 \(used) 重新归一计算"
            }
        }
        return ChiefScore(
            employeeNumber: tally.employeeNumber, name: tally.name, departmentCode: tally.departmentCode,
            departmentName: tally.departmentName, section: tally.section, position: tally.position,
            // Every score rounded once, to the policy's decimals; the composite is made from the
            // unrounded parts and then rounded, and the ranking below works on what is shown.
            n: n, counts: tally.counts, merchantScore: ScoreRounding.round(merchantScore, decimals: policy.decimals), unsatisfied: unsatisfied,
            unsatisfiedShare: n > 0 ? Double(unsatisfied) / Double(n) : nil,
            unsatisfiedInterval: WilsonInterval(successes: unsatisfied, trials: n),
            starScore: ScoreRounding.round(stars?.score, decimals: policy.decimals), starLevel: stars?.level,
            assessmentScore: ScoreRounding.round(assessmentScore, decimals: policy.decimals), ownAssessment: ownAssessment != nil,
            composite: ScoreRounding.round(composite, decimals: policy.decimals), components: present.map(\.0), compositeNote: note,
            insufficientData: n < policy.minBallots, rank: nil, departmentRank: nil, bottom: false, flags: [], action: nil,
            actionReason: nil)
    }

    static func flags(for score: ChiefScore, policy: ScoringPolicy, rankedCount: Int) -> [FlagEvidence] {
        var evidence: [FlagEvidence] = []
        for rule in policy.flags {
            switch rule {
            case .unsatisfiedShare(let threshold):
                guard score.n >= policy.minBallots, threshold.isReached(by: score.unsatisfied, of: score.n) else { continue }
                let text =
                    "有效票 \(score.n) 张，其中不满意 \(score.unsatisfied) 张，占 \(Figures.percent(score.unsatisfiedShare ?? 0))，达到不满意票占 \(Figures.percent(threshold.value)) 及以上的认定标准"
                let note = score.unsatisfiedInterval.map {
                    "按 \(score.n) 张有效票推算，不满意率大致在 \(Figures.percent($0.low))–\(Figures.percent($0.high)) 之间（95% 把握）；票数越少，这个范围越宽。"
                }
                evidence.append(FlagEvidence(rule: "unsatisfiedShare", text: text, note: note))
            case .bottomRank(let count):
                guard count > 0, score.bottom, let rank = score.rank, let composite = score.composite else { continue }
                evidence.append(
                    FlagEvidence(
                        rule: "bottomRank",
                        text: "综合得分 \(Figures.score(composite))，在 \(rankedCount) 名股室长中排第 \(rank) 名，属末 \(count) 名（末位）"))
            }
        }
        return evidence
    }

    static func followUp(for score: ChiefScore, policy: ScoringPolicy, year: Int, history: ChiefHistory?) -> (FollowUpAction?, String?) {
        for step in policy.followUp {
            for condition in step.conditions {
                switch condition {
                case .flagged:
                    return (step.action, "本年度被列为不满意或末位股室长")
                case .unsatisfiedShare(let threshold):
                    if score.n >= policy.minBallots, threshold.isReached(by: score.unsatisfied, of: score.n) {
                        return (step.action, "不满意票占 \(Figures.percent(score.unsatisfiedShare ?? 0))，达到 \(Figures.percent(threshold.value)) 及以上")
                    }
                case .flaggedPreviousYear:
                    if history?.flagged[year - 1] == true {
                        return (step.action, "本年度及上一年度（\(year - 1)）均被列为不满意或末位股室长")
                    }
                case .flaggedInPreviousYears(let times, let years):
                    let earlier = ((year - years)...(year - 1)).filter { history?.flagged[$0] == true }
                    if earlier.count >= times {
                        return (step.action, "此前 \(years) 个年度中有 \(earlier.count) 个年度（\(earlier.map(String.init).joined(separator: "、"))）被列为不满意或末位股室长")
                    }
                }
            }
        }
        return (nil, nil)
    }

    /// Standard competition ranking by composite, highest first (1, 2, 2, 4), written to `rank`
    /// or `departmentRank`.
    static func assignRanks(_ indices: [Int], in scores: inout [ChiefScore], to field: WritableKeyPath<ChiefScore, Int?>) {
        let sorted = indices.sorted { scores[$0].composite! > scores[$1].composite! }
        for (position, index) in sorted.enumerated() {
            let previous = position > 0 ? sorted[position - 1] : nil
            if let previous, abs(scores[previous].composite! - scores[index].composite!) < 1e-9 {
                scores[index][keyPath: field] = scores[previous][keyPath: field]
            } else {
                scores[index][keyPath: field] = position + 1
            }
        }
    }

    /// Rank order: ranked chiefs by rank, then the unranked by department and employee number.
    public static func order(_ a: ChiefScore, _ b: ChiefScore) -> Bool {
        switch (a.rank, b.rank) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.departmentCode, a.employeeNumber) < (b.departmentCode, b.employeeNumber)
        }
    }
}
