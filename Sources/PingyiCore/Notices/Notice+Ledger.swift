extension Notice {
    /// A month's 调度 通报: every department's handling in the month, and the 约谈 list.
    public static func monthly(
        month: LedgerMonth, rows: [DepartmentMonth], identity: CountyIdentity, docNumber: String, issuedOn: CivilDate
    ) -> Notice {
        let interviews = rows.filter { $0.interviewReason != nil }
        let total = rows.reduce(into: (assigned: 0, closed: 0, overdue: 0)) {
            $0.assigned += $1.assigned
            $0.closed += $1.closed
            $0.overdue += $1.overdue
        }
        let body = [
            "现将\(month.year)年\(month.month)月全县营商环境问题办理情况通报如下。",
            "本月共交办问题\(total.assigned)件，办结\(total.closed)件；截至\(issuedOn < month.last ? CountyCalendar.written(issuedOn) : "月末")，逾期未办结\(total.overdue)件。",
            "请逾期未办结的部门抓紧办理，并在系统「本部门问题」中及时报告办理情况。",
        ]
        let departmentRows = rows.map { row in
            [
                "name": row.name, "assigned": "\(row.assigned)", "closed": "\(row.closed)", "onTime": "\(row.closedOnTime)",
                "sentBack": "\(row.sentBack)", "overdue": "\(row.overdue)", "rate": row.onTimeRate.map(Figures.percent) ?? "—",
            ]
        }
        return Notice(
            kind: .monthly, officeName: identity.officeName, docNumber: docNumber,
            title: "关于\(month.year)年\(month.month)月营商环境问题办理情况的通报", recipients: "各有关部门：", body: body,
            sections: [
                Section(
                    heading: "一、各部门问题办理情况", list: "departments",
                    columns: [
                        Column("部门", "name"), Column("本月交办", "assigned", figure: true), Column("办结", "closed", figure: true),
                        Column("按期办结", "onTime", figure: true), Column("督查退回", "sentBack", figure: true),
                        Column("逾期未办结", "overdue", figure: true), Column("按期办结率", "rate", figure: true),
                    ], rows: departmentRows),
                Section(
                    heading: "二、约谈提醒",
                    note: interviews.isEmpty ? "本月没有需要约谈提醒的部门。" : "以下部门本月须约谈提醒，请部门主要负责人按通知到营商办说明情况。",
                    noteKey: "interviewNote", list: "interviews", columns: [Column("部门", "department"), Column("事由", "reason")],
                    rows: interviews.map { ["department": $0.name, "reason": $0.interviewReason ?? ""] }),
            ],
            seal: identity.seal, date: CountyCalendar.written(issuedOn))
    }

    /// A quarter's 通报: the departments ranked by their handling of problems.
    public static func quarterly(
        year: Int, quarter: Int, rows: [DepartmentQuarter], identity: CountyIdentity, docNumber: String, issuedOn: CivilDate
    ) -> Notice {
        let scored = rows.filter { $0.score != nil }
        let body = [
            "现将\(year)年第\(Self.quarterName(quarter))季度各部门营商环境问题办理情况排名通报如下。得分根据按期办结率、督查退回率和回访满意率计算（逾期未办结的事项计为未按期办结）；本季度既无办结、退回、回访，也无逾期未办结事项的部门不参加排名。",
            "本季度参加排名的部门\(scored.count)个。请排名靠后的部门分析原因，切实提高问题办理质量。",
        ]
        let departmentRows = rows.map { row in
            [
                "rank": row.rank.map(String.init) ?? "—", "name": row.name, "closed": "\(row.closed)",
                "onTime": row.onTimeRate.map(Figures.percent) ?? "—", "sentBack": row.sendBackRate.map(Figures.percent) ?? "—",
                "satisfaction": row.satisfactionRate.map(Figures.percent) ?? "—", "score": Figures.score(row.score),
            ]
        }
        return Notice(
            kind: .quarterly, officeName: identity.officeName, docNumber: docNumber,
            title: "关于\(year)年第\(Self.quarterName(quarter))季度营商环境问题办理情况排名的通报", recipients: "各有关部门：", body: body,
            sections: [
                Section(
                    heading: "一、各部门问题办理排名", list: "departments",
                    columns: [
                        Column("名次", "rank", figure: true), Column("部门", "name"), Column("办结", "closed", figure: true),
                        Column("按期办结率", "onTime", figure: true), Column("退回率", "sentBack", figure: true),
                        Column("回访满意率", "satisfaction", figure: true), Column("得分", "score", figure: true),
                    ], rows: departmentRows)
            ],
            seal: identity.seal, date: CountyCalendar.written(issuedOn))
    }

    /// 一, 二, 三, 四.
    static func quarterName(_ quarter: Int) -> String {
        ["一", "二", "三", "四"][min(max(quarter, 1), 4) - 1]
    }
}
