import ArgumentParser
import Foundation
import PingyiConfiguration
import PingyiCore
import PingyiStore

/// `pingyi clues list [--status new|assigned|resolved]`, `pingyi clues update ID --status … --note …`
struct CluesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clues", abstract: "特约监督员反映的问题线索。", subcommands: [List.self, Update.self])

    /// Lists the clues.
    struct List: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出问题线索（部门、日期、内容；仅在监督员署名时显示姓名）。")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "只列出该状态：新线索、已交办、已办结") var status: ProblemClue.Status?

        func run(_ configuration: PingyiConfiguration) async throws {
            let clues = try await database.withPool(configuration) { try await ProblemClueStore(pool: $0).list(status: status) }
            if clues.isEmpty { print("没有问题线索。") }
            for clue in clues {
                print(
                    "\(clue.id.uuidString.lowercased())\t\(clue.reportedOn)\t\(clue.departmentName)（\(clue.departmentCode)）\t\(clue.status.label)\t\(clue.signedBy.map { "署名：\($0)" } ?? "匿名")"
                )
                print("    \(clue.body.replacingOccurrences(of: "\n", with: "\n    "))")
                if let note = clue.note { print("    办理情况：\(note)") }
            }
        }
    }

    /// Moves a clue on: 新线索 → 已交办 → 已办结, with a note; audited.
    struct Update: ConfiguredCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "更新问题线索的状态和办理情况（记入审计日志）。")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "线索编号（clues list 第一列）") var id: String
        @Option(help: "新线索、已交办 或 已办结") var status: ProblemClue.Status
        @Option(help: "办理情况（最多 2000 字）") var note: String = ""

        func run(_ configuration: PingyiConfiguration) async throws {
            guard let uuid = UUID(uuidString: id) else { throw CLIError("「\(id)」不是线索编号（应为 clues list 第一列的 36 位编号）") }
            let clue = try await database.withPool(configuration) {
                try await ProblemClueStore(pool: $0).update(id: uuid, status: status, note: note, actor: configuration.actor)
            }
            print("线索 \(id) 现在为「\(clue.status.label)」。")
        }
    }
}
