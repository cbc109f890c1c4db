import Foundation
import PingyiCore
import PingyiStore

/// Simulated respondents for the demo county: each ballot is filled in the way a person would
/// fill the web form (the same field names), checked by `BallotValidator` and stored by
/// `BallotStore.submit` — the code path of `POST /s` and `POST /r`.
///
/// The spread is deterministic. Most chiefs are well liked; a few are not: G0202 (县市场监督管理局
/// 食品安全监管股) every year, worse from 2025, G0103 in 2026 only, G0302 in 2025 only.
enum DemoSimulation {
    /// Chiefs the merchants are unhappy with, by year: (employee number, share 不满意).
    static let unhappy: [Int: [String: Double]] = [
        2024: ["G0202": 0.2],
        2025: ["G0202": 0.45, "G0302": 0.42],
        2026: ["G0202": 0.40, "G0103": 0.55],
    ]

    /// Fills and submits the ballots of `invitations` (each with probability `share`, the first
    /// left unused for a sample link). Returns how many were accepted.
    static func submit(_ invitations: [IssuedInvitation], campaign: Campaign, share: Double, store: BallotStore) async throws -> Int {
        var accepted = 0
        for (index, invitation) in invitations.enumerated() where index > 0 {
            var random = SeededRandom(seed: SeededRandom.seed("\(campaign.year)/\(campaign.kind.rawValue)/\(invitation.respondent.key)"))
            guard Double.random(in: 0..<1, using: &random) < share else { continue }
            let year = campaign.year
            let start = random
            let attempt = try await store.submit(tokenHash: invitation.token.hash, kind: campaign.kind) { ballot in
                var generator = start
                let fields =
                    campaign.kind == .merchantReview
                    ? merchantFields(ballot, year: year, random: &generator)
                    : supervisorFields(ballot, random: &generator)
                return BallotValidator.validate(
                    fields, template: ballot.campaign.template, targets: ballot.targets, allowSigned: campaign.kind == .starRating)
            }
            if case .submitted(.accepted) = attempt { accepted += 1 }
        }
        return accepted
    }

    static func merchantFields(_ ballot: BallotInvitation, year: Int, random: inout SeededRandom) -> [String: String] {
        var fields: [String: String] = [:]
        for chief in ballot.departments.flatMap(\.chiefs) {
            let unhappyShare = unhappy[year]?[chief.employeeNumber]
            let roll = Double.random(in: 0..<1, using: &random)
            let option: String
            if let unhappyShare {
                option = roll < unhappyShare ? "unsatisfied" : roll < unhappyShare + 0.25 ? "basic" : roll < 0.93 ? "satisfied" : "unknown"
            } else {
                option = roll < 0.66 ? "satisfied" : roll < 0.88 ? "basic" : roll < 0.93 ? "unsatisfied" : "unknown"
            }
            fields[BallotField.answer(target: chief.employeeNumber, question: "overall")] = option
            if option == "unsatisfied", Double.random(in: 0..<1, using: &random) < 0.3 {
                fields[BallotField.answer(target: chief.employeeNumber, question: "comment")] =
                    ["材料要求反复变更，跑了三次才办好。", "窗口答复不清楚，电话经常无人接听。", "审批时限超过承诺时间。"].randomElement(using: &random)!
            }
        }
        if Double.random(in: 0..<1, using: &random) < 0.1 {
            fields[BallotField.general(question: "general_comment")] = "希望进一步推行“一件事一次办”。"
        }
        return fields
    }

    static func supervisorFields(_ ballot: BallotInvitation, random: inout SeededRandom) -> [String: String] {
        var fields: [String: String] = [:]
        for department in ballot.departments {
            // Each department has its own level, fixed by its code, plus each supervisor's view.
            var level = SeededRandom(seed: SeededRandom.seed(department.code))
            let base = Int.random(in: 3...5, using: &level)
            for question in ["satisfaction", "policy", "benefit"] {
                let stars = min(5, max(1, base + Int.random(in: -1...1, using: &random)))
                fields[BallotField.answer(target: department.code, question: question)] = "\(stars)"
            }
            if Double.random(in: 0..<1, using: &random) < 0.04 {
                fields[BallotField.answer(target: department.code, question: "clue")] = "有企业反映\(department.name)办事窗口午休时段无人值守。"
                if Double.random(in: 0..<1, using: &random) < 0.5 { fields[BallotField.signed] = "1" }
            }
        }
        return fields
    }
}
