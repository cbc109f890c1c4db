import PingyiCore

/// 试算: the ranking, the 不满意 chiefs and the lists the year would get if scored now — marked
/// as a trial and stored nowhere.
struct ConsoleTrialPage: Page {
    /// `Templates/console-trial.mustache`.
    static let template = "console-trial"

    /// One chief's line.
    struct Line: Sendable {
        let rank: String
        let name: String
        let department: String
        let composite: String
        let flagged: Bool
        let action: String
    }

    let member: ConsoleMemberView
    let csrf: String
    let year: Int
    let ranked: Int
    let flagged: Int
    let insufficient: Int
    let lines: [Line]
    let notes: [String]
    /// Said first when nobody would be ranked: scoring now gives a ranking that cannot be published.
    let warning: String?

    /// The run as the office may see it: a chief below `minBallots` valid votes shows no figure
    /// made from merchants' answers (`ChiefScore.disclosed`), as on the published pages.
    init(member: ConsoleMemberView, csrf: String, run: ScoringRun, minBallots: Int) {
        self.member = member
        self.csrf = csrf
        year = run.year
        let scores = run.disclosed.scores.sorted { ($0.rank ?? Int.max, $0.name) < ($1.rank ?? Int.max, $1.name) }
        ranked = scores.count { $0.rank != nil }
        flagged = scores.count(where: \.flagged)
        insufficient = scores.count(where: \.insufficientData)
        lines = scores.map { score in
            Line(
                rank: score.rank.map(String.init) ?? "—", name: score.name, department: score.departmentName,
                composite: Figures.score(score.composite, missing: "有效票不足"), flagged: score.flagged, action: score.action?.rawValue ?? "")
        }
        notes = run.notes
        warning = YearSteps.rankingWarning(ranked: ranked, chiefs: scores.count, minBallots: minBallots)
    }
}
