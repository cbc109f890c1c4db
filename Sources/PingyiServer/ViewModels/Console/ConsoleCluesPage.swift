import Foundation
import PingyiCore

/// 问题线索: the supervisors' clues with their status (new / assigned / resolved), each with a
/// form to move it on and note how it was handled.
struct ConsoleCluesPage: Page {
    /// `Templates/console-clues.mustache`.
    static let template = "console-clues"

    struct Line: Sendable {
        let id: String
        let reported: String
        let department: String
        let body: String
        let signedBy: String
        let status: String
        let statusClass: String
        let note: String
        let options: [ConsoleOption]
        /// A new clue may become a ledger problem in one click.
        let convertible: Bool
    }

    let member: ConsoleMemberView
    let csrf: String
    let filters: [ConsoleOption]
    let counts: String
    let lines: [Line]
    /// The environments a clue turned into a problem may concern.
    let environments: [ConsoleOption]

    init(member: ConsoleMemberView, csrf: String, clues: [ProblemClue], all: [ProblemClue], status: ProblemClue.Status?) {
        self.member = member
        self.csrf = csrf
        filters =
            [ConsoleOption(value: "", label: "全部", selected: status == nil)]
            + ProblemClue.Status.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.label, selected: $0 == status) }
        counts = ProblemClue.Status.allCases.map { state in "\(state.label) \(all.filter { $0.status == state }.count)" }.joined(separator: "　")
        lines = clues.map { clue in
            Line(
                id: clue.id.uuidString.lowercased(), reported: "\(clue.reportedOn)", department: clue.departmentName, body: clue.body,
                signedBy: clue.signedBy ?? "匿名", status: clue.status.label, statusClass: clue.status.rawValue, note: clue.note ?? "",
                options: ProblemClue.Status.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.label, selected: $0 == clue.status) },
                convertible: clue.status == .new)
        }
        environments = BusinessEnvironment.allCases.map { ConsoleOption(value: $0.rawValue, label: $0.rawValue, selected: false) }
    }

    /// Every clue as a table to download.
    static func sheet(_ clues: [ProblemClue]) -> Spreadsheet {
        Spreadsheet(
            title: "特约监督员问题线索", sheetName: "问题线索",
            columns: [
                SpreadsheetColumn("日期", width: 12), SpreadsheetColumn("部门", width: 22), SpreadsheetColumn("内容", width: 60),
                SpreadsheetColumn("反映人", width: 10), SpreadsheetColumn("状态", width: 10), SpreadsheetColumn("处理情况", width: 40),
            ],
            rows: clues.map { clue in
                [
                    .text("\(clue.reportedOn)"), .text(clue.departmentName), .text(clue.body), .text(clue.signedBy ?? "匿名"), .text(clue.status.label),
                    .text(clue.note ?? ""),
                ]
            })
    }
}
