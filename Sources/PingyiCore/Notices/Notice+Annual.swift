extension Notice {
    /// The year's 通报: the ranked chiefs, the 不满意 and 末位 chiefs with their follow-ups, and the
    /// departments' star levels, from the year's published run (or the latest, for a draft).
    public static func annual(
        run: ScoringRun, departments: [DepartmentResult], identity: CountyIdentity, docNumber: String, issuedOn: CivilDate
    ) -> Notice {
        let ranked = run.scores.filter { $0.rank != nil }.sorted { ($0.rank ?? 0, $0.employeeNumber) < ($1.rank ?? 0, $1.employeeNumber) }
        let flagged = run.scores.filter(\.flagged).sorted { ($0.rank ?? Int.max, $0.employeeNumber) < ($1.rank ?? Int.max, $1.employeeNumber) }
        let unsatisfied = flagged.filter { $0.flags.contains { $0.rule != "bottomRank" } }.count
        let bottomOnly = flagged.count - unsatisfied
        let unranked = run.scores.count - ranked.count
        var body = [
            "按照\(run.year)年度营商环境评议工作安排，\(identity.officeName)组织开展了客商评议股室长、特约监督员评星定级和目标责任考核，三项结果按计分规则合成股室长综合得分。现将\(run.year)年度股室长评议结果通报如下。",
            "本年度共评议股室长\(run.scores.count)名，\(ranked.count)名参加排名"
                + (unranked > 0 ? "（\(unranked)名有效票不足，不参加排名）" : "")
                + "；列为不满意股室长\(unsatisfied)名，另有\(bottomOnly)名因综合得分排在末位列为末位股室长。",
            "请各有关部门对照评议结果和客商意见，认真抓好整改落实；被列为不满意或末位的股室长，按下表所列意见处理。",
        ]
        if !run.official { body.insert("（本稿依据尚未发布的计分结果生成，仅供审阅。）", at: 0) }
        let rankingRows = ranked.map { score in
            [
                "rank": "\(score.rank ?? 0)", "name": score.name, "department": score.departmentName, "section": score.section,
                "score": Figures.score(score.composite), "ballots": "\(score.n)", "share": score.unsatisfiedShare.map(Figures.percent) ?? "—",
            ]
        }
        let flaggedRows = flagged.map { score in
            [
                "name": score.name, "unit": "\(score.departmentName)\(score.section)",
                "label": Array(Set(score.flags.map(\.label))).sorted(by: >).joined(separator: "、"),
                "evidence": score.flags.map(\.text).joined(separator: "；"), "action": score.action?.rawValue ?? "—",
            ]
        }
        let starRows = departments.map { line in
            [
                "department": line.name, "level": line.starLevel.map { "\($0) 星" } ?? "—", "average": Figures.score(line.starScore),
                "flagged": "\(line.flagged)",
            ]
        }
        return Notice(
            kind: .annual, officeName: identity.officeName, docNumber: docNumber,
            title: "关于\(run.year)年度股室长评议结果的通报", recipients: "各有关部门：", body: body,
            sections: [
                Section(
                    heading: "一、股室长综合得分排名", list: "ranking",
                    columns: [
                        Column("名次", "rank", figure: true), Column("姓名", "name"), Column("部门", "department"), Column("股室", "section"),
                        Column("综合得分", "score", figure: true), Column("有效票", "ballots", figure: true),
                        Column("不满意率", "share", figure: true),
                    ], rows: rankingRows),
                Section(
                    heading: "二、不满意和末位股室长及处理意见",
                    note: flagged.isEmpty
                        ? "本年度没有不满意或末位股室长。"
                        : "「不满意」指不满意票达到计分规则的比例；「末位」指综合得分排在最后几名。", noteKey: "flaggedNote",
                    list: "flagged",
                    columns: [
                        Column("姓名", "name"), Column("部门及股室", "unit"), Column("情形", "label"), Column("依据", "evidence"),
                        Column("处理意见", "action"),
                    ], rows: flaggedRows),
                Section(
                    heading: "三、部门评星定级结果", list: "stars",
                    columns: [
                        Column("部门", "department"), Column("星级", "level"), Column("评星得分", "average", figure: true),
                        Column("不满意或末位股室长", "flagged", figure: true),
                    ], rows: starRows),
            ],
            seal: identity.seal, date: CountyCalendar.written(issuedOn))
    }
}
