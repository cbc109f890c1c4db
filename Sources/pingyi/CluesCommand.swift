import ArgumentParser
import PingyiCore
import PingyiStore

extension ProblemClue.Status: ExpressibleByArgument {}

/// `pingyi clues list [--status new|assigned|resolved]`
struct CluesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clues", abstract: "特约监督员反映的问题线索。", subcommands: [List.self])

    /// Lists the clues.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出问题线索（部门、日期、内容；仅在监督员署名时显示姓名）。")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "只列出该状态：new、assigned、resolved") var status: ProblemClue.Status?

        func run() async throws {
            let clues = try await database.withPool { try await ProblemClueStore(pool: $0).list(status: status) }
            if clues.isEmpty { print("没有问题线索。") }
            for clue in clues {
                print("\(clue.reportedOn)\t\(clue.departmentName)（\(clue.departmentCode)）\t\(clue.status.label)\t\(clue.signedBy.map { "署名：\($0)" } ?? "匿名")")
                print("    \(clue.body.replacingOccurrences(of: "\n", with: "\n    "))")
            }
        }
    }
}
