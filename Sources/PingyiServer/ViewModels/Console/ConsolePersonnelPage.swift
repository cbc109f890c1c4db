import PingyiCore

/// 人员名单: HR's promotion and adjustment lists of a published year, with the CSV download.
struct ConsolePersonnelPage: Page {
    /// `Templates/console-personnel.mustache`.
    static let template = "console-personnel"

    struct Line: Sendable {
        let list: String
        let employeeNumber: String
        let name: String
        let department: String
        let position: String
        let rank: String
        let composite: String
        let reason: String
        let adjustment: Bool
    }

    let member: ConsoleMemberView
    let year: Int
    let run: Int
    let years: [ConsoleOption]
    let canOpenChiefs: Bool
    let lines: [Line]

    init(member: ConsoleMemberView, year: Int, run: Int, years: [Int], rows: [PersonnelRow]) {
        self.member = member
        self.year = year
        self.run = run
        self.years = years.map { ConsoleOption(value: "\($0)", label: "\($0) 年度", selected: $0 == year) }
        canOpenChiefs = member.canRank
        lines = rows.map { row in
            Line(
                list: row.list.label, employeeNumber: row.score.employeeNumber, name: row.score.name,
                department: "\(row.score.departmentName) \(row.score.section)", position: row.score.position,
                rank: row.score.rank.map(String.init) ?? "—", composite: Figures.score(row.score.composite), reason: row.reason,
                adjustment: row.list == .adjustment)
        }
    }
}
